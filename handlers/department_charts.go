package handlers

import (
	"context"
	"encoding/json"
	"math/big"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/gongkai/gongkai/models/overview"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// averages returns the bureau's mean share (0-100) of each indicator's
// points in a run, in scheme order, over the rated departments: the same
// figure whoever looks.
// Reading every department's stored result is done once per run (a run
// never changes), not per page.
func (s *Server) averages(ctx context.Context, run *scoreruns.ScoreRun) ([]float64, error) {
	return s.avgs.Get(run.ID, func() ([]float64, error) { return s.readAverages(ctx, run) })
}

// readAverages reads the averages of a run.
func (s *Server) readAverages(ctx context.Context, run *scoreruns.ScoreRun) ([]float64, error) {
	results, err := scoreruns.New(s.store).RunFigures(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	var sum []float64
	rated := 0
	for _, res := range results {
		if res.Unrated {
			continue
		}
		rated++
		if sum == nil {
			sum = make([]float64, len(res.Indicators))
		}
		for i, ind := range res.Indicators {
			sum[i] += share(ind)
		}
	}
	for i := range sum {
		sum[i] /= float64(rated)
	}
	return sum, nil
}

// share is an indicator's score as a percentage of its maximum.
func share(ind scoring.IndicatorResult) float64 {
	if ind.Max.Sign() == 0 {
		return 100
	}
	f, _ := new(big.Rat).Quo(ind.Score, ind.Max).Float64()
	return round1(100 * f)
}

// radarChart compares a department's indicators with the bureau average.
func radarChart(l views.Lang, res *scoring.DepartmentResult, avg []float64) chartView {
	indicators := make([]*opts.Indicator, len(res.Indicators))
	own := make([]float64, len(res.Indicators))
	table := &dataTable{Head: []string{views.T(l, "score.indicator"), res.Name, views.T(l, "dept.average")}}
	for i, ind := range res.Indicators {
		indicators[i] = &opts.Indicator{Name: ind.Code + " " + indName(l, ind), Max: 100}
		own[i] = share(ind)
		a := 0.0
		if i < len(avg) {
			a = round1(avg[i])
		}
		table.Rows = append(table.Rows, []string{ind.Code + " " + indName(l, ind), strconv.FormatFloat(own[i], 'f', 1, 64) + "%", strconv.FormatFloat(a, 'f', 1, 64) + "%"})
	}
	radar := charts.NewRadar()
	radar.SetGlobalOptions(chartInit(views.T(l, "dept.radar"))...)
	// Names around a smaller radar, so that they fit a phone's width.
	radar.SetGlobalOptions(charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: indicators, Center: []string{"50%", "48%"}, AxisName: &opts.AxisName{FontSize: 11}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}))
	radar.AddSeries(res.Name, []opts.RadarData{{Name: res.Name, Value: own}}).
		AddSeries(views.T(l, "dept.average"), []opts.RadarData{{Name: views.T(l, "dept.average"), Value: avg}})
	return chartView{ID: "radar", Title: views.T(l, "dept.radar"), Option: withRadius(optionJSON(radar), "52%"), Height: 380, Table: table}
}

func indName(l views.Lang, ind scoring.IndicatorResult) string {
	return indicatorName(l, ind.Name, ind.NameEN)
}

// indicatorName is an indicator's name in l: the English one on an English
// page when the scheme gives one, else the Chinese.
func indicatorName(l views.Lang, name, nameEN string) string {
	if l == views.English && nameEN != "" {
		return nameEN
	}
	return name
}

// trendChart is the department's total over the years with stored scores.
func trendChart(l views.Lang, points []scoreruns.Standing) chartView {
	years := make([]string, len(points))
	data := make([]opts.LineData, len(points))
	table := &dataTable{Head: []string{views.T(l, "score.year"), views.T(l, "score.total"), views.T(l, "score.grade")}}
	for i, p := range points {
		years[i] = strconv.Itoa(p.Year)
		if !p.Rated() { // not rated (or not yet shown) that year: a gap in the line
			data[i] = opts.LineData{Value: "-"}
			why := views.T(l, "score.unrated")
			if p.Hidden {
				why = views.T(l, "standing.hidden")
			}
			table.Rows = append(table.Rows, []string{years[i], "", why})
			continue
		}
		data[i] = opts.LineData{Value: p.Float()}
		table.Rows = append(table.Rows, []string{years[i], p.Rounded(), gradeLabel(p.Grade, l) + " " + views.T(l, p.SourceKey())})
	}
	line := charts.NewLine()
	line.SetGlobalOptions(chartInit(views.T(l, "dept.trend"))...)
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100}))
	line.SetXAxis(years).AddSeries(views.T(l, "score.total"), data)
	return chartView{ID: "trend", Title: views.T(l, "dept.trend"), Option: optionJSON(line), Height: 260, Table: table}
}

