package handlers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// caseFile is GET /cases/:id: a case as far as the viewer may read it; a
// case they may not read is a 404, like one that does not exist.
func (s *Server) caseFile(c *fiber.Ctx) error {
	return s.casePage(c, fiber.Map{})
}

// casePage is a case; data carries its rejected form (named as each
// handler says: "evidence", "statement-<person id>", "decide", …) as
// typed, with its errors.
func (s *Server) casePage(c *fiber.Ctx, data fiber.Map) error {
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
	data["Case"], data["Today"], data["TodayDate"], data["CanHandle"] = f, today.String(), today, v.CanHandleCases()
	data["CanAppeal"] = accountability.MayTake(v, f.DepartmentID, accountability.Appeal) && f.Status == accountability.Notified
	data["CanReport"] = accountability.MayTake(v, f.DepartmentID, accountability.Report) && f.Status.NoticeIssued() && f.Status.Standing()
	data["Ladder"], data["Posts"], data["Shares"], data["Outcomes"] = accountability.Ladder, accountability.Posts, accountability.Shares, accountability.Outcomes
	data["AppealKinds"], data["EvidenceKinds"] = accountability.AppealKinds, accountability.EvidenceKinds
	if f.Status == accountability.Appealed {
		data["Original"] = originalSanctions(f) // 变更 starts from the sanctions decided
	}
	if f.NoticeDate != nil {
		deadline := f.AppealDeadline()
		data["Deadline"], data["WindowOpen"] = documents.ChineseDate(deadline), today <= deadline
	}
	if v.CanHandleCases() && f.Status.Open() {
		if data["People"], err = s.cases.People(ctx, v); err != nil {
			return err
		}
		if data["Departments"], err = s.store.DepartmentChoices(ctx); err != nil {
			return err
		}
	}
	return s.page(c, "case", "case.title", data)
}

// originalSanctions is the case's sanctions as the sanctions form takes
// them: what a 变更 form opens with.
func originalSanctions(f *accountability.File) sanctionChoice {
	sc := sanctionChoice{Dues: map[string]string{}}
	for _, x := range f.Imposed {
		sc.Chosen = append(sc.Chosen, fmt.Sprintf("%d:%s", x.PersonID, x.Name))
		if x.Due != nil {
			sc.Dues[fmt.Sprintf("%d_%s", x.PersonID, x.Name)] = scoring.DateOf(*x.Due).String()
		}
	}
	return sc
}

// caseStep ends a form of a case (named form on its page): rejected by its
// Validate or by the Store (a step the case's state does not allow, say),
// the case again with the form as typed and the errors beside its fields;
// done, back to the case with done's message.
func (s *Server) caseStep(c *fiber.Ctx, form string, f validator, done string, fn func(v models.Viewer, id uint) error, fields ...string) error {
	return s.pageStep(c, form, f, s.casePage, caseURL, func(v models.Viewer, id uint) (string, error) {
		return views.T(lang(c), done), fn(v, id)
	}, fields...)
}

// personForm is a person added to a case as typed: one recorded before,
// or a new one by name, police number, unit and post.
type personForm struct {
	Person, Name, PoliceNo, Unit, Post string
}

// Validate needs a recorded person or a new one's name and number.
func (f personForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Person == "" {
		if f.Name == "" {
			errs.Add("name", "form.person_or_name")
		}
		errs.Text("name", f.Name, 64, false)
		errs.Text("police_no", f.PoliceNo, 32, true)
		if !slices.Contains(accountability.Posts, accountability.Post(f.Post)) {
			errs.Add("post", "form.choose")
		}
	}
	return errs
}

// addCasePerson is POST /cases/:id/persons: an existing person or a new one.
func (s *Server) addCasePerson(c *fiber.Ctx) error {
	f := personForm{Person: c.FormValue("person"), Name: strings.TrimSpace(c.FormValue("name")), PoliceNo: strings.TrimSpace(c.FormValue("police_no")),
		Unit: c.FormValue("unit"), Post: c.FormValue("post")}
	return s.caseStep(c, "person", f, "case.person.added", func(v models.Viewer, id uint) error {
		p := accountability.PersonForm{Name: f.Name, PoliceNo: f.PoliceNo, Department: typedID(f.Unit), Post: accountability.Post(f.Post)}
		return s.cases.AddPerson(c.UserContext(), v, id, typedID(f.Person), p)
	}, "person", "name", "police_no", "unit", "post")
}

// actForm is how the act was taken (art. 6(一)), as ticked: "1" or "".
type actForm struct {
	Reviewed, Approved, Instructed, Objected, Collective string
}

// Validate finds nothing wrong: any combination of boxes is an answer.
func (actForm) Validate() FieldErrors { return nil }

// setCaseAct is POST /cases/:id/act: how the act was taken (art. 6(一)).
func (s *Server) setCaseAct(c *fiber.Ctx) error {
	f := actForm{Reviewed: c.FormValue("reviewed"), Approved: c.FormValue("approved"), Instructed: c.FormValue("instructed"),
		Objected: c.FormValue("objected"), Collective: c.FormValue("collective")}
	return s.caseStep(c, "act", f, "case.saved", func(v models.Viewer, id uint) error {
		a := accountability.Act{Reviewed: f.Reviewed != "", Approved: f.Approved != "", Instructed: f.Instructed != "", Objected: f.Objected != "", Collective: f.Collective != ""}
		return s.cases.SetAct(c.UserContext(), v, id, a, s.opt.Now())
	})
}

