package handlers

import (
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/views"
)

// caseSignings adds to the page of document doc of case id its 签收: who
// signed for the case's department and when (on the page and in its
// print), or that it has not; and the form when the viewer may sign it.
func (s *Server) caseSignings(c *fiber.Ctx, v models.Viewer, id, doc uint, data fiber.Map) error {
	ss, err := s.cases.Signings(c.UserContext(), v, id, doc)
	if err != nil {
		return err
	}
	data["Signings"], data["SignURL"] = ss, fmt.Sprintf("/cases/%d/documents/%d/sign", id, doc)
	for _, g := range ss {
		if g.Receipt == nil && v.MayForDepartment(models.ActSignDocument, g.DepartmentID) == nil {
			data["CanSign"] = true
		}
	}
	return nil
}

// signCaseDocument is POST /cases/:id/documents/:doc/sign: the head of the
// case's department signs for the document (签收).
func (s *Server) signCaseDocument(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	doc := paramUint(c, "doc")
	err = s.cases.SignDocument(c.UserContext(), v, id, doc, s.opt.Now())
	if data := (fiber.Map{}); refused(c, err, noInput{}, data) {
		d, err := s.cases.Document(c.UserContext(), v, id, doc)
		if err != nil {
			return err
		}
		f, err := s.cases.Get(c.UserContext(), v, id)
		if err != nil {
			return err
		}
		if err := s.caseSignings(c, v, id, doc, data); err != nil {
			return err
		}
		url := func(doc uint) string { return fmt.Sprintf("/cases/%d/documents/%d", id, doc) }
		return s.documentPageWith(c, d, f.Documents, caseURL(id), url(doc)+"/docx", url, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "receipts.signed"), fmt.Sprintf("/cases/%d/documents/%d", id, doc))
}

// publicationRemindForm is the office's 催办 on a publication: the pending
// review step, the consulted departments chosen, and a note.
type publicationRemindForm struct {
	Step  int
	Depts []uint
	Note  string
}

// Validate wants someone to remind and a note of reasonable length.
func (f publicationRemindForm) Validate() FieldErrors {
	e := FieldErrors{}
	if f.Step == 0 && len(f.Depts) == 0 {
		e.Add("target", "receipts.refuse.no_target")
	}
	e.Text("note", f.Note, publications.MaxRemindNote, false)
	return e
}

// remindPublication is POST /publications/:id/remind: 催办 to those who have
// not acted on its review or coordination.
func (s *Server) remindPublication(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := publicationRemindForm{Note: c.FormValue("note")}
	if step := c.FormValue("step"); step != "" {
		if f.Step, err = strconv.Atoi(step); err != nil || f.Step < 1 || f.Step > publications.Steps {
			return models.ErrNotFound
		}
	}
	args := c.Request().PostArgs().PeekMulti("dept")
	if len(args) > 500 {
		return models.Invalid("target", "receipts.refuse.no_target")
	}
	for _, a := range args {
		d, err := strconv.ParseUint(string(a), 10, 32)
		if err != nil || d == 0 {
			return models.ErrNotFound
		}
		f.Depts = append(f.Depts, uint(d))
	}
	data := fiber.Map{"Rejected": "remind"}
	if !validate(c, f, data) {
		return s.publicationView(c, data)
	}
	err = publications.New(s.store).Remind(c.UserContext(), v, id, f.Step, f.Depts, f.Note, s.opt.Now())
	if refused(c, err, f, data, "note", "target") {
		return s.publicationView(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "receipts.reminded"), fmt.Sprintf("/publications/%d#reminders", id))
}

// publicationReminders adds to a publication's page the reminders (催办)
// sent and who read them, for the office.
func (s *Server) publicationReminders(c *fiber.Ctx, v models.Viewer, id uint, data fiber.Map) error {
	if !v.Can(models.ActReviewPublication) {
		return nil
	}
	rs, err := publications.New(s.store).Reminders(c.UserContext(), v, id)
	data["Reminders"] = rs
	return err
}
