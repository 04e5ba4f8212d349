package handlers

import (
	"errors"
	"fmt"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// exportDeductions is GET /export/deductions.xlsx?year=&department=: every
// point a department lost in the newest stored run of a year, with its
// reason in Chinese. A head gets their own department, and a 404 for any
// other, as on the department page.
func (s *Server) exportDeductions(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	year, err := s.scoreYearOf(c)
	if err != nil {
		return s.userMistake(c, err)
	}
	id, err := departmentParam(c, v)
	if err != nil {
		return err
	}
	d, err := s.store.Department(ctx, v, id)
	if err != nil {
		return err
	}
	run, err := s.departmentRun(c, v, year, d.ID)
	if errors.Is(err, models.ErrNotFound) {
		return s.notice(c, fiber.StatusNotFound, views.T(lang(c), "score.none", year))
	}
	if err != nil {
		return err
	}
	row, err := scoreruns.New(s.store).DepartmentScoreIn(ctx, v, run.ID, d.ID)
	if err != nil {
		return err
	}
	res, err := row.Result()
	if err != nil {
		return err
	}
	t, err := newXLSXTable("扣分明细", []xlsxColumn{{"指标", 6}, {"指标名称", 18}, {"扣分", 8}, {"说明", 70}, {"期间", 22},
		{"记录日期", 12}, {"应完成日期", 12}, {"完成日期", 12}, {"逾期工作日", 10}})
	if err != nil {
		return err
	}
	defer t.close()
	for _, ind := range res.Indicators {
		for _, x := range ind.Deductions {
			var late any
			if x.LateDays > 0 {
				late = x.LateDays
			}
			if err := t.add(ind.Code, ind.Name, scoring.Float2(x.Points), views.Word(views.Chinese, x.Message()), views.Word(views.Chinese, x.Period.Text()),
				x.On.String(), x.Due.String(), x.Done.String(), late); err != nil {
				return err
			}
		}
	}
	return t.send(c, fmt.Sprintf("扣分明细-%s-%d年.xlsx", d.Name, year))
}

// exportScores is GET /export/scores.xlsx?year=: each department's
// standing in a year (the grade, total and rank the pages show: the units
// the year's assessment grades first, by their rank in it, then the others
// from the newest run), one line per department the viewer may see, with
// every indicator's score in scheme order.
func (s *Server) exportScores(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	year, err := s.scoreYearOf(c)
	if err != nil {
		return s.userMistake(c, err)
	}
	run, err := s.rankingRun(c, v, year)
	if errors.Is(err, models.ErrNotFound) {
		return s.notice(c, fiber.StatusNotFound, views.T(lang(c), "score.none", year))
	}
	if err != nil {
		return err
	}
	assessed, err := s.assessedLines(c, v, year)
	if err != nil {
		return err
	}
	rows, err := scoreruns.New(s.store).RunResults(ctx, v, run.ID)
	if err != nil {
		return err
	}
	standings, err := s.assess.Standings(ctx, v, year)
	if err != nil {
		return err
	}
	lines := make([]scoreruns.Standing, 0, len(rows))
	graded := map[uint]bool{}
	for _, l := range assessed {
		lines, graded[l.Standing.DepartmentID] = append(lines, l.Standing), true
	}
	byDept := make(map[uint]scoreruns.Standing, len(standings))
	for _, st := range standings {
		byDept[st.DepartmentID] = st
	}
	for _, r := range rows {
		if st, ok := byDept[r.DepartmentID]; ok && !graded[r.DepartmentID] {
			lines = append(lines, st)
		}
	}
	results := make([]*scoring.DepartmentResult, len(lines))
	for i := range lines {
		if lines[i].PlanID == 0 && lines[i].RunID == run.ID { // the run read above
			results[i], err = rowOf(rows, lines[i].DepartmentID).Result()
		} else {
			results[i], err = s.assess.StandingResult(ctx, v, &lines[i])
		}
		if err != nil {
			return err
		}
	}
	cols := []xlsxColumn{{"名次", 6}, {"编码", 10}, {"部门", 20}}
	if i := slices.IndexFunc(results, func(r *scoring.DepartmentResult) bool { return r != nil && !r.Unrated }); i >= 0 {
		for _, ind := range results[i].Indicators {
			cols = append(cols, xlsxColumn{ind.Code + " " + ind.Name, 14})
		}
	}
	cols = append(cols, xlsxColumn{"依据", 10}, xlsxColumn{"总分", 8}, xlsxColumn{"等次", 8}, xlsxColumn{"一票否决", 8}, xlsxColumn{"限为合格", 8})
	t, err := newXLSXTable("考核得分", cols)
	if err != nil {
		return err
	}
	defer t.close()
	for i, st := range lines {
		res := results[i]
		if res == nil {
			continue
		}
		source := views.T(views.Chinese, st.SourceKey())
		if !st.Rated() {
			// 不参评 or not yet to be shown: no figures; the grade column says why.
			line := []any{"", res.Code, res.Name}
			for range len(cols) - 8 {
				line = append(line, "")
			}
			grade := "不参评"
			if st.Hidden {
				grade = views.T(views.Chinese, "standing.hidden")
			}
			if err := t.add(append(line, source, "", grade, "", "")...); err != nil {
				return err
			}
			continue
		}
		line := []any{st.Rank, res.Code, res.Name}
		for _, ind := range res.Indicators {
			line = append(line, scoring.Float2(ind.Score))
		}
		line = append(line, source, st.Float(), st.Grade, yesNo(st.Veto), yesNo(res.Capped || st.Ineligible))
		if err := t.add(line...); err != nil {
			return err
		}
	}
	return t.send(c, fmt.Sprintf("考核得分-%d年.xlsx", year))
}

// rowOf finds a department's score among a run's.
func rowOf(rows []scoreruns.DepartmentScore, dept uint) scoreruns.DepartmentScore {
	i := slices.IndexFunc(rows, func(r scoreruns.DepartmentScore) bool { return r.DepartmentID == dept })
	return rows[i]
}

// scoreYearOf reads ?year= of a score export, defaulting to the newest year
// with stored scores, as the scores page does.
func (s *Server) scoreYearOf(c *fiber.Ctx) (int, error) {
	year := queryInt(c, "year", 0)
	if c.Query("year") == "" {
		years, err := scoreruns.New(s.store).Years(c.UserContext())
		if err != nil {
			return 0, err
		}
		if len(years) > 0 {
			year = years[0]
		}
	}
	if !scoring.ValidYear(year) {
		return 0, &models.ValidationError{Field: "year", Message: views.T(lang(c), "score.badyear", scoring.MinYear, scoring.MaxYear)}
	}
	return year, nil
}
