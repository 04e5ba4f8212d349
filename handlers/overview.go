// Long file: the overview page, its cache and the charts drawn from the one
// overview it builds.

package handlers

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/cache"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/overview"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// overviewKey identifies what an overview shows: a year, as of the last
// change of what it is made of (overviewEntities: a new run, an import, a
// request worked, a grade), on a day (deadlines move daily), in a
// language. Any of those makes a new key, so the cache never serves
// figures older than the data.
type overviewKey struct {
	Year  int
	Stamp int64
	Today scoring.Date
	Lang  views.Lang
}

// overviewView is a built overview: charts and tables ready to render,
// and the large chart options served separately.
type overviewView struct {
	// Body is the rendered page body: it depends only on the cache key, so
	// it is rendered once, and a request renders only the layout around it.
	Body    template.HTML
	Year    int
	Run     *scoreruns.ScoreRun
	Charts  []chartView
	Request overview.RequestStats
	// Large options by chart id, for /overview/chart/{id}.json.
	large    map[string][]byte
	Oldest   []openRequestRow
	Overdue  []deadlineRow
	Upcoming []deadlineRow
}

type openRequestRow struct {
	overview.OpenRequest
	Dept string
}

// deadlineRow is one department's deadlines in a list.
type deadlineRow struct {
	Dept   string
	DeptID uint
	Count  int
	Items  []clocks.Deadline // the first deadlineItems
}

// overview is the office's view of a year at a glance. Heads go to their
// own department instead: the overview is the whole bureau's.
func (s *Server) overview(c *fiber.Ctx) error {
	v, _ := viewer(c)
	if id, limited := v.OwnDepartment(); limited {
		return c.Redirect("/departments/"+strconv.FormatUint(uint64(id), 10), fiber.StatusSeeOther)
	}
	ov, key, err := s.overviewFor(c)
	building := errors.Is(err, cache.ErrBuilding)
	if err != nil && !building && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	open, err := s.flagsOpen.Get(flagsKey{Role: v.Role, Dept: v.DepartmentID, Stamp: key.Stamp}, func() (int, error) { return s.openFlags(c, v) })
	if err != nil {
		return err
	}
	if ov == nil { // being built, or the year has no run
		data := fiber.Map{"Year": key.Year, "OpenFlags": open, "Building": building}
		if building {
			data["Refresh"] = 3
		}
		return s.page(c, "overview", "overview.title", data)
	}
	return s.page(c, "overview", "overview.title", fiber.Map{"Year": ov.Year, "Body": ov.Body, "Charts": true, "OpenFlags": open})
}

// flagsKey names the count of open flags a kind of reader sees, as of the
// overview's stamp (the flags are made of publications, reviews and
// decisions, all among overviewEntities).
type flagsKey struct {
	Role  models.Role
	Dept  uint
	Stamp int64
}

// overviewChart serves a large chart's option as JSON, from the cache.
func (s *Server) overviewChart(c *fiber.Ctx) error {
	ov, _, err := s.overviewFor(c)
	if err != nil {
		return err
	}
	b, ok := ov.large[c.Params("id")]
	if !ok {
		return models.ErrNotFound
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "private, max-age=60")
	return c.Send(b)
}

// overviewEntities are what an overview is made of: the records it counts,
// the standings it charts and the flags it announces. One stamp of their
// changes (audit.Store.ChangesTo) keys it, so that a view costs one query
// of its own, and a liaison form saved or a case note does not rebuild it.
var overviewEntities = slices.Concat(overview.Entities, assessment.StandingEntities, []string{"disclosure_flag"})