// quarterChart is the share of the department's quarterly and monthly
// slots filled in each quarter of the year; ok is false for a department
// with no such slots, which a flat 0% line would misrepresent.
func quarterChart(l views.Lang, slots []scoring.SlotResult) (_ chartView, ok bool) {
	var filled, counted [4]int
	for _, sl := range slots {
		if sl.Period.Kind != scoring.PeriodQuarter && sl.Period.Kind != scoring.PeriodMonth || sl.State == scoring.SlotPending {
			continue
		}
		q := sl.Period.Start.Quarter() - 1
		counted[q]++
		if sl.State == scoring.SlotFilled {
			filled[q]++
		}
	}
	if counted == [4]int{} {
		return chartView{}, false
	}
	labels := []string{"Q1", "Q2", "Q3", "Q4"}
	data := make([]opts.LineData, 4)
	table := &dataTable{Head: []string{views.T(l, "dept.quarter"), views.T(l, "dept.filled"), views.T(l, "dept.slots")}}
	for q := range 4 {
		data[q] = opts.LineData{Value: round1(overview.Rate(filled[q], counted[q]))}
		table.Rows = append(table.Rows, []string{labels[q], strconv.Itoa(filled[q]), strconv.Itoa(counted[q])})
	}
	line := charts.NewLine()
	line.SetGlobalOptions(chartInit(views.T(l, "dept.quarters"))...)
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100}))
	line.SetXAxis(labels).AddSeries("%", data)
	return chartView{ID: "quarters", Title: views.T(l, "dept.quarters"), Option: optionJSON(line), Height: 260, Table: table}, true
}

// coverageGrid is the department's catalog items × slots, each cell
// filled, filled late, empty, void or pending.
type coverageGrid struct {
	Rows []coverageRow
}

type coverageRow struct {
	Seq   int
	Title string
	Cells []coverageCell
}

type coverageCell struct {
	Label       string
	State       string // filled, late, empty, void, pending
	Publication uint
}

// newCoverageGrid lays out the slots by item; a slot whose filling
// publication was late (an A2 deduction) shows as filled late.
func newCoverageGrid(l views.Lang, res *scoring.DepartmentResult, titles map[int]string) coverageGrid {
	late := map[uint]bool{}
	for _, ind := range res.Indicators {
		for _, d := range ind.Deductions {
			if d.Kind == scoring.DeductPublicationLate {
				late[d.Record.ID] = true
			}
		}
	}
	var g coverageGrid
	idx := map[int]int{}
	for _, sl := range res.Slots {
		i, ok := idx[sl.Item]
		if !ok {
			i = len(g.Rows)
			idx[sl.Item] = i
			g.Rows = append(g.Rows, coverageRow{Seq: sl.Item, Title: titles[sl.Item]})
		}
		state := string(sl.State)
		if sl.State == scoring.SlotFilled && late[sl.Publication] {
			state = "late"
		}
		g.Rows[i].Cells = append(g.Rows[i].Cells, coverageCell{Label: views.Word(l, sl.Period.Text()), State: state, Publication: sl.Publication})
	}
	slices.SortFunc(g.Rows, func(a, b coverageRow) int { return a.Seq - b.Seq })
	return g
}

// withRadius sets the radar's radius, which go-echarts has no field for.
func withRadius(option, radius string) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(option), &m); err != nil {
		return option
	}
	if r, ok := m["radar"].(map[string]any); ok {
		r["radius"] = radius
	} else if rs, ok := m["radar"].([]any); ok && len(rs) > 0 {
		if r, ok := rs[0].(map[string]any); ok {
			r["radius"] = radius
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return option
	}
	return string(b)
}
