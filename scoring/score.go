package scoring

import (
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Score computes the assessment of in.Year as of in.AsOf for every
// department. It refuses an input that is inconsistent (an invalid scheme,
// a record of an unknown department, a duplicate ID) with a Chinese
// sentence, and otherwise never fails. Departments are scored in parallel.
func Score(in Input) (*Result, error) {
	r, err := newRun(&in)
	if err != nil {
		return nil, err
	}
	res := &Result{
		SchemeVersion: in.Scheme.Version,
		Year:          in.Year,
		AsOf:          in.AsOf,
		Departments:   make([]DepartmentResult, len(in.Departments)),
		Unresolved:    r.idx.unresolved,
	}

	all := make([]int, len(in.Departments))
	for i := range all {
		all[i] = i
	}
	clocks := r.newClocks()
	r.scoreEach(all, res.Departments, clocks)

	Rate(in.Scheme, res.Departments)
	res.CalendarGaps = mergeGaps(clocks)
	return res, nil
}

// newClocks returns a working-day clock for each worker scoreEach runs.
func (r *run) newClocks() []*clock {
	clocks := make([]*clock, max(1, min(runtime.GOMAXPROCS(0), len(r.in.Departments))))
	for w := range clocks {
		clocks[w] = newClock(r.in.Calendar)
	}
	return clocks
}

// scoreEach scores the departments at positions into out (out[k] for
// positions[k]), on a worker per clock.
func (r *run) scoreEach(positions []int, out []DepartmentResult, clocks []*clock) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, c := range clocks {
		wg.Go(func() {
			scratch := r.newScratch()
			for {
				k := int(next.Add(1) - 1)
				if k >= len(positions) {
					return
				}
				out[k] = r.department(positions[k], c, scratch)
			}
		})
	}
	wg.Wait()
}

// run holds what every department's scoring shares, read-only.
type run struct {
	in   *Input
	idx  *index
	year Period // 1 January to 31 December of the assessment year

	points     map[string]*big.Rat // indicator code → points
	quarterDue [4]Date             // D1 due dates
	annualDue  Date                // D3 due date, in the next year
}

// newRun checks the input and prepares the shared state.
func newRun(in *Input) (*run, error) {
	switch {
	case in.Scheme == nil:
		return nil, errors.New("缺少评分方案")
	case in.Calendar == nil:
		return nil, errors.New("缺少工作日历")
	case in.Year < 2 || in.Year > 9998:
		return nil, fmt.Errorf("考核年度 %d 无效", in.Year)
	case in.AsOf.IsZero():
		return nil, errors.New("缺少计算日期")
	case in.AsOf < NewDate(in.Year, time.January, 1):
		return nil, fmt.Errorf("计算日期“%s”须不早于考核年度 %d 年的 1 月 1 日", in.AsOf, in.Year)
	case in.Monitoring && in.AsOf > NewDate(in.Year, time.December, 31):
		return nil, fmt.Errorf("监测截止日期“%s”须在 %d 年之内；年终之后请进行年度考核评分", in.AsOf, in.Year)
	}
	if err := in.Scheme.Validate(); err != nil {
		return nil, fmt.Errorf("评分方案“%s”有误：%w", in.Scheme.Version, err)
	}
	idx, err := newIndex(in)
	if err != nil {
		return nil, err
	}
	r := &run{in: in, idx: idx, year: yearPeriod(in.Year), points: make(map[string]*big.Rat)}
	for _, ind := range in.Scheme.Indicators {
		r.points[ind.Code] = ind.Points.Rat()
	}
	for q := range r.quarterDue {
		r.quarterDue[q] = in.Scheme.Params.QuarterlyDue(in.Year, q+1)
	}
	r.annualDue = in.Scheme.Params.AnnualDue(in.Year)
	return r, nil
}

// over reports whether day d has ended at the as-of date. The as-of date
// is itself over, at the end of that day (a cut-off, 数据截止): a period
// whose last day is on or before it has ended, and a duty due on or before
// it and not done by then is late or missing (docs/SCHEMES.md, Terms).
// Only a duty due after it is not yet due.
func (r *run) over(d Date) bool { return d <= r.in.AsOf }

