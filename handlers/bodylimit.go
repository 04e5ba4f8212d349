package handlers

import "github.com/gofiber/fiber/v2"

// Request bodies are streamed (fiber.Config.StreamRequestBody): nothing
// past the first few kilobytes is read before a handler asks for it. These
// limits are checked on the declared length, before anything is read.
const (
	// SmallBodyLimit caps the body of every route but the uploads: sign-in,
	// forms, scheme edits.
	SmallBodyLimit = 1 << 20
	// UploadBodyLimit caps an upload route's body: the largest import file
	// and the multipart framing around it. Multipart files are spooled to
	// temporary files, not kept in memory.
	UploadBodyLimit = 64<<20 + 1<<20
)

// limitBody refuses, before reading it, a body over SmallBodyLimit on any
// route but an upload route (declared with the property takesFiles where it is
// registered), one over UploadBodyLimit anywhere, and a body of unknown
// length (chunked) anywhere: browsers and API clients send Content-Length.
// Only a signed-in user (or, for the API, a request carrying a bearer
// token, checked before the body is read) may send an upload route more
// than SmallBodyLimit.
func (s *Server) limitBody(c *fiber.Ctx) error {
	n := c.Request().Header.ContentLength()
	switch {
	case n == -2 || (n >= 0 && n <= SmallBodyLimit):
		return c.Next()
	case n == -1:
		return fiber.NewError(fiber.StatusLengthRequired)
	case n > UploadBodyLimit || !s.routing.has(c, takesFiles):
		c.Request().SetConnectionClose()
		return fiber.ErrRequestEntityTooLarge
	}
	return c.Next()
}

// largeBodyNeedsSignIn runs after loadViewer and before anything reads a
// form: a large body on an upload route is read only for a signed-in user.
func (s *Server) largeBodyNeedsSignIn(c *fiber.Ctx) error {
	if _, ok := viewer(c); ok || c.Request().Header.ContentLength() <= SmallBodyLimit {
		return c.Next()
	}
	c.Request().SetConnectionClose()
	return fiber.ErrRequestEntityTooLarge
}
