package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/views"
)

// departmentKey identifies a department's rendered score section (issue
// 27): the standing it shows (which names its run and plan), the trend of
// every year's standing, the titles of the catalog items its coverage grid
// labels, the newest import and the language. A new run, an import, a
// catalog change, a grade or a language each make a new key, so the cache
// never serves a section older than what it is drawn from. Nothing of the
// viewer is in the section: the session, CSRF token and liaison form are
// rendered around it on every view.
type departmentKey struct {
	Dept       uint
	LastImport uint
	Lang       views.Lang
	Standing   string // hashes: see standingPrint
	Trend      string
	Titles     string
}

// departmentSection is a rendered score section and whether it draws charts.
type departmentSection struct {
	HTML   template.HTML
	Charts bool
}

// departmentSections bounds the caches of department pages and sections,
// in entries: a county bureau's section with its deductions is tens of KB,
// and a bureau of 10,000 units in two languages must not keep them all.
const departmentSections = 1024

// standingPrint hashes every field of standings, as a key part.
func standingPrint(standings ...scoreruns.Standing) string {
	h := sha256.New()
	for _, st := range standings {
		fmt.Fprintf(h, "%+v;", st) // *big.Rat and *time.Time print their values
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cacheableStanding reports whether the result behind a standing is fixed
// by the standing's key: a run's own result never changes, nor does an
// approved assessment's; the adjusted result of an assessment under way
// moves with each objection and adjustment, so it is built on every view.
func cacheableStanding(st *scoreruns.Standing) bool {
	return st.PlanID == 0 || st.Source == scoreruns.StandingApproved
}

// departmentScoreSection is a department's score, charts and coverage
// grid as rendered HTML, from the cache when its key is there. The zero
// section (no HTML) says the year has no score of the department.
func (s *Server) departmentScoreSection(c *fiber.Ctx, v models.Viewer, st *scoreruns.Standing, items []models.CatalogItem) (departmentSection, error) {
	ctx := c.UserContext()
	trend, err := s.assess.Trend(ctx, v, st.DepartmentID)
	if err != nil {
		return departmentSection{}, err
	}
	last, err := imports.New(s.store).LastImportID(ctx)
	if err != nil {
		return departmentSection{}, err
	}
	titles := sha256.New()
	for _, it := range items {
		fmt.Fprintf(titles, "%d %s;", it.Seq, it.Title)
	}
	key := departmentKey{Dept: st.DepartmentID, LastImport: last, Lang: lang(c), Standing: standingPrint(*st), Trend: standingPrint(trend...),
		Titles: hex.EncodeToString(titles.Sum(nil))}
	if cacheableStanding(st) {
		return s.sections.Get(key, func() (departmentSection, error) { return s.renderScoreSection(c, v, st, trend, items) })
	}
	return s.renderScoreSection(c, v, st, trend, items)
}

// renderScoreSection renders a department's score section.
func (s *Server) renderScoreSection(c *fiber.Ctx, v models.Viewer, st *scoreruns.Standing, trend []scoreruns.Standing, items []models.CatalogItem) (departmentSection, error) {
	score, err := s.standingScore(c, v, st)
	if err != nil || score == nil {
		return departmentSection{}, err
	}
	data := fiber.Map{"Lang": lang(c), "Score": score}
	if !score.Result.Unrated {
		if err := s.departmentCharts(c, score, trend, items, data); err != nil {
			return departmentSection{}, err
		}
	}
	html, err := s.renderPart("department_score", data)
	return departmentSection{HTML: html, Charts: data["Charts"] == true}, err
}
