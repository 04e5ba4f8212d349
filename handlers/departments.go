package handlers

import (
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

func (s *Server) departments(c *fiber.Ctx) error {
	v, _ := viewer(c)
	depts, err := s.store.Departments(c.UserContext(), v)
	if err != nil {
		return err
	}
	return s.page(c, "departments", "dept.title", fiber.Map{"Departments": depts})
}

func (s *Server) department(c *fiber.Ctx) error {
	return s.departmentPage(c, "")
}

func (s *Server) departmentPage(c *fiber.Ctx, formErr string) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, err := s.store.Department(ctx, v, id)
	if err != nil {
		return err
	}
	leads, co, err := s.store.ItemsFor(ctx, d)
	if err != nil {
		return err
	}
	year, err := s.yearOf(c)
	if err != nil {
		return err
	}
	// While a year's assessment is under way, its page shows the score run
	// the assessment keeps, not whatever the office computed last.
	standing, err := s.assess.Standing(ctx, v, year, id)
	if err != nil {
		return err
	}
	score, err := s.assessedScore(c, v, standing, id, year)
	if err != nil {
		return err
	}
	limits, err := s.store.CurrentLimits(ctx)
	if err != nil {
		return err
	}
	today := scoring.DateOf(s.opt.Now())
	var pending []models.Deadline
	if limits != nil {
		if pending, err = s.store.PendingClocks(ctx, v, id, today, *limits); err != nil {
			return err
		}
	}
	data := fiber.Map{"Dept": d, "Leads": leads, "Co": co, "CanEdit": v.CanEditLiaison(id), "Error": formErr, "Score": score, "Year": year,
		"Pending": pending, "Today": today, "Standing": standing}
	if score != nil && !score.Result.Unrated {
		if err := s.departmentCharts(c, v, score, append(leads, co...), data); err != nil {
			return err
		}
	}
	return s.page(c, "department", "dept.title", data)
}

// liaisonForm is the Annex 3 form.
type liaisonForm struct {
	Head, Leader, Liaison, Phone, Mobile string
}

// validate checks lengths and phone characters; the message is for the user.
func (f liaisonForm) validate(l views.Lang) string {
	for _, name := range []string{f.Head, f.Leader, f.Liaison} {
		if utf8.RuneCountInString(name) > 64 {
			return views.T(l, "form.name_too_long")
		}
	}
	for _, phone := range []string{f.Phone, f.Mobile} {
		if utf8.RuneCountInString(phone) > 32 || strings.Trim(phone, "0123456789-+() ") != "" {
			return views.T(l, "form.bad_phone")
		}
	}
	return ""
}

func (s *Server) updateLiaison(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := liaisonForm{
		Head: strings.TrimSpace(c.FormValue("head")), Leader: strings.TrimSpace(c.FormValue("leader")),
		Liaison: strings.TrimSpace(c.FormValue("liaison")), Phone: strings.TrimSpace(c.FormValue("phone")),
		Mobile: strings.TrimSpace(c.FormValue("mobile")),
	}
	if msg := f.validate(lang(c)); msg != "" {
		c.Status(fiber.StatusUnprocessableEntity)
		return s.departmentPage(c, msg)
	}
	err = s.store.UpdateLiaison(c.UserContext(), v, id, models.LiaisonUpdate(f))
	if err != nil {
		return err
	}
	if err := s.flash(c, views.T(lang(c), "dept.saved")); err != nil {
		return err
	}
	return c.Redirect("/departments/"+c.Params("id"), fiber.StatusSeeOther)
}

func (s *Server) groups(c *fiber.Ctx) error {
	gs, err := s.store.Groups(c.UserContext())
	if err != nil {
		return err
	}
	return s.page(c, "groups", "group.title", fiber.Map{"Groups": gs})
}

func (s *Server) group(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	g, err := s.store.Group(c.UserContext(), id)
	if err != nil {
		return err
	}
	return s.page(c, "group", "group.title", fiber.Map{"Group": g})
}

// pathID reads :id; anything but a positive number is a 404.
func pathID(c *fiber.Ctx) (uint, error) {
	id, err := c.ParamsInt("id")
	if err != nil || id <= 0 {
		return 0, models.ErrNotFound
	}
	return uint(id), nil
}

// departmentCharts adds the radar against the bureau average, the trends and
// the coverage grid of a department's stored score to the page data.
func (s *Server) departmentCharts(c *fiber.Ctx, v models.Viewer, score *departmentScore, items []models.CatalogItem, data fiber.Map) error {
	ctx := c.UserContext()
	l := lang(c)
	avg, err := s.averages(ctx, score.Run)
	if err != nil {
		return err
	}
	trend, err := s.store.Trend(ctx, v, score.Result.Dept)
	if err != nil {
		return err
	}
	titles := make(map[int]string, len(items))
	for _, it := range items {
		titles[it.Seq] = it.Title
	}
	deptCharts := []chartView{radarChart(l, score.Result, avg), trendChart(l, trend)}
	if q, ok := quarterChart(l, score.Result.Slots); ok {
		deptCharts = append(deptCharts, q)
	}
	data["DeptCharts"] = deptCharts
	data["Coverage"] = newCoverageGrid(l, score.Result, titles)
	data["Charts"] = true
	return nil
}