// overviewFor finds or builds the overview of the requested year, and says
// its key; ErrNotFound when the year has no run.
func (s *Server) overviewFor(c *fiber.Ctx) (*overviewView, overviewKey, error) {
	ctx := c.UserContext()
	year, err := s.yearOf(c)
	if err != nil {
		return nil, overviewKey{}, err
	}
	stamp, err := audit.New(s.store).ChangesTo(ctx, overviewEntities...)
	if err != nil {
		return nil, overviewKey{}, err
	}
	key := overviewKey{Year: year, Stamp: stamp, Today: scoring.DateOf(s.opt.Now()), Lang: lang(c)}
	ov, err := s.overviews.GetWaiting(ctx, key, overviewWait, ComputeTimeout, func(ctx context.Context) (*overviewView, error) { return s.buildOverview(ctx, key) })
	return ov, key, err
}

// overviewWait is how long a view waits for an overview being built before
// it says so: a province's first overview after a change takes seconds,
// longer on a busy SQLite, and fifty people waiting on it past their
// deadline got errors (issue 27's mixed load). The build goes on, and the
// page that says so looks again shortly.
const overviewWait = 5 * time.Second

// buildOverview reads the stored run and the records' figures and makes
// the charts. It runs once per key.
func (s *Server) buildOverview(ctx context.Context, key overviewKey) (*overviewView, error) {
	l := key.Lang
	run, err := scoreruns.New(s.store).LatestRun(ctx, key.Year)
	if err != nil {
		return nil, err
	}
	standings, err := s.assess.Standings(ctx, models.System, run.Year)
	if err != nil {
		return nil, err
	}
	results, err := scoreruns.New(s.store).RunFigures(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	sv, err := s.store.SchemeByVersion(ctx, run.SchemeVersion)
	if err != nil {
		return nil, err
	}
	scheme, err := sv.Scheme()
	if err != nil {
		return nil, err
	}
	leads := map[uint]bool{}
	for _, r := range results {
		leads[r.Dept] = r.Leads
	}
	o, err := overview.New(s.store).Overview(ctx, run.Year, key.Today, scheme, leads)
	if err != nil {
		return nil, err
	}
	ov := &overviewView{Year: run.Year, Run: run, Request: o.Requests, large: map[string][]byte{}}
	heatmap := heatmapChart(ov, l, results, names, scheme, run.Year)
	ov.Charts = append(ov.Charts,
		gradeChart(l, standings),
		rankingChart(ov, l, standings, names, run.Year),
		heatmap,
		monthlyChart(l, o),
		timelinessChart(l, o.Requests),
		complaintChart(l, o.Complaints),
	)
	for _, r := range o.Requests.OldestOpen {
		ov.Oldest = append(ov.Oldest, openRequestRow{r, names[r.DepartmentID]})
	}
	ov.Overdue, ov.Upcoming = byDepartment(o.Overdue, names), byDepartment(o.Upcoming, names)
	ov.Charts = append(ov.Charts, overdueChart(l, ov.Overdue))
	ov.Body, err = s.renderPart("overview_body", fiber.Map{"Lang": l, "Year": ov.Year, "O": ov, "Limit": deadlineRows, "UpcomingDays": clocks.UpcomingWorkDays})
	return ov, err
}

// gradeChart is the distribution of the year's standings by grade among
// the rated departments; those not rated are counted apart in its table,
// never in a share.
func gradeChart(l views.Lang, standings []scoreruns.Standing) chartView {
	grades := scoring.Grades()
	count := map[string]int{}
	unrated := 0
	for i := range standings {
		if standings[i].Rated() {
			count[standings[i].Grade]++
		} else {
			unrated++
		}
	}
	pie := charts.NewPie()
	pie.SetGlobalOptions(chartInit(views.T(l, "overview.grades"))...)
	pie.SetGlobalOptions(charts.WithColorsOpts(opts.Colors{"#1b6e2f", "#0b5cad", "#c77700", "#b3261e"}))
	data := make([]opts.PieData, 0, len(grades))
	table := &dataTable{Head: []string{views.T(l, "score.grade"), views.T(l, "overview.departments")}}
	for _, g := range grades {
		name := gradeLabel(string(g), l)
		data = append(data, opts.PieData{Name: name, Value: count[string(g)]})
		table.Rows = append(table.Rows, []string{name, strconv.Itoa(count[string(g)])})
	}
	if unrated > 0 {
		table.Rows = append(table.Rows, []string{views.T(l, "score.unrated"), strconv.Itoa(unrated)})
	}
	pie.AddSeries(views.T(l, "score.grade"), data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"40%", "70%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}: {c}"}))
	return chartView{ID: "grades", Title: views.T(l, "overview.grades"), Option: optionJSON(pie), Height: 300, Table: table}
}

