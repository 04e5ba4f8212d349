package handlers

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/views"
)

// pubStepForm is any step of a document's work as typed: each step reads the
// fields it takes, and the Store refuses what its state does not allow.
type pubStepForm struct {
	form                                         string
	Note, Attribute, Exemption, Keep, Until, Day string
	Opinion, Basis, Reason, Referred, Answer     string
	Redacted, Letter, Contact, Asked, Decision   string
	Channel, URL                                 string
}

// Validate checks the bounds and the dates a step's form needs.
func (f pubStepForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("note", f.Note, 2000, false)
	errs.Text("basis", f.Basis, 1024, f.form == "step")
	errs.Text("reason", f.Reason, 2000, false)
	errs.Text("referred", f.Referred, 256, false)
	errs.Text("answer", f.Answer, 2000, false)
	errs.Text("redacted", f.Redacted, 2000, false)
	errs.Text("letter", f.Letter, 4000, f.form == "consult")
	errs.Text("contact", f.Contact, 128, f.form == "consult")
	errs.Text("channel", f.Channel, 32, f.form == "publish" || f.form == "change")
	errs.Text("url", f.URL, 1024, false)
	switch f.form {
	case "defer":
		errs.Date("until", f.Until, true)
	case "publish", "change", "withdraw":
		errs.Date("day", f.Day, true)
	case "consult":
		errs.Choice("asked", f.Asked)
	}
	return errs
}

// pubStepAct does one step for the viewer on the document id.
type pubStepAct func(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error

// pubPost reads a step's form, has the Store take it, and shows the
// document again: with the refusal beside the form (422), or the flash.
func (s *Server) pubPost(form string, act pubStepAct) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, _ := viewer(c)
		id, err := pathID(c)
		if err != nil {
			return err
		}
		val := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
		f := pubStepForm{form: form, Note: val("note"), Attribute: val("attribute"), Exemption: val("exemption"), Keep: val("keep"),
			Until: val("until"), Day: val("day"), Opinion: val("opinion"), Basis: val("basis"), Reason: val("reason"),
			Referred: val("referred"), Answer: val("answer"), Redacted: val("redacted"), Letter: val("letter"),
			Contact: val("contact"), Asked: val("asked"), Decision: val("decision"), Channel: val("channel"), URL: val("url")}
		data := fiber.Map{"Rejected": form}
		if !validate(c, f, data) {
			return s.publicationView(c, data)
		}
		err = act(c, v, id, f)
		if refused(c, err, f, data, "note", "attribute", "exemption", "until", "day", "opinion", "basis", "reason",
			"referred", "answer", "redacted", "letter", "contact", "asked", "decision", "channel", "url") {
			return s.publicationView(c, data)
		}
		if err != nil {
			return err
		}
		return s.flashBack(c, views.T(lang(c), "publications.done"), "/publications/"+strconv.FormatUint(uint64(id), 10))
	}
}

func (s *Server) reviewAttribute(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	return publications.New(s.store).ReviewAttribute(c.UserContext(), v, id, f.Decision == "agree", f.Note, s.opt.Now())
}

func (s *Server) redetermine(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	return publications.New(s.store).Redetermine(c.UserContext(), v, id, f.Keep == "keep", f.Attribute, f.Exemption, f.Note, s.opt.Now())
}

func (s *Server) signerDecision(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	return publications.New(s.store).SignerDecision(c.UserContext(), v, id, f.Attribute, f.Exemption, f.Note, s.opt.Now())
}

func (s *Server) deferPublication(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	return publications.New(s.store).Defer(c.UserContext(), v, id, formDate(f.Until), f.Note, s.opt.Now())
}

func (s *Server) settleDeferral(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	return publications.New(s.store).SettleDeferral(c.UserContext(), v, id, f.Note, s.opt.Now())
}

// signStep signs step n of the secrecy review.
func (s *Server) signStep(n int) pubStepAct {
	return func(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
		o := publications.Opinion{Opinion: f.Opinion, Basis: f.Basis, Reason: f.Reason, Referred: f.Referred, Answer: f.Answer, Redacted: f.Redacted}
		return publications.New(s.store).SignStep(c.UserContext(), v, id, n, o, s.opt.Now())
	}
}

func (s *Server) consult(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	l := publications.Letter{Asked: typedID(f.Asked), Text: f.Letter, Contact: f.Contact}
	_, err := publications.New(s.store).Consult(c.UserContext(), v, id, l, s.opt.Now())
	return err
}

func (s *Server) publish(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	r := publications.Release{Day: formDate(f.Day), Channel: f.Channel, URL: f.URL}
	_, err := publications.New(s.store).Publish(c.UserContext(), v, id, r, s.opt.Now())
	return err
}

func (s *Server) changePublication(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	r := publications.Release{Day: formDate(f.Day), Channel: f.Channel, URL: f.URL, Reason: f.Reason}
	return publications.New(s.store).Change(c.UserContext(), v, id, r, s.opt.Now())
}

func (s *Server) withdraw(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	return publications.New(s.store).Withdraw(c.UserContext(), v, id, formDate(f.Day), f.Reason, s.opt.Now())
}

func (s *Server) object(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	return publications.New(s.store).Object(c.UserContext(), v, id, f.Note, s.opt.Now())
}

// consultationID reads the consultation of the path (:cid).
func consultationID(c *fiber.Ctx) (uint, error) {
	id, err := c.ParamsInt("cid")
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return uint(id), nil
}

func (s *Server) answer(c *fiber.Ctx, v models.Viewer, _ uint, f pubStepForm) error {
	cid, err := consultationID(c)
	if err != nil {
		return err
	}
	return publications.New(s.store).Answer(c.UserContext(), v, cid, f.Opinion, f.Reason, s.opt.Now())
}

func (s *Server) settle(c *fiber.Ctx, v models.Viewer, _ uint, f pubStepForm) error {
	cid, err := consultationID(c)
	if err != nil {
		return err
	}
	return publications.New(s.store).Settle(c.UserContext(), v, cid, f.Decision, f.Note, s.opt.Now())
}