// happened reports whether an event dated d has taken place by the as-of
// date; a zero date never happened.
func (r *run) happened(d Date) bool { return !d.IsZero() && r.over(d) }

// inYear reports whether d falls in the assessment year and has happened.
func (r *run) inYear(d Date) bool { return r.year.Contains(d) && d <= r.in.AsOf }

// scratch is per-worker memory reused from one department to the next.
type scratch struct {
	slotBase []int32 // item → index of its first slot in the department, or -1
}

func (r *run) newScratch() *scratch {
	s := &scratch{slotBase: make([]int32, len(r.in.Items))}
	for j := range s.slotBase {
		s.slotBase[j] = -1
	}
	return s
}

// deptRun is the scoring of one department.
type deptRun struct {
	*run
	i       int
	clock   *clock
	scratch *scratch

	void      [4]bool             // the department's quarters of the year that are void
	quarterly [4]*QuarterlyReport // the earliest report filed for each quarter
	required  []requiredChannel   // channels its items are to be published through
	slots     []SlotResult
	// idle: the department has a slot and published nothing in the year,
	// so the scheme's IdleZero indicators score 0.
	idle bool
}

// department scores department i. A department the catalog gives nothing
// to do (no slot, no item led) is not rated when the scheme says so: it is
// scored on nothing, so it has no indicators, total or grade.
func (r *run) department(i int, c *clock, s *scratch) DepartmentResult {
	dept := r.in.Departments[i]
	d := &deptRun{run: r, i: i, clock: c, scratch: s}
	d.readQuarterlyReports()
	d.fillSlots()
	d.readRequiredChannels()

	res := DepartmentResult{Dept: dept.ID, Code: dept.Code, Name: dept.Name, Leads: r.idx.leads[i], Slots: d.slots}
	if r.in.Monitoring {
		res.NotDue = d.notDue()
	}
	d.readSanctions(&res)
	if r.in.Scheme.UnratedWithoutDuty && len(d.slots) == 0 && !res.Leads {
		res.Unrated = true
		return res
	}
	d.idle = len(d.slots) > 0 && !d.publishedInYear()
	res.Indicators = make([]IndicatorResult, 0, len(r.in.Scheme.Indicators))
	res.Total = new(big.Rat)
	for _, ind := range r.in.Scheme.Indicators {
		ir := d.indicator(ind)
		res.Total.Add(res.Total, ir.Score)
		res.Indicators = append(res.Indicators, ir)
	}
	return res
}

// publishedInYear reports whether the department published anything in the
// year by the as-of date, in the catalog or outside it.
func (d *deptRun) publishedInYear() bool {
	for _, k := range d.idx.pubs.of(d.i) {
		if d.inYear(d.in.Publications[k].Published) {
			return true
		}
	}
	return false
}

// indicator scores one indicator. Its score is its points less the points
// of its deductions, so the explanation and the score cannot disagree.
// Lines that cost nothing (an act overturned after B2 reached 0, a late
// report when late scores as on time) are dropped. An indicator the scheme
// zeroes for an idle department loses all its points in one line.
func (d *deptRun) indicator(ind Indicator) IndicatorResult {
	points := d.points[ind.Code]
	score := new(big.Rat).Set(points)
	var lost []Deduction
	if d.idle && slices.Contains(d.in.Scheme.IdleZero, ind.Code) {
		lost = []Deduction{{Kind: DeductNothingPublished, Period: d.year, Points: new(big.Rat).Set(points)}}
	} else {
		lost = rules[ind.Code](d, points)
	}
	kept := lost[:0]
	for _, ded := range lost {
		if ded.Points.Sign() == 0 {
			continue
		}
		ded.Indicator = ind.Code
		score.Sub(score, ded.Points)
		kept = append(kept, ded)
	}
	return IndicatorResult{
		Code: ind.Code, Name: ind.Name, NameEN: ind.NameEN,
		Max: new(big.Rat).Set(points), Score: score, Deductions: kept,
	}
}

// mergeGaps collects the fallback years every worker met, ascending.
func mergeGaps(clocks []*clock) []int {
	var years []int
	for _, c := range clocks {
		for y := range c.gaps {
			if !slices.Contains(years, y) {
				years = append(years, y)
			}
		}
	}
	slices.Sort(years)
	return years
}
