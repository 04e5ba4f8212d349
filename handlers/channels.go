package handlers

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// channels is GET /channels: the office's lists of 公开形式 and 申请方式
// that imports accept and the annual report counts by.
func (s *Server) channels(c *fiber.Ctx) error {
	return s.channelsPage(c, fiber.Map{})
}

// channelsPage shows both lists, each with its form of a new channel;
// data carries the rejected one (named by its kind) as typed.
func (s *Server) channelsPage(c *fiber.Ctx, data fiber.Map) error {
	ctx := c.UserContext()
	pubs, err := s.store.Channels(ctx, models.ChannelPublication)
	if err != nil {
		return err
	}
	reqs, err := s.store.Channels(ctx, models.ChannelRequest)
	if err != nil {
		return err
	}
	data["Publication"], data["Request"] = pubs, reqs
	return s.page(c, "channels", "channels.title", data)
}

// channelForm is a new channel as typed: its list (a hidden field) and name.
type channelForm struct {
	Kind, Name string
}

// Validate asks for a name; the Store checks its length and characters,
// which differ by list.
func (f channelForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Name == "" {
		errs.Add("name", "form.required")
	}
	return errs
}

// addChannel is POST /channels: a new channel, audit-logged.
func (s *Server) addChannel(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := channelForm{Kind: c.FormValue("kind"), Name: strings.TrimSpace(c.FormValue("name"))}
	if f.Kind != models.ChannelPublication && f.Kind != models.ChannelRequest {
		return models.ErrNotFound
	}
	data := fiber.Map{"Rejected": f.Kind}
	if !validate(c, f, data) {
		return s.channelsPage(c, data)
	}
	err := s.store.AddChannel(c.UserContext(), v, f.Kind, f.Name)
	if refused(c, err, f, data, "name") {
		return s.channelsPage(c, data)
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
