package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// caseFile is GET /cases/:id: a case as far as the viewer may read it; a
// case they may not read is a 404, like one that does not exist.
func (s *Server) caseFile(c *fiber.Ctx) error {
	return s.casePage(c, "")
}

func (s *Server) casePage(c *fiber.Ctx, formErr string) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f, err := s.cases.Get(ctx, v, id)
	if err != nil {
		return err
	}
	today := scoring.DateOf(s.opt.Now())
	data := fiber.Map{"Case": f, "Error": formErr, "Today": today.String(), "TodayDate": today, "CanHandle": v.CanHandleCases(),
		"CanAppeal": accountability.MayTake(v, f.DepartmentID, accountability.Appeal) && f.Status == accountability.Notified,
		"Ladder":    accountability.Ladder, "Posts": accountability.Posts, "Shares": accountability.Shares,
		"Outcomes": accountability.Outcomes, "AppealKinds": accountability.AppealKinds}
	if f.NoticeDate != nil {
		deadline := f.AppealDeadline()
		data["Deadline"], data["WindowOpen"] = accountability.ChineseDate(deadline), today <= deadline
	}
	if v.CanHandleCases() && f.Status.Open() {
		if data["People"], err = s.cases.People(ctx, v); err != nil {
			return err
		}
		if data["Departments"], err = s.store.Departments(ctx, v); err != nil {
			return err
		}
	}
	if formErr != "" {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return s.page(c, "case", "case.title", data)
}

// caseStep runs one change of a case from a form and goes back to the case
// with a message, or shows the page again with the user's mistake.
func (s *Server) caseStep(c *fiber.Ctx, done string, fn func(v models.Viewer, id uint) error) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := fn(v, id); err != nil {
		var verr *models.ValidationError
		if errors.As(err, &verr) {
			return s.casePage(c, verr.Message)
		}
		return err
	}
	return s.flashBack(c, views.T(lang(c), done), caseURL(id))
}

// formDate reads a YYYY-MM-DD date from a form field, zero when absent or bad.
func formDate(c *fiber.Ctx, key string) scoring.Date {
	d, err := scoring.ParseDate(c.FormValue(key))
	if err != nil {
		return 0
	}
	return d
}

// addCasePerson is POST /cases/:id/persons: an existing person or a new one.
func (s *Server) addCasePerson(c *fiber.Ctx) error {
	return s.caseStep(c, "case.person.added", func(v models.Viewer, id uint) error {
		f := accountability.PersonForm{Name: c.FormValue("name"), PoliceNo: c.FormValue("police_no"), Department: formUint(c, "unit"), Post: accountability.Post(c.FormValue("post"))}
		return s.cases.AddPerson(c.UserContext(), v, id, formUint(c, "person"), f)
	})
}

// setCaseAct is POST /cases/:id/act: how the act was taken (art. 6(一)).
func (s *Server) setCaseAct(c *fiber.Ctx) error {
	return s.caseStep(c, "case.saved", func(v models.Viewer, id uint) error {
		a := accountability.Act{Reviewed: c.FormValue("reviewed") != "", Approved: c.FormValue("approved") != "",
			Instructed: c.FormValue("instructed") != "", Objected: c.FormValue("objected") != "", Collective: c.FormValue("collective") != ""}
		return s.cases.SetAct(c.UserContext(), v, id, a, s.opt.Now())
	})
}

// overrideShare is POST /cases/:id/persons/:pid/override: a share other
// than the derived one, with a written reason.
func (s *Server) overrideShare(c *fiber.Ctx) error {
	return s.caseStep(c, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.Override(c.UserContext(), v, id, paramUint(c, "pid"), accountability.Share(c.FormValue("share")), c.FormValue("reason"))
	})
}

// paramUint reads a positive path parameter, 0 otherwise.
func paramUint(c *fiber.Ctx, key string) uint {
	n, err := c.ParamsInt(key)
	if err != nil || n <= 0 {
		return 0
	}
	return uint(n)
}

// linkEvidence is POST /cases/:id/evidence: a record of the department.
func (s *Server) linkEvidence(c *fiber.Ctx) error {
	return s.caseStep(c, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.LinkEvidence(c.UserContext(), v, id, c.FormValue("kind"), c.FormValue("ref"))
	})
}

// addCaseNote is POST /cases/:id/notes: an investigation note.
func (s *Server) addCaseNote(c *fiber.Ctx) error {
	return s.caseStep(c, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.AddNote(c.UserContext(), v, id, c.FormValue("note"), s.opt.Now())
	})
}

// attachCaseFile is POST /cases/:id/attachments: a file of evidence, read
// up to its limit and checked by its content.
func (s *Server) attachCaseFile(c *fiber.Ctx) error {
	return s.caseStep(c, "case.saved", func(v models.Viewer, id uint) error {
		fh, err := c.FormFile("file")
		if err != nil {
			return &models.ValidationError{Field: "file", Message: views.T(views.Chinese, "case.file.none")}
		}
		u, err := readUpload(fh)
		if err != nil {
			return err
		}
		return s.cases.Attach(c.UserContext(), v, id, u.Name, u.Data, s.opt.Now())
	})
}

// caseAttachment is GET /cases/:id/attachments/:aid: the file, to those who
// read case files; served as a download so that nothing runs in the page.
func (s *Server) caseAttachment(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a, err := s.cases.AttachmentFile(c.UserContext(), v, id, paramUint(c, "aid"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, a.MIME)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Attachment(a.Name)
	return c.Send(a.Data)
}

// recordStatement is POST /cases/:id/persons/:pid/statement: a person's
// statement and defence, or their refusal.
func (s *Server) recordStatement(c *fiber.Ctx) error {
	return s.caseStep(c, "case.statement.saved", func(v models.Viewer, id uint) error {
		f := accountability.StatementForm{Person: paramUint(c, "pid"), Kind: c.FormValue("kind"), Text: c.FormValue("text"), Date: formDate(c, "date")}
		return s.cases.RecordStatement(c.UserContext(), v, id, f)
	})
}

// hearCase is POST /cases/:id/hear: the hearing is over.
func (s *Server) hearCase(c *fiber.Ctx) error {
	return s.caseStep(c, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.Hear(c.UserContext(), v, id, s.opt.Now())
	})
}
