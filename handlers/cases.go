package handlers

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/views"
)

// caseList is GET /cases: the accountability cases the viewer may read; for
// the discipline office and auditors the proposals too; for every
// bureau-wide role the decisions' effect on grades, re-openings first.
func (s *Server) caseList(c *fiber.Ctx) error {
	return s.casesPage(c, fiber.Map{})
}

// casesPage is the list; data carries a rejected form (the new case,
// "open", or a dismissal, "dismiss-<key>") as typed, with its errors, or
// what the Store refused of an accepted proposal ("accept-<key>").
func (s *Server) casesPage(c *fiber.Ctx, data fiber.Map) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	list, err := s.cases.Cases(ctx, v, accountability.Filter{Status: accountability.Status(c.Query("status"))})
	if err != nil {
		return err
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return err
	}
	data["Cases"], data["DeptNames"], data["Statuses"] = list, names, accountability.Statuses
	data["Status"], data["CanHandle"] = c.Query("status"), v.CanHandleCases()
	if v.CanReadCaseFiles() {
		proposals, err := s.cases.Proposals(ctx, v)
		if err != nil {
			return err
		}
		page := accountability.GroupProposals(proposals, queryInt(c, "page", 1))
		data["Proposals"] = page.Years
		data["Prev"], data["Next"] = pageLink("/cases", c, page.Page-1, page.Pages), pageLink("/cases", c, page.Page+1, page.Pages)
		data["Page"], data["Pages"] = page.Page, page.Pages
	}
	if v.CanReadDecisions() {
		if data["Effects"], err = s.cases.Effects(ctx, v); err != nil && !errors.Is(err, models.ErrNotFound) {
			return err
		}
	}
	if v.CanHandleCases() {
		if data["Departments"], err = s.store.DepartmentChoices(ctx); err != nil {
			return err
		}
		data["Triggers"] = accountability.Triggers
	}
	return s.page(c, "cases", "case.list.title", data)
}

// casesStep ends a form of the list: rejected by its Validate or by the
// Store, the list again with the form as typed (named form there) and the
// errors beside its fields; done, on to the page do names, with its message.
func (s *Server) casesStep(c *fiber.Ctx, form string, f validator, do func() (next, msg string, err error), fields ...string) error {
	data := fiber.Map{"Rejected": form}
	if !validate(c, f, data) {
		return s.casesPage(c, data)
	}
	next, msg, err := do()
	if refused(c, err, f, data, fields...) {
		return s.casesPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, msg, next)
}

// openForm is a new case as typed.
type openForm struct {
	Department, Trigger, Other, Summary string
}

// Validate needs a department and one of art. 5's situations; the Store
// asks for the description of 其他.
func (f openForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Choice("department", f.Department)
	if n, err := strconv.Atoi(f.Trigger); err != nil || accountability.TriggerLabel(n) == "" {
		errs.Add("trigger", "form.choose")
	}
	errs.Text("other", f.Other, 256, false)
	errs.Text("summary", f.Summary, models.MaxText, false)
	return errs
}

// openCase is POST /cases: the discipline office opens a case directly.
func (s *Server) openCase(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := openForm{Department: c.FormValue("department"), Trigger: c.FormValue("trigger"), Other: strings.TrimSpace(c.FormValue("other")), Summary: strings.TrimSpace(c.FormValue("summary"))}
	return s.casesStep(c, "open", f, func() (string, string, error) {
		trigger, _ := strconv.Atoi(f.Trigger)
		cs, err := s.cases.Open(c.UserContext(), v, accountability.OpenForm{Department: typedID(f.Department), TriggerKind: trigger, Other: f.Other, Summary: f.Summary}, s.opt.Now())
		if err != nil {
			return "", "", err
		}
		return caseURL(cs.ID), views.T(lang(c), "case.opened", cs.CaseNo), nil
	}, "department", "trigger", "other", "summary")
}

// acceptProposal is POST /cases/proposals/accept: a proposal becomes a case
// with its evidence.
func (s *Server) acceptProposal(c *fiber.Ctx) error {
	v, _ := viewer(c)
	key := c.FormValue("key")
	return s.casesStep(c, "accept-"+key, noInput{}, func() (string, string, error) {
		cs, err := s.cases.Accept(c.UserContext(), v, key, s.opt.Now())
		if err != nil {
			return "", "", err
		}
		return caseURL(cs.ID), views.T(lang(c), "case.opened", cs.CaseNo), nil
	})
}

// dismissForm is the reason a proposal is set aside, as typed.
type dismissForm struct {
	Reason string
}

// Validate needs the reason.
func (f dismissForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("reason", f.Reason, models.MaxText, true)
	return errs
}

// dismissProposal is POST /cases/proposals/dismiss: set aside with a reason,
// never proposed again.
func (s *Server) dismissProposal(c *fiber.Ctx) error {
	v, _ := viewer(c)
	key := c.FormValue("key")
	f := dismissForm{Reason: strings.TrimSpace(c.FormValue("reason"))}
	return s.casesStep(c, "dismiss-"+key, f, func() (string, string, error) {
		return "/cases", views.T(lang(c), "case.dismissed"), s.cases.Dismiss(c.UserContext(), v, key, f.Reason, s.opt.Now())
	}, "reason")
}

func caseURL(id uint) string { return "/cases/" + strconv.FormatUint(uint64(id), 10) }

// formInt reads a form field as a small positive number; anything else is 0.
// evidenceURL links a case's evidence to what it names; "" when there is
// no page for it (an incident).
func evidenceURL(e accountability.Evidence) string {
	id := strconv.FormatUint(uint64(e.RefID), 10)
	switch e.Kind {
	case "publication", "request", "complaint":
		return "/records/" + e.Kind + "/" + id
	case "item":
		return "/catalog#item-" + id
	case "grade":
		return "/departments/" + id
	}
	return ""
}

// personName names a person of the case.
func personName(f *accountability.File, id uint) string {
	for _, p := range f.Persons {
		if p.ID == id {
			return p.Name
		}
	}
	return ""
}
