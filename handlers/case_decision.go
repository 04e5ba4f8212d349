package handlers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/documents"
)

// formValues reads every value of a repeated form field.
func formValues(c *fiber.Ctx, key string) []string {
	var out []string
	for _, b := range c.Request().PostArgs().PeekMulti(key) {
		out = append(out, string(b))
	}
	if len(out) == 0 {
		if mf, err := c.MultipartForm(); err == nil {
			out = mf.Value[key]
		}
	}
	return out
}

// sanctionChoice is the sanctions of a decision or outcome form as typed:
// each ticked box "sanction" is "<person id>:<name>" (0 for the
// department), and a sanction with a time limit has its date in
// "due_<person id>_<name>", kept whether ticked or not.
type sanctionChoice struct {
	Chosen []string
	Dues   map[string]string // by "<person id>_<name>"
}

func readSanctions(c *fiber.Ctx) sanctionChoice {
	sc := sanctionChoice{Chosen: formValues(c, "sanction"), Dues: map[string]string{}}
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if key, ok := strings.CutPrefix(string(k), "due_"); ok {
			sc.Dues[key] = strings.TrimSpace(string(v))
		}
	})
	if mf, err := c.MultipartForm(); err == nil {
		for k, vs := range mf.Value {
			if key, ok := strings.CutPrefix(k, "due_"); ok && len(vs) > 0 {
				sc.Dues[key] = strings.TrimSpace(vs[0])
			}
		}
	}
	return sc
}

// Ticked reports whether the box of "<person id>:<name>" was ticked.
func (sc sanctionChoice) Ticked(value string) bool { return slices.Contains(sc.Chosen, value) }

// Due is the time limit typed for "<person id>_<name>".
func (sc sanctionChoice) Due(key string) string { return sc.Dues[key] }

// check adds what is wrong with the choice: a box the form never offers, a
// time limit that is no date. The ladder's rules are the Store's.
func (sc sanctionChoice) check(errs FieldErrors) {
	for _, v := range sc.Chosen {
		who, _, ok := strings.Cut(v, ":")
		if _, err := strconv.ParseUint(who, 10, 32); !ok || err != nil {
			errs.Add("sanctions", "form.choose")
		}
	}
	for _, d := range sc.Dues {
		errs.Date("due", d, false)
	}
}

// imposed is the valid choice as the Store takes it.
func (sc sanctionChoice) imposed() []accountability.Imposed {
	var out []accountability.Imposed
	for _, v := range sc.Chosen {
		who, name, _ := strings.Cut(v, ":")
		id, _ := strconv.ParseUint(who, 10, 32)
		out = append(out, accountability.Imposed{PersonID: uint(id), Name: name, Due: formDate(sc.Dues[who+"_"+name])})
	}
	return out
}

// decisionForm is the decision of a case as typed.
type decisionForm struct {
	Date, Severity, Reasons string
	Sanctions               sanctionChoice
}

// Validate needs the day, the class of circumstances, sanctions and the
// reasons; the Store checks the sanctions against the ladder.
func (f decisionForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Date("date", f.Date, true)
	if n, err := strconv.Atoi(f.Severity); err != nil || accountability.SeverityLabel(accountability.Severity(n)) == "" {
		errs.Add("severity", "form.choose")
	}
	if len(f.Sanctions.Chosen) == 0 {
		errs.Add("sanctions", "form.choose")
	}
	f.Sanctions.check(errs)
	errs.Text("reasons", f.Reasons, models.MaxText, true)
	return errs
}

// decideCase is POST /cases/:id/decide: the decision, once every person
// concerned was heard.
func (s *Server) decideCase(c *fiber.Ctx) error {
	f := decisionForm{Date: strings.TrimSpace(c.FormValue("date")), Severity: c.FormValue("severity"), Reasons: strings.TrimSpace(c.FormValue("reasons")), Sanctions: readSanctions(c)}
	return s.caseStep(c, "decide", f, "case.done.decided", func(v models.Viewer, id uint) error {
		severity, _ := strconv.Atoi(f.Severity)
		d := accountability.DecisionForm{Date: formDate(f.Date), Severity: accountability.Severity(severity), Reasons: f.Reasons, Sanctions: f.Sanctions.imposed()}
		return s.cases.Decide(c.UserContext(), v, id, d, s.opt.Now())
	}, "date", "severity", "reasons", "sanctions", "due")
}

// dateForm is a form of one date: a notice sent, a time limit met.
type dateForm struct {
	Date string
}

// Validate needs the date.
func (f dateForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Date("date", f.Date, true)
	return errs
}

// notifyCase is POST /cases/:id/notify: the numbered written notice goes out.
func (s *Server) notifyCase(c *fiber.Ctx) error {
	f := dateForm{Date: strings.TrimSpace(c.FormValue("date"))}
	return s.caseStep(c, "notify", f, "case.done.notified", func(v models.Viewer, id uint) error {
		return s.cases.Notify(c.UserContext(), v, id, formDate(f.Date), s.opt.Now())
	}, "date")
}

// appealForm is 复核 or 申诉 as typed; the day it was filed is typed by the
// discipline office only (a head's is today).
type appealForm struct {
	Kind, Filed, Appellant, Grounds string
}

// Validate needs the kind, who appeals and on what grounds.
func (f appealForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if !slices.Contains(accountability.AppealKinds, f.Kind) {
		errs.Add("kind", "form.choose")
	}
	errs.Date("filed", f.Filed, false)
	errs.Text("appellant", f.Appellant, 256, true)
	errs.Text("grounds", f.Grounds, models.MaxText, true)
	return errs
}