// chartRows is how many departments a chart labels, each by its full
// name; a bureau with more shows its best and its weakest halves of that,
// and the page says so and links to the full list.
const chartRows = 60

// rowHeight is the height of one department's bar or row, in pixels.
const rowHeight = 22

// showRows picks the departments a chart shows: all of them, or the first
// and last chartRows/2 of a longer list.
func showRows[T any](all []T) []T {
	if len(all) <= chartRows {
		return all
	}
	return append(slices.Clone(all[:chartRows/2]), all[len(all)-chartRows/2:]...)
}

// fullLabels labels every category of an axis, however many.
var fullLabels = &opts.AxisLabel{Interval: "0"}

// totalsBar is a horizontal bar of units' totals out of 100, a bar a unit
// labelled in full, the first label on top (labels and data come in
// reverse): the overview's ranking and a monitoring run's chart.
func totalsBar(l views.Lang, title string, labels []string, data []opts.BarData) *charts.Bar {
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(title)...)
	bar.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "10", Bottom: "24", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Max: 100}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: fullLabels}))
	bar.SetXAxis(labels).AddSeries(views.T(l, "score.total"), data)
	bar.XYReversal()
	return bar
}

// rankingChart is every rated department's total by its standing, best
// first, each labelled with its rank among the units of its standing: the
// units the year's assessment grades first, then the others; with more
// than chartRows departments the best and the weakest, the rest a click
// away in the ranking.
func rankingChart(ov *overviewView, l views.Lang, standings []scoreruns.Standing, names map[uint]string, year int) chartView {
	rated := slices.DeleteFunc(slices.Clone(standings), func(st scoreruns.Standing) bool { return !st.Rated() })
	slices.SortStableFunc(rated, func(a, b scoreruns.Standing) int {
		outside := func(st scoreruns.Standing) int { // the assessment's units first
			if st.PlanID == 0 {
				return 1
			}
			return 0
		}
		return cmp.Or(cmp.Compare(outside(a), outside(b)), cmp.Compare(a.Rank, b.Rank))
	})
	sorted := showRows(rated)
	labels := make([]string, len(sorted))
	data := make([]opts.BarData, len(sorted))
	for i, st := range sorted {
		// Reversed so the best is on top of the horizontal bars.
		j := len(sorted) - 1 - i
		labels[j] = views.T(l, "chart.ranked", st.Rank, names[st.DepartmentID])
		data[j] = opts.BarData{Value: st.Float()}
	}
	bar := totalsBar(l, views.T(l, "overview.ranking"), labels, data)
	ov.large["ranking"] = []byte(optionJSON(bar))
	return chartView{ID: "ranking", Title: views.T(l, "overview.ranking"), Src: "/overview/chart/ranking.json?year=" + strconv.Itoa(year),
		Height: 40 + rowHeight*len(sorted), More: "/scores?year=" + strconv.Itoa(year), Note: partial(l, len(rated), len(sorted))}
}

// partial says that a chart shows part of the departments.
func partial(l views.Lang, all, shown int) string {
	if all <= shown {
		return ""
	}
	return views.T(l, "chart.partial", all, shown/2, shown/2)
}

