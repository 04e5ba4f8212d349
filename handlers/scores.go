package handlers

import (
	"cmp"
	"errors"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// scoreLine is a row of the ranking.
type scoreLine struct {
	Name  string
	Score scoreruns.DepartmentScore
}

// yearOf reads ?year=, defaulting to the newest year with stored scores.
func (s *Server) yearOf(c *fiber.Ctx) (int, error) {
	if y := c.QueryInt("year"); y > 0 {
		return y, nil
	}
	years, err := scoreruns.New(s.store).Years(c.UserContext())
	if err != nil || len(years) == 0 {
		return s.opt.Now().Year() - 1, err
	}
	return years[0], nil
}

// scores ranks the departments of a year from the newest stored run, by
// the ranks stored with it, and lists apart those not rated (不参评). A
// department head sees only their own line, with the rank the office sees.
func (s *Server) scores(c *fiber.Ctx) error {
	return s.scoresPage(c, fiber.Map{})
}

// scoresPage is the year's ranking with the office's form to recompute it;
// data carries a rejected form as typed, with its errors.
func (s *Server) scoresPage(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	year, err := s.yearOf(c)
	if err != nil {
		return err
	}
	data["Year"] = year
	if _, rejected := data["Errors"]; !rejected {
		data["Form"] = scoreForm{Year: strconv.Itoa(year), AsOf: scoring.DefaultAsOf(year, scoring.DateOf(s.opt.Now())).String()}
	}
	sv, key, err := s.scoresOf(c, v, year)
	if errors.Is(err, models.ErrNotFound) {
		return s.page(c, "scores", "score.title", data)
	}
	if err != nil {
		return err
	}
	ranking, page, pages, err := s.rankingPage(c, sv, key, year)
	if err != nil {
		return err
	}
	run := sv.Run
	data["Run"], data["Ranking"], data["Gaps"], data["Assessed"], data["SchemeTitle"] = run, ranking, run.Gaps(), sv.Assessed, sv.SchemeTitle
	data["Page"], data["Pages"] = page, pages
	data["Prev"], data["Next"] = pageLink("/scores", c, page-1, pages), pageLink("/scores", c, page+1, pages)
	if pages > 1 {
		data["All"] = pageLink("/scores", c, 1, 1) + "&all=1"
	}
	if _, rejected := data["Errors"]; !rejected {
		data["Form"] = scoreForm{Year: strconv.Itoa(year), AsOf: scoring.DateOf(run.AsOf).String()}
	}
	return s.page(c, "scores", "score.title", data)
}

// standingLine is a row of the year's assessment on the scores page.
type standingLine struct {
	Name     string
	Standing scoreruns.Standing
}

// assessedLines are the standings of the units the year's assessment
// grades, by their rank in it, as the viewer
// may see them: the one grade of each (assessment.Store.Standing).
func (s *Server) assessedLines(c *fiber.Ctx, v models.Viewer, year int) (lines []standingLine, err error) {
	ctx := c.UserContext()
	all, err := s.assess.AssessedStandings(ctx, v, year)
	if err != nil {
		return nil, err
	}
	for _, st := range all {
		lines = append(lines, standingLine{Standing: st})
	}
	if len(lines) == 0 {
		return nil, nil
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	for i := range lines {
		lines[i].Name = names[lines[i].Standing.DepartmentID]
	}
	slices.SortStableFunc(lines, func(a, b standingLine) int {
		ra, rb := a.Standing.Rank, b.Standing.Rank
		if ra == 0 {
			ra = math.MaxInt
		}
		if rb == 0 {
			rb = math.MaxInt
		}
		return cmp.Compare(ra, rb)
	})
	return lines, nil
}

// scoresView is what the ranking of a year shows: the run, the units the
// year's assessment grades and the run's ranking of the others, rendered.
type scoresView struct {
	Run            *scoreruns.ScoreRun
	SchemeTitle    string // the run's scheme, named
	Assessed       []standingLine
	Rated, Unrated []scoreLine // the run's ranking of the units the assessment does not grade
}

// scoresKey names the bureau's ranking of a year as a role reads it (a
// proposed grade is hidden from some), in a language, as of the last
// change of the runs, the assessment and the imports that name the units
// (rankingEntities): the whole bureau's, thousands of rows, is read and
// rendered once per change, not on every view.
type scoresKey struct {
	Year  int
	Lang  views.Lang
	Role  models.Role
	Stamp int64
}

// rankingEntities are what a ranking is made of.
var rankingEntities = append([]string{"import_run"}, assessment.StandingEntities...)

// scoresOf reads the ranking of a year as v may see it: the bureau's from
// the cache, a head's own line each time. ErrNotFound: the year has no run.
func (s *Server) scoresOf(c *fiber.Ctx, v models.Viewer, year int) (*scoresView, *scoresKey, error) {
	read := func() (*scoresView, error) {
		run, err := s.rankingRun(c, v, year)
		if err != nil {
			return nil, err
		}
		assessed, err := s.assessedLines(c, v, year)
		if err != nil {
			return nil, err
		}
		rated, unrated, err := s.rankingLines(c, v, run, assessed)
		return &scoresView{Run: run, SchemeTitle: s.schemeTitle(run.SchemeVersion), Assessed: assessed, Rated: rated, Unrated: unrated}, err
	}
	if _, limited := v.OwnDepartment(); limited {
		sv, err := read()
		return sv, nil, err
	}
	stamp, err := audit.New(s.store).ChangesTo(c.UserContext(), rankingEntities...)
	if err != nil {
		return nil, nil, err
	}
	key := scoresKey{Year: year, Lang: lang(c), Role: v.Role, Stamp: stamp}
	sv, err := s.rankings.Get(key, read)
	return sv, &key, err
}

// rankingLines are the run's ranking of the units the year's assessment
// does not grade, as the viewer may see it: rated, then not rated.
func (s *Server) rankingLines(c *fiber.Ctx, v models.Viewer, run *scoreruns.ScoreRun, assessed []standingLine) (rated, unrated []scoreLine, err error) {
	ctx := c.UserContext()
	rows, err := scoreruns.New(s.store).RunScores(ctx, v, run.ID)
	if err != nil {
		return nil, nil, err
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return nil, nil, err
	}
	graded := make(map[uint]bool, len(assessed))
	for _, l := range assessed {
		graded[l.Standing.DepartmentID] = true
	}
	for _, r := range rows {
		if graded[r.DepartmentID] {
			continue // the assessment's grade is theirs, shown above
		}
		line := scoreLine{Name: names[r.DepartmentID], Score: r}
		if r.Rated() {
			rated = append(rated, line)
		} else {
			unrated = append(unrated, line)
		}
	}
	return rated, unrated, nil
}

// rankingPage renders a page of the run's ranking (models.PageSize rows,
// the units not rated after the last), or all of it for print: the
// bureau's once per change and page, kept; a head's own line each time.
func (s *Server) rankingPage(c *fiber.Ctx, sv *scoresView, key *scoresKey, year int) (html template.HTML, page, pages int, err error) {
	all := c.Query("all") == "1"
	page, pages, lo := models.Paging(len(sv.Rated), queryInt(c, "page", 1))
	if all {
		page, pages, lo = 0, 1, 0
	}
	fill := func(data fiber.Map) error {
		lines := sv.Rated
		if !all {
			lines = lines[lo:min(lo+models.PageSize, len(lines))]
		}
		data["Year"], data["Lines"], data["Assessed"] = year, lines, len(sv.Assessed) > 0
		if page == pages || all {
			data["Unrated"] = sv.Unrated
		}
		return nil
	}
	if key == nil {
		data := fiber.Map{"Lang": lang(c)}
		_ = fill(data)
		html, err = s.renderPart("ranking_body", data)
		return html, page, pages, err
	}
	html, err = s.rendered(c, *key, page, "ranking_body", fill)
	return html, page, pages, err
}

// scoreForm is the office's recomputation as typed: the year and the day
// the records are read as of.
type scoreForm struct {
	Year, AsOf string
}

// year is the form's year; 0 when it is none.
func (f scoreForm) year() int {
	y, err := strconv.Atoi(f.Year)
	if err != nil || !scoring.ValidYear(y) {
		return 0
	}
	return y
}

// Validate needs a year and a date.
func (f scoreForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.year() == 0 {
		errs.Add("year", "score.badyear", scoring.MinYear, scoring.MaxYear)
	}
	if _, err := scoring.ParseDate(f.AsOf); err != nil {
		errs.Add("as_of", "score.badasof")
	}
	return errs
}

// computeScores is the office's explicit recomputation, audit-logged; a
// rejected one shows the year's page again with what was typed.
func (s *Server) computeScores(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := scoreForm{Year: strings.TrimSpace(c.FormValue("year")), AsOf: strings.TrimSpace(c.FormValue("as_of"))}
	if f.year() != 0 { // the page of the year typed
		c.Request().URI().SetQueryString("year=" + f.Year)
	}
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.scoresPage(c, data)
	}
	asOf := formDate(f.AsOf)
	_, _, err := scoreruns.New(s.store).Deciding(accountability.Decisions(s.store)).ComputeScores(c.UserContext(), v, scoreruns.ScoreRequest{Year: f.year(), AsOf: asOf, SchemeVersion: c.FormValue("scheme")}, s.opt.Now())
	if refused(c, err, f, data, "year", "as_of") {
		return s.scoresPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "score.computed"), "/scores?year="+f.Year)
}