// overrideForm is a share other than the derived one, with its reason, as
// typed; no share withdraws an override.
type overrideForm struct {
	Share, Reason string
}

// Validate needs a known share and, for one, the reason.
func (f overrideForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Share != "" && !slices.Contains(accountability.Shares, accountability.Share(f.Share)) {
		errs.Add("share", "form.choose")
	}
	errs.Text("reason", f.Reason, models.MaxText, f.Share != "")
	return errs
}

// overrideShare is POST /cases/:id/persons/:pid/override: a share other
// than the derived one, with a written reason.
func (s *Server) overrideShare(c *fiber.Ctx) error {
	pid := paramUint(c, "pid")
	f := overrideForm{Share: c.FormValue("share"), Reason: strings.TrimSpace(c.FormValue("reason"))}
	return s.caseStep(c, fmt.Sprintf("override-%d", pid), f, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.Override(c.UserContext(), v, id, pid, accountability.Share(f.Share), f.Reason)
	}, "share", "reason")
}

// paramUint reads a positive path parameter, 0 otherwise.
func paramUint(c *fiber.Ctx, key string) uint {
	n, err := c.ParamsInt(key)
	if err != nil || n <= 0 {
		return 0
	}
	return uint(n)
}

// evidenceForm is a record of the department linked to a case, as typed:
// its kind and its number or date.
type evidenceForm struct {
	Kind, Ref string
}

// Validate needs a kind of record and what names it.
func (f evidenceForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if !slices.Contains(accountability.EvidenceKinds, f.Kind) {
		errs.Add("kind", "form.choose")
	}
	errs.Text("ref", f.Ref, 64, true)
	return errs
}

// linkEvidence is POST /cases/:id/evidence: a record of the department.
func (s *Server) linkEvidence(c *fiber.Ctx) error {
	f := evidenceForm{Kind: c.FormValue("kind"), Ref: strings.TrimSpace(c.FormValue("ref"))}
	return s.caseStep(c, "evidence", f, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.LinkEvidence(c.UserContext(), v, id, f.Kind, f.Ref)
	}, "kind", "ref")
}

// noteForm is an investigation note as typed.
type noteForm struct {
	Note string
}

// Validate needs the note.
func (f noteForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("note", f.Note, models.MaxText, true)
	return errs
}

// addCaseNote is POST /cases/:id/notes: an investigation note.
func (s *Server) addCaseNote(c *fiber.Ctx) error {
	f := noteForm{Note: strings.TrimSpace(c.FormValue("note"))}
	return s.caseStep(c, "note", f, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.AddNote(c.UserContext(), v, id, f.Note, s.opt.Now())
	}, "note")
}

// fileForm is a form of one file; a browser never lets a page choose a
// file again, so only its name is kept.
type fileForm struct {
	File string
}

// Validate needs a file.
func (f fileForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.File == "" {
		errs.Add("file", "form.no_file")
	}
	return errs
}

// attachCaseFile is POST /cases/:id/attachments: a file of evidence, read
// up to its limit and checked by its content.
func (s *Server) attachCaseFile(c *fiber.Ctx) error {
	fh, _ := c.FormFile("file")
	var f fileForm
	if fh != nil {
		f.File = fh.Filename
	}
	return s.caseStep(c, "attach", f, "case.saved", func(v models.Viewer, id uint) error {
		u, err := readUpload(fh)
		if err != nil {
			return err
		}
		return s.cases.Attach(c.UserContext(), v, id, u.Name, u.Data, s.opt.Now())
	}, "file")
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

// statementForm is a person's statement and defence, or their refusal,
// as typed.
type statementForm struct {
	Kind, Date, Text string
}

// Validate needs stated or refused, the day, and what was said or how.
func (f statementForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Kind != accountability.Stated && f.Kind != accountability.Refused {
		errs.Add("kind", "form.choose")
	}
	errs.Date("date", f.Date, true)
	errs.Text("text", f.Text, models.MaxText, true)
	return errs
}

// recordStatement is POST /cases/:id/persons/:pid/statement: a person's
// statement and defence, or their refusal.
func (s *Server) recordStatement(c *fiber.Ctx) error {
	pid := paramUint(c, "pid")
	f := statementForm{Kind: c.FormValue("kind"), Date: strings.TrimSpace(c.FormValue("date")), Text: strings.TrimSpace(c.FormValue("text"))}
	return s.caseStep(c, fmt.Sprintf("statement-%d", pid), f, "case.statement.saved", func(v models.Viewer, id uint) error {
		return s.cases.RecordStatement(c.UserContext(), v, id, accountability.StatementForm{Person: pid, Kind: f.Kind, Text: f.Text, Date: formDate(f.Date)})
	}, "kind", "date")
}

// hearCase is POST /cases/:id/hear: the hearing is over.
func (s *Server) hearCase(c *fiber.Ctx) error {
	return s.caseStep(c, "hear", noInput{}, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.Hear(c.UserContext(), v, id, s.opt.Now())
	})
}
