package handlers

import (
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
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

// imposed reads the sanctions chosen in a decision form: each checked box
// "sanction" is "<person id>:<name>" (0 for the department), and a sanction
// with a time limit has its date in "due_<person id>_<name>".
func imposed(c *fiber.Ctx) []accountability.Imposed {
	var out []accountability.Imposed
	for _, v := range formValues(c, "sanction") {
		who, name, ok := strings.Cut(v, ":")
		if !ok {
			continue
		}
		id, err := strconv.ParseUint(who, 10, 32)
		if err != nil {
			continue
		}
		out = append(out, accountability.Imposed{PersonID: uint(id), Name: name, Due: formDate(c, "due_"+who+"_"+name)})
	}
	return out
}

// decideCase is POST /cases/:id/decide: the decision, once every person
// concerned was heard.
func (s *Server) decideCase(c *fiber.Ctx) error {
	return s.caseStep(c, "case.done.decided", func(v models.Viewer, id uint) error {
		f := accountability.DecisionForm{Date: formDate(c, "date"), Severity: accountability.Severity(formInt(c, "severity")), Reasons: c.FormValue("reasons"), Sanctions: imposed(c)}
		return s.cases.Decide(c.UserContext(), v, id, f, s.opt.Now())
	})
}

// notifyCase is POST /cases/:id/notify: the numbered written notice goes out.
func (s *Server) notifyCase(c *fiber.Ctx) error {
	return s.caseStep(c, "case.done.notified", func(v models.Viewer, id uint) error {
		return s.cases.Notify(c.UserContext(), v, id, formDate(c, "date"), s.opt.Now())
	})
}

// appealCase is POST /cases/:id/appeal: 复核 or 申诉 within 30 days.
func (s *Server) appealCase(c *fiber.Ctx) error {
	return s.caseStep(c, "case.done.appealed", func(v models.Viewer, id uint) error {
		f := accountability.AppealForm{Kind: c.FormValue("kind"), Filed: formDate(c, "filed"), Appellant: c.FormValue("appellant"), Grounds: c.FormValue("grounds")}
		return s.cases.FileAppeal(c.UserContext(), v, id, f, s.opt.Now())
	})
}

// reviewCase is POST /cases/:id/outcome: 维持, 变更 or 撤销.
func (s *Server) reviewCase(c *fiber.Ctx) error {
	return s.caseStep(c, "case.done.reviewed", func(v models.Viewer, id uint) error {
		f := accountability.OutcomeForm{Outcome: c.FormValue("outcome"), Date: formDate(c, "date"), Reasons: c.FormValue("reasons"), Sanctions: imposed(c)}
		return s.cases.RecordOutcome(c.UserContext(), v, id, f, s.opt.Now())
	})
}

// completeSanction is POST /cases/:id/sanctions/:sid/complete: a time limit met.
func (s *Server) completeSanction(c *fiber.Ctx) error {
	return s.caseStep(c, "case.saved", func(v models.Viewer, id uint) error {
		return s.cases.CompleteSanction(c.UserContext(), v, id, paramUint(c, "sid"), formDate(c, "date"))
	})
}

// caseNotice is GET /cases/:id/notice: the written notice, printable.
func (s *Server) caseNotice(c *fiber.Ctx) error {
	n, err := s.caseNoticeOf(c)
	if err != nil {
		return err
	}
	return s.page(c, "case_notice", "case.notice.title", fiber.Map{"Notice": n, "ID": c.Params("id")})
}

// caseNoticeDOCX is GET /cases/:id/notice.docx.
func (s *Server) caseNoticeDOCX(c *fiber.Ctx) error {
	n, err := s.caseNoticeOf(c)
	if err != nil {
		return err
	}
	return sendDocument(c, n.No+".docx", func(w io.Writer) error { return n.WriteDOCX(w) })
}

// caseNoticeOf reads the notice of the case in the path, for its viewer.
func (s *Server) caseNoticeOf(c *fiber.Ctx) (*accountability.Notice, error) {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return nil, err
	}
	f, err := s.cases.Get(c.UserContext(), v, id)
	if err != nil {
		return nil, err
	}
	return f.Notice()
}
