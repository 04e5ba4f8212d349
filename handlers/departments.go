package handlers

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/models/scoreruns"
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
	return s.departmentPage(c, nil)
}

// departmentPage shows a department; data carries a rejected liaison form
// as typed, with its errors, or nothing.
func (s *Server) departmentPage(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	year, err := s.yearOf(c)
	if err != nil {
		return err
	}
	dv, err := s.departmentView(c, v, id, year)
	if err != nil {
		return err
	}
	if data == nil {
		data = fiber.Map{"Form": liaisonFormOf(dv.Dept)}
	}
	data["Dept"], data["CanEdit"], data["Top"], data["Items"], data["Charts"] = dv.Dept, v.CanEditLiaison(id), dv.Top, dv.Items, dv.Section.Charts
	return s.page(c, "department", "dept.title", data)
}

// departmentView is what a department's page shows of the database, all
// but its liaison form rendered: the unit, its standing and score section,
// the review and coordination clocks pending on it (Top), and its catalog
// items (Items). Rendering them was most of a view's time (issue 27).
type departmentView struct {
	Dept       *models.Department
	Section    departmentSection
	Top, Items template.HTML
}

// departmentViewKey names a department's page as a kind of reader reads
// it (their role and department decide what they may see), on a day, in a
// language, at a count of changes (audit.Store.Changes): any change to
// anything makes a new key, so a page is never older than the data, and a
// view while nothing changes costs one query instead of twenty (issue 27).
type departmentViewKey struct {
	Dept    uint
	Year    int
	Lang    views.Lang
	Role    models.Role
	Own     uint
	Today   scoring.Date
	Changes int64
}

// departmentView reads a department's page, from the cache when nothing
// changed since it was read.
func (s *Server) departmentView(c *fiber.Ctx, v models.Viewer, id uint, year int) (*departmentView, error) {
	ctx := c.UserContext()
	if !v.CanSeeDepartment(id) {
		return nil, models.ErrNotFound
	}
	changes, err := audit.New(s.store).Changes(ctx)
	if err != nil {
		return nil, err
	}
	today := scoring.DateOf(s.opt.Now())
	key := departmentViewKey{Dept: id, Year: year, Lang: lang(c), Role: v.Role, Own: v.DepartmentID, Today: today, Changes: changes}
	return s.deptViews.Get(key, func() (*departmentView, error) {
		dv := &departmentView{}
		var err error
		if dv.Dept, err = s.store.Department(ctx, v, id); err != nil {
			return nil, err
		}
		leads, co, err := s.store.ItemsFor(ctx, dv.Dept)
		if err != nil {
			return nil, err
		}
		standing, err := s.assess.Standing(ctx, v, year, id)
		if err != nil {
			return nil, err
		}
		if standing != nil {
			if dv.Section, err = s.departmentScoreSection(c, v, standing, append(slices.Clone(leads), co...)); err != nil {
				return nil, err
			}
		}
		var pending []clocks.Deadline
		limits, err := s.store.CurrentLimits(ctx)
		if err != nil {
			return nil, err
		}
		if limits != nil {
			if pending, err = clocks.New(s.store).PendingClocks(ctx, v, id, today, *limits); err != nil {
				return nil, err
			}
		}
		if dv.Top, err = s.renderPart("partials/department_top", fiber.Map{"Lang": key.Lang, "Dept": dv.Dept, "Standing": standing,
			"ScoreSection": dv.Section.HTML, "Year": year, "Pending": pending, "Today": today}); err != nil {
			return nil, err
		}
		dv.Items, err = s.renderPart("partials/department_items", fiber.Map{"Lang": key.Lang, "Leads": leads, "Co": co})
		return dv, err
	})
}

// renderPart renders a template with data alone, as HTML to put in a page.
func (s *Server) renderPart(name string, data fiber.Map) (template.HTML, error) {
	var b bytes.Buffer
	if err := s.views.Render(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return template.HTML(b.String()), nil // rendered by html/template above
}

// liaisonForm is Annex 3's 警务信息公开工作联络表 as typed: the unit's
// head, the leader in charge, the person responsible, their phones and
// 相关信息. The unit is the department; the 填报日期 is the day it is saved.
type liaisonForm struct {
	Head, Leader, Liaison, Phone, Mobile, Notes string
}

// maxLiaisonNotes bounds 相关信息 (the column holds 512 characters).
const maxLiaisonNotes = 500

func readLiaisonForm(c *fiber.Ctx) liaisonForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	return liaisonForm{Head: v("head"), Leader: v("leader"), Liaison: v("liaison"), Phone: v("phone"), Mobile: v("mobile"), Notes: v("notes")}
}

func liaisonFormOf(d *models.Department) liaisonForm {
	return liaisonForm{Head: d.Head, Leader: d.Leader, Liaison: d.Liaison, Phone: d.Phone, Mobile: d.Mobile, Notes: d.Notes}
}

// Validate checks lengths and phone characters.
func (f liaisonForm) Validate() FieldErrors {
	errs := FieldErrors{}
	for field, name := range map[string]string{"head": f.Head, "leader": f.Leader, "liaison": f.Liaison} {
		if utf8.RuneCountInString(name) > models.MaxName {
			errs.Add(field, "form.name_too_long")
		}
	}
	errs.Phone("phone", f.Phone)
	errs.Phone("mobile", f.Mobile)
	errs.Text("notes", f.Notes, maxLiaisonNotes, false)
	return errs
}

func (s *Server) updateLiaison(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := readLiaisonForm(c)
	if data := (fiber.Map{}); !validate(c, f, data) {
		return s.departmentPage(c, data)
	}
	err = s.store.UpdateLiaison(c.UserContext(), v, id, models.LiaisonUpdate(f), s.opt.Now())
	if err != nil {
		return err
	}
	if err := s.flash(c, views.T(lang(c), "dept.saved")); err != nil {
		return err
	}
	return c.Redirect("/departments/"+c.Params("id"), fiber.StatusSeeOther)
}

// liaisonSheet is GET /departments/:id/liaison: Annex 3 as printed, for
// whoever may see the department.
func (s *Server) liaisonSheet(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, err := s.store.Department(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	return s.page(c, "liaison", "dept.liaisonform", fiber.Map{"Dept": d, "Sheet": reports.Liaison{Dept: d}, "CanEdit": v.CanEditLiaison(id)})
}

// liaisonDOCX is GET /departments/:id/liaison.docx: Annex 3 as a Word
// document, for those who fill it in: the department's head and the office.
func (s *Server) liaisonDOCX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if !v.CanEditLiaison(id) {
		return models.ErrNotFound // another department's head: as reading it is
	}
	d, err := s.store.Department(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	sheet := reports.Liaison{Dept: d}
	return sendDocument(c, sheet.FileName(), sheet.WriteDOCX)
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
// the coverage grid of a department's stored score to the section's data.
func (s *Server) departmentCharts(c *fiber.Ctx, score *departmentScore, trend []scoreruns.Standing, items []models.CatalogItem, data fiber.Map) error {
	l := lang(c)
	avg, err := s.averages(c.UserContext(), score.Run)
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
