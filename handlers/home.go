package handlers

import (
	"errors"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/reports"
)

// home fits the role: a department head sees their own department; the
// office, the leading group and auditors see the bureau; the discipline
// office sees its cases and the proposals waiting for it.
func (s *Server) home(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	if id, limited := v.OwnDepartment(); limited {
		d, err := s.store.Department(ctx, v, id)
		if err != nil {
			return err
		}
		leads, _, err := s.store.ItemsOf(ctx, v, id)
		if err != nil {
			return err
		}
		due, err := reports.AnnualDueOf(ctx, s.store, v, id, s.opt.Now())
		if err != nil {
			return err
		}
		data := fiber.Map{"Own": d, "Leads": leads, "AnnualDue": due}
		if err := s.assessmentHome(c, v, data); err != nil {
			return err
		}
		return s.page(c, "home", "home.title", data)
	}
	depts, err := s.store.Departments(ctx, v)
	if err != nil {
		return err
	}
	counts, err := s.store.Counts(ctx)
	if err != nil {
		return err
	}
	data := fiber.Map{"Departments": depts, "Counts": counts}
	if err := s.assessmentHome(c, v, data); err != nil {
		return err
	}
	if v.IsOffice() {
		// The office owes the bureau's own report.
		if data["AnnualDue"], err = reports.AnnualDueOf(ctx, s.store, v, 0, s.opt.Now()); err != nil {
			return err
		}
		// Decisions that move frozen grades: the office must ask for a
		// re-opening (issue 9's assessment), so it is told on its home page.
		effects, err := s.cases.Effects(ctx, v)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			return err
		}
		data["Reopen"] = slices.DeleteFunc(effects, func(e accountability.Effect) bool { return !e.Reopen })
	}
	if v.CanHandleCases() {
		if data["Cases"], err = s.cases.Cases(ctx, v, accountability.Filter{}); err != nil {
			return err
		}
		if data["Proposals"], err = s.cases.Proposals(ctx, v); err != nil {
			return err
		}
		names := make(map[uint]string, len(depts))
		for _, d := range depts {
			names[d.ID] = d.Name
		}
		data["DeptNames"] = names
	}
	return s.page(c, "home", "home.title", data)
}