// appealCase is POST /cases/:id/appeal: 复核 or 申诉 within 30 days.
func (s *Server) appealCase(c *fiber.Ctx) error {
	f := appealForm{Kind: c.FormValue("kind"), Filed: strings.TrimSpace(c.FormValue("filed")), Appellant: strings.TrimSpace(c.FormValue("appellant")), Grounds: strings.TrimSpace(c.FormValue("grounds"))}
	fields := []string{"kind", "appellant", "grounds", "file"}
	if v, _ := viewer(c); v.CanHandleCases() {
		fields = append(fields, "filed") // a head's form has no day: it is today
	}
	return s.caseStep(c, "appeal", f, "case.done.appealed", func(v models.Viewer, id uint) error {
		files, err := uploads(c)
		if err != nil {
			return err
		}
		a := accountability.AppealForm{Kind: f.Kind, Filed: formDate(f.Filed), Appellant: f.Appellant, Grounds: f.Grounds, Files: files}
		return s.cases.FileAppeal(c.UserContext(), v, id, a, s.opt.Now())
	}, fields...)
}

// outcomeForm is the outcome of an appeal as typed: 维持, 变更 (with the
// new sanctions) or 撤销.
type outcomeForm struct {
	Outcome, Date, Reasons string
	Sanctions              sanctionChoice
}

// Validate needs the outcome, its day and its reasons.
func (f outcomeForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if !slices.Contains(accountability.Outcomes, f.Outcome) {
		errs.Add("outcome", "form.choose")
	}
	errs.Date("date", f.Date, true)
	f.Sanctions.check(errs)
	errs.Text("reasons", f.Reasons, models.MaxText, true)
	return errs
}

// reviewCase is POST /cases/:id/outcome: 维持, 变更 or 撤销.
func (s *Server) reviewCase(c *fiber.Ctx) error {
	f := outcomeForm{Outcome: c.FormValue("outcome"), Date: strings.TrimSpace(c.FormValue("date")), Reasons: strings.TrimSpace(c.FormValue("reasons")), Sanctions: readSanctions(c)}
	return s.caseStep(c, "outcome", f, "case.done.reviewed", func(v models.Viewer, id uint) error {
		o := accountability.OutcomeForm{Outcome: f.Outcome, Date: formDate(f.Date), Reasons: f.Reasons, Sanctions: f.Sanctions.imposed()}
		return s.cases.RecordOutcome(c.UserContext(), v, id, o, s.opt.Now())
	}, "outcome", "date", "reasons", "sanctions", "due")
}

// completeSanction is POST /cases/:id/sanctions/:sid/complete: a time limit met.
func (s *Server) completeSanction(c *fiber.Ctx) error {
	sid := paramUint(c, "sid")
	f := dateForm{Date: strings.TrimSpace(c.FormValue("date"))}
	return s.caseStep(c, fmt.Sprintf("complete-%d", sid), f, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.CompleteSanction(c.UserContext(), v, id, sid, formDate(f.Date))
	}, "date")
}

// caseNotice is GET /cases/:id/notice: the written notice as it was
// issued, printable, with the documents that answered it.
func (s *Server) caseNotice(c *fiber.Ctx) error {
	return s.withCaseDocument(c, s.cases.Notice, s.caseDocumentPage)
}

// caseNoticeDOCX is GET /cases/:id/notice.docx: the notice's DOCX as issued.
func (s *Server) caseNoticeDOCX(c *fiber.Ctx) error {
	return s.withCaseDocument(c, s.cases.Notice, sendCaseDocument)
}

// caseDocument is GET /cases/:id/documents/:doc: a document issued about
// the case (the notice, a 复核决定书), as issued.
func (s *Server) caseDocument(c *fiber.Ctx) error {
	return s.withCaseDocument(c, s.documentInPath(c), s.caseDocumentPage)
}

// caseDocumentDOCX is GET /cases/:id/documents/:doc/docx.
func (s *Server) caseDocumentDOCX(c *fiber.Ctx) error {
	return s.withCaseDocument(c, s.documentInPath(c), sendCaseDocument)
}

// documentInPath reads the document :doc of a case.
func (s *Server) documentInPath(c *fiber.Ctx) func(context.Context, models.Viewer, uint) (*documents.Document, error) {
	return func(ctx context.Context, v models.Viewer, id uint) (*documents.Document, error) {
		return s.cases.Document(ctx, v, id, paramUint(c, "doc"))
	}
}

// withCaseDocument reads a document of the case in the path with read, as
// its viewer may, and answers with it by answer.
func (s *Server) withCaseDocument(c *fiber.Ctx, read func(context.Context, models.Viewer, uint) (*documents.Document, error),
	answer func(*fiber.Ctx, models.Viewer, uint, *documents.Document) error) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, err := read(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	return answer(c, v, id, d)
}

// sendCaseDocument sends a case's document's DOCX as issued.
func sendCaseDocument(c *fiber.Ctx, _ models.Viewer, _ uint, d *documents.Document) error {
	return sendIssued(c, d)
}

// caseDocumentPage shows d, a document of case id, with the case's other
// documents that it answers or that answer it.
func (s *Server) caseDocumentPage(c *fiber.Ctx, v models.Viewer, id uint, d *documents.Document) error {
	f, err := s.cases.Get(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	url := func(doc uint) string { return fmt.Sprintf("/cases/%d/documents/%d", id, doc) }
	docx := url(d.ID) + "/docx"
	if d.ID == 0 {
		docx = fmt.Sprintf("/cases/%d/notice.docx", id)
	}
	data := fiber.Map{}
	if d.ID != 0 {
		if err := s.caseSignings(c, v, id, d.ID, data); err != nil {
			return err
		}
	}
	return s.documentPageWith(c, d, f.Documents, caseURL(id), docx, url, data)
}
