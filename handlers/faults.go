package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/stamps"
)

// HealthTimeout bounds /healthz's ping: a load balancer asks often and
// wants an answer, not a hung connection.
const HealthTimeout = 2 * time.Second

// ComputeTimeout bounds the requests that score a whole year (a
// recomputation, an assessment plan's saving): at province scale they read
// every record.
const ComputeTimeout = 5 * time.Minute

// deadline gives every request's queries a deadline (Options.
// RequestTimeout): a frozen database turns into 503 pages, not hung ones.
// An upload route's import runs under its own time budget instead, and a
// year's scoring under ComputeTimeout. The request reads where every change
// stands once (stamps.Once).
func (s *Server) deadline(c *fiber.Ctx) error {
	d := s.opt.RequestTimeout
	switch {
	case s.routing.has(c, takesFiles):
		d = ingest.DefaultLimits.TimeBudget
	case s.routing.has(c, compute):
		d = max(d, ComputeTimeout)
	}
	ctx, cancel := context.WithTimeout(stamps.Once(c.UserContext()), d)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}

func (s *Server) health(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), HealthTimeout)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable")
	}
	return c.SendString("ok")
}