// flashBack shows msg on the page at path.
func (s *Server) flashBack(c *fiber.Ctx, msg, path string) error {
	if err := s.flash(c, msg); err != nil {
		return err
	}
	return c.Redirect(path, fiber.StatusSeeOther)
}

// departmentScore is the score section of a department page: the run and
// the result behind the department's standing, which gives the grade,
// total and rank shown.
type departmentScore struct {
	Run      *scoreruns.ScoreRun
	Result   *scoring.DepartmentResult
	Standing *scoreruns.Standing
	Lang     views.Lang
}

// apiScores answers GET /api/v1/scores?year=2024[&as_of=2025-02-01] for the
// office: the stored run for that year and as-of date under the newest (or
// the named) approved scheme; without as_of, the year's latest run, the one
// the pages show. A GET changes nothing: without a stored run it answers
// 404, and the office computes one with POST /scores/compute.
func (s *Server) apiScores(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	year := c.QueryInt("year")
	if !scoring.ValidYear(year) {
		return c.Status(fiber.StatusBadRequest).JSON(fiber.Map{"error": views.T(lang(c), "score.badyear", scoring.MinYear, scoring.MaxYear)})
	}
	var run *scoreruns.ScoreRun
	var err error
	if c.Query("as_of") == "" && c.Query("scheme") == "" {
		run, err = scoreruns.New(s.store).LatestRun(ctx, year)
	} else {
		asOf, perr := scoring.ParseDate(c.Query("as_of"))
		if perr != nil {
			return c.Status(fiber.StatusBadRequest).JSON(fiber.Map{"error": views.T(lang(c), "score.badasof")})
		}
		run, err = scoreruns.New(s.store).FindRun(ctx, year, asOf, c.Query("scheme"))
	}
	if errors.Is(err, models.ErrNotFound) {
		return c.Status(fiber.StatusNotFound).JSON(fiber.Map{"error": views.T(lang(c), "score.norun")})
	}
	if err != nil {
		return err
	}
	report, err := scoreruns.New(s.store).StoredReport(ctx, v, run)
	if err != nil {
		return err
	}
	return c.JSON(report)
}

// runName names a score run for people, by its year and the day it was
// computed: 2025年度得分（2026年2月2日计算）, never by its id.
func runName(l views.Lang, run *scoreruns.ScoreRun) string {
	day := scoring.DateOf(run.ComputedAt.Local())
	when := day.String()
	if l == views.Chinese {
		when = documents.ChineseDate(day)
	}
	return views.T(l, "scorerun.name", run.Year, when)
}
