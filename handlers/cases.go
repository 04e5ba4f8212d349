package handlers

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/views"
)

// caseList is GET /cases: the accountability cases the viewer may read; for
// the discipline office and auditors the proposals too; for every
// bureau-wide role the decisions' effect on grades, re-openings first.
func (s *Server) caseList(c *fiber.Ctx) error {
	return s.casesPage(c, "")
}

func (s *Server) casesPage(c *fiber.Ctx, formErr string) error {
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
	data := fiber.Map{"Cases": list, "DeptNames": names, "Error": formErr, "Statuses": accountability.Statuses,
		"Status": c.Query("status"), "CanHandle": v.CanHandleCases()}
	if v.CanReadCaseFiles() {
		if data["Proposals"], err = s.cases.Proposals(ctx, v); err != nil {
			return err
		}
	}
	if v.CanReadDecisions() {
		if data["Effects"], err = s.cases.Effects(ctx, v); err != nil && !errors.Is(err, models.ErrNotFound) {
			return err
		}
	}
	if v.CanHandleCases() {
		if data["Departments"], err = s.store.Departments(ctx, v); err != nil {
			return err
		}
		data["Triggers"] = accountability.Triggers
	}
	if formErr != "" {
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return s.page(c, "cases", "case.list.title", data)
}

// openCase is POST /cases: the discipline office opens a case directly.
func (s *Server) openCase(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := accountability.OpenForm{Department: formUint(c, "department"), TriggerKind: formInt(c, "trigger"), Other: c.FormValue("other"), Summary: c.FormValue("summary")}
	cs, err := s.cases.Open(c.UserContext(), v, f, s.opt.Now())
	if err != nil {
		return s.casesMistake(c, err)
	}
	return s.flashBack(c, views.T(lang(c), "case.opened", cs.CaseNo), caseURL(cs.ID))
}

// acceptProposal is POST /cases/proposals/accept: a proposal becomes a case
// with its evidence.
func (s *Server) acceptProposal(c *fiber.Ctx) error {
	v, _ := viewer(c)
	cs, err := s.cases.Accept(c.UserContext(), v, c.FormValue("key"), s.opt.Now())
	if err != nil {
		return s.casesMistake(c, err)
	}
	return s.flashBack(c, views.T(lang(c), "case.opened", cs.CaseNo), caseURL(cs.ID))
}

// dismissProposal is POST /cases/proposals/dismiss: set aside with a reason,
// never proposed again.
func (s *Server) dismissProposal(c *fiber.Ctx) error {
	v, _ := viewer(c)
	if err := s.cases.Dismiss(c.UserContext(), v, c.FormValue("key"), c.FormValue("reason"), s.opt.Now()); err != nil {
		return s.casesMistake(c, err)
	}
	return s.flashBack(c, views.T(lang(c), "case.dismissed"), "/cases")
}

// casesMistake shows a validation error on the list; others go on.
func (s *Server) casesMistake(c *fiber.Ctx, err error) error {
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return s.casesPage(c, verr.Message)
	}
	return err
}

func caseURL(id uint) string { return "/cases/" + strconv.FormatUint(uint64(id), 10) }

// formInt reads a form field as a small positive number; anything else is 0.
func formInt(c *fiber.Ctx, key string) int { return int(formUint(c, key)) }

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
