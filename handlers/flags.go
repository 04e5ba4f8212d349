package handlers

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/records"
	"github.com/gongkai/gongkai/views"
)

// flags lists the publications that went out against their secrecy review
// (possible 不应公开而公开), open ones first; a head sees their own.
func (s *Server) flags(c *fiber.Ctx) error {
	return s.flagsPage(c, fiber.Map{})
}

// flagsPage lists the flags; data carries a rejected decision (named
// "flag-<publication id>") as typed, with its errors.
func (s *Server) flagsPage(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	ctx := c.UserContext()
	fs, err := records.New(s.store).Flags(ctx, v, 0)
	if err != nil {
		return err
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return err
	}
	var open, decided []records.Flag
	for _, f := range fs {
		if f.Decision == nil {
			open = append(open, f)
		} else {
			decided = append(decided, f)
		}
	}
	canDecide := v.Can(models.ActDecideFlag)
	data["Open"], data["Decided"], data["Names"], data["CanDecide"] = open, decided, names, canDecide
	return s.page(c, "flags", "flag.title", data)
}

// flagForm is a decision on a flag as typed: confirm or dismiss, and a note.
type flagForm struct {
	Decision, Note string
}

// maxFlagNote bounds the note (the column holds 1000 characters).
const maxFlagNote = 1000

// Validate needs a known decision, and a reason to dismiss.
func (f flagForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Decision != records.FlagConfirmed && f.Decision != records.FlagDismissed {
		errs.Add("decision", "form.choose")
	}
	switch {
	case utf8.RuneCountInString(f.Note) > maxFlagNote:
		errs.Add("note", "form.too_long", maxFlagNote)
	case f.Decision == records.FlagDismissed && f.Note == "":
		errs.Add("note", "flag.error.reason")
	}
	return errs
}

// decideFlag confirms a flag (recording the incident) or dismisses it with
// a reason; the Store checks the role and writes the audit log.
func (s *Server) decideFlag(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := flagForm{Decision: c.FormValue("decision"), Note: strings.TrimSpace(c.FormValue("note"))}
	data := fiber.Map{"Rejected": "flag-" + strconv.FormatUint(uint64(id), 10)}
	if !validate(c, f, data) {
		return s.flagsPage(c, data)
	}
	_, err = records.New(s.store).DecideFlag(c.UserContext(), v, id, f.Decision, f.Note, s.opt.Now())
	if refused(c, err, f, data, "note") {
		return s.flagsPage(c, data)
	}
	if err != nil {
		return err
	}
	msg := views.T(lang(c), "flag.done.confirmed")
	if f.Decision == records.FlagDismissed {
		msg = views.T(lang(c), "flag.done.dismissed")
	}
	return s.flashBack(c, msg, "/flags")
}

// openFlags counts the flags waiting for a decision, for the overview's
// notice; the overview keeps the count under its own stamp, which a
// decision moves (flagsKey).
func (s *Server) openFlags(c *fiber.Ctx, v models.Viewer) (int, error) {
	fs, err := records.New(s.store).Flags(c.UserContext(), v, 0)
	n := 0
	for _, f := range fs {
		if f.Decision == nil {
			n++
		}
	}
	return n, err
}