// heatmapChart shows each department's share of each indicator's points,
// so weak spots stand out across the bureau: departments in rank order,
// each labelled, indicators by code and name.
func heatmapChart(ov *overviewView, l views.Lang, results []*scoring.DepartmentResult, names map[uint]string, scheme *scoring.Scheme, year int) chartView {
	codes := make([]string, len(scheme.Indicators))
	for i, ind := range scheme.Indicators {
		codes[i] = ind.Code + " " + indicatorName(l, ind.Name, ind.NameEN)
	}
	rated := slices.DeleteFunc(slices.Clone(results), func(r *scoring.DepartmentResult) bool { return r.Unrated })
	slices.SortStableFunc(rated, func(a, b *scoring.DepartmentResult) int { return a.Rank - b.Rank })
	shown := showRows(rated)
	depts := make([]string, len(shown))
	var data []opts.HeatMapData
	for y, res := range shown {
		depts[y] = names[res.Dept]
		for x, ind := range res.Indicators {
			share := 100.0
			if ind.Max.Sign() > 0 {
				f, _ := ind.Score.Float64()
				m, _ := ind.Max.Float64()
				share = float64(int(1000*f/m+0.5)) / 10
			}
			data = append(data, opts.HeatMapData{Value: [3]any{x, y, share}})
		}
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(chartInit(views.T(l, "overview.heatmap"))...)
	hm.SetGlobalOptions(
		// Indicators along the top, the scale alone at the bottom: no label
		// of one sits on the other.
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "8", Bottom: "56", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: codes, Position: "top", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 90, FontSize: 11}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: depts, Inverse: opts.Bool(true), AxisLabel: fullLabels}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(false), Min: 0, Max: 100, Orient: "horizontal", Left: "center", Bottom: "4",
			Text: []string{"100%", "0%"}, InRange: &opts.VisualMapInRange{Color: []string{"#b3261e", "#f2c94c", "#1b6e2f"}}}),
	)
	hm.AddSeries(views.T(l, "overview.share"), data)
	ov.large["heatmap"] = []byte(optionJSON(hm))
	return chartView{ID: "heatmap", Title: views.T(l, "overview.heatmap"), Src: "/overview/chart/heatmap.json?year=" + strconv.Itoa(year),
		Height: 180 + rowHeight*len(shown), More: "/scores?year=" + strconv.Itoa(year), Note: partial(l, len(rated), len(shown))}
}

func monthlyChart(l views.Lang, o *overview.Overview) chartView {
	months := make([]string, 12)
	for i := range months {
		months[i] = strconv.Itoa(i + 1)
	}
	channels := make([]string, 0, len(o.Monthly))
	for ch := range o.Monthly {
		channels = append(channels, ch)
	}
	slices.Sort(channels)
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(views.T(l, "overview.monthly"))...)
	// Every channel in the legend, on as many lines as it takes (a paging
	// legend hides channels behind arrows); counts on whole numbers.
	legendLines := 1 + len(channels)/4
	bar.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "plain", Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "16", Bottom: strconv.Itoa(16 + 24*legendLines), ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}))
	bar.SetXAxis(months)
	table := &dataTable{Head: append([]string{views.T(l, "catalog.channels")}, months...)}
	for _, ch := range channels {
		data := make([]opts.BarData, 12)
		row := []string{ch}
		for m, n := range o.Monthly[ch] {
			data[m] = opts.BarData{Value: n}
			row = append(row, strconv.Itoa(n))
		}
		bar.AddSeries(ch, data, charts.WithBarChartOpts(opts.BarChart{Stack: "all"}))
		table.Rows = append(table.Rows, row)
	}
	return chartView{ID: "monthly", Title: views.T(l, "overview.monthly"), Option: optionJSON(bar), Height: 300 + 24*legendLines, Table: table}
}

