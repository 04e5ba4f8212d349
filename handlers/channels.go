package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// channels is GET /channels: the office's lists of 公开形式 and 申请方式
// that imports accept and the annual report counts by.
func (s *Server) channels(c *fiber.Ctx) error {
	ctx := c.UserContext()
	pubs, err := s.store.Channels(ctx, models.ChannelPublication)
	if err != nil {
		return err
	}
	reqs, err := s.store.Channels(ctx, models.ChannelRequest)
	if err != nil {
		return err
	}
	return s.page(c, "channels", "channels.title", fiber.Map{"Publication": pubs, "Request": reqs})
}

// addChannel is POST /channels: a new channel, audit-logged.
func (s *Server) addChannel(c *fiber.Ctx) error {
	v, _ := viewer(c)
	err := s.store.AddChannel(c.UserContext(), v, c.FormValue("kind"), c.FormValue("name"))
	if msg, ok := mistake(err); ok {
		return s.flashBack(c, msg, "/channels")
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "channels.added"), "/channels")
}

// deleteChannel is POST /channels/:id/delete, audit-logged.
func (s *Server) deleteChannel(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := strconv.ParseUint(c.Params("id"), 10, 32)
	if err != nil {
		return models.ErrNotFound
	}
	if err := s.store.DeleteChannel(c.UserContext(), v, uint(id)); err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "channels.deleted"), "/channels")
}