func timelinessChart(l views.Lang, r overview.RequestStats) chartView {
	labels := make([]string, len(overview.TimelinessBuckets))
	data := make([]opts.BarData, len(labels))
	table := &dataTable{Head: []string{views.T(l, "overview.days"), views.T(l, "overview.requests")}}
	for i, b := range overview.TimelinessBuckets {
		labels[i] = b.Label
		data[i] = opts.BarData{Value: r.Buckets[i]}
		table.Rows = append(table.Rows, []string{b.Label, strconv.Itoa(r.Buckets[i])})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(views.T(l, "overview.timeliness"))...)
	bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", MinInterval: 1}))
	bar.SetXAxis(labels).AddSeries(views.T(l, "overview.requests"), data)
	return chartView{ID: "timeliness", Title: views.T(l, "overview.timeliness"), Option: optionJSON(bar), Height: 280, Table: table}
}

func complaintChart(l views.Lang, cs overview.ComplaintStats) chartView {
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(views.T(l, "overview.complaints"))...)
	bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Max: 100}))
	reply, closed := overview.Rate(cs.Replied, cs.Received), overview.Rate(cs.Closed, cs.Received)
	bar.SetXAxis([]string{views.T(l, "overview.replyrate"), views.T(l, "overview.closerate")}).
		AddSeries("%", []opts.BarData{{Value: round1(reply)}, {Value: round1(closed)}})
	table := &dataTable{
		Head: []string{views.T(l, "overview.received"), views.T(l, "overview.replied"), views.T(l, "overview.closed"), views.T(l, "overview.replyrate"), views.T(l, "overview.closerate")},
		Rows: [][]string{{strconv.Itoa(cs.Received), strconv.Itoa(cs.Replied), strconv.Itoa(cs.Closed), fmt.Sprintf("%.1f%%", reply), fmt.Sprintf("%.1f%%", closed)}},
	}
	return chartView{ID: "complaints", Title: views.T(l, "overview.complaints"), Option: optionJSON(bar), Height: 260, Table: table}
}

// overdueChart shows the departments with the most overdue work.
func overdueChart(l views.Lang, rows []deadlineRow) chartView {
	top := rows[:min(20, len(rows))]
	labels := make([]string, len(top))
	data := make([]opts.BarData, len(top))
	table := &dataTable{Head: []string{views.T(l, "dept.name"), views.T(l, "overview.overdue")}}
	for i, r := range top {
		j := len(top) - 1 - i
		labels[j], data[j] = r.Dept, opts.BarData{Value: r.Count}
		table.Rows = append(table.Rows, []string{r.Dept, strconv.Itoa(r.Count)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartInit(views.T(l, "overview.overdue"))...)
	bar.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "10", Bottom: "24", ContainLabel: opts.Bool(true)}),
		// Horizontal bars: x is the count, y the departments.
		charts.WithXAxisOpts(opts.XAxis{Type: "value", MinInterval: 1}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: fullLabels}))
	bar.SetXAxis(labels).AddSeries(views.T(l, "overview.overdue"), data)
	bar.XYReversal()
	return chartView{ID: "overdue", Title: views.T(l, "overview.overduechart"), Option: optionJSON(bar), Height: 40 + 22*max(len(top), 3), Table: table}
}

// deadlineRows is how many departments a deadline list shows, and
// deadlineItems how many of each one's items; the rest are counted.
// Nobody reads three
// thousand rows: a province's list of a hundred departments with twenty
// items each was 140 KB of the overview's 170 (issue 27).
const (
	deadlineRows  = 30
	deadlineItems = 5
)

// byDepartment groups deadlines per department, most first.
func byDepartment(ds []clocks.Deadline, names map[uint]string) []deadlineRow {
	idx := map[uint]int{}
	var out []deadlineRow
	for _, d := range ds {
		i, ok := idx[d.DepartmentID]
		if !ok {
			i = len(out)
			idx[d.DepartmentID] = i
			out = append(out, deadlineRow{Dept: names[d.DepartmentID], DeptID: d.DepartmentID})
		}
		out[i].Count++
		if len(out[i].Items) < deadlineItems {
			out[i].Items = append(out[i].Items, d)
		}
	}
	slices.SortStableFunc(out, func(a, b deadlineRow) int { return b.Count - a.Count })
	return out
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }
