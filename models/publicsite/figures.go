package publicsite

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
)

// Measure is a share or a median that needs MinSample cases: Enough false
// when it rests on fewer (样本不足), and then Value is zero.
type Measure struct {
	Value  float64 // a share in percent (one decimal), or working days
	Cases  int     // the cases it rests on
	Enough bool
}

func measure(value float64, cases int) Measure {
	if cases < MinSample {
		return Measure{Cases: cases}
	}
	return Measure{Value: value, Cases: cases, Enough: true}
}

// share is n of cases in percent, to one decimal.
func share(n, cases int) Measure {
	if cases == 0 {
		return measure(0, 0)
	}
	return measure(float64(int(float64(n)*1000/float64(cases)+0.5))/10, cases)
}

// Count is a number of a named category; Key, when set, is the catalog's
// key of the category's name.
type Count struct {
	Name, Key string
	N         int
}

// resultKeys are the keys of the national result groups' names, in the
// national table's order, then 未分类.
var resultKeys = map[string]string{
	"予以公开": "site.result.disclosed", "部分公开": "site.result.partial", "不予公开": "site.result.refused",
	"无法提供": "site.result.unable", "不予处理": "site.result.not_processed", "其他处理": "site.result.other",
	Uncategorised: "site.result.uncategorised",
}

// Figures are a unit's public figures of a year, computed from its own
// records (docs/OPEN-DATA.md says how).
type Figures struct {
	Year       int
	InProgress bool // the year now: figures so far
	Received   int  // 收到申请数
	Answered   int  // 办结数, answered in the year
	OnTime     int  // answered within 15 working days
	OnTimeRate Measure
	MedianDays Measure
	// Results by the national result group, in the national table's
	// order, then 未分类 (not yet categorised); empty when fewer than
	// MinSample were answered.
	Results            []Count
	ComplaintsReceived int
	ComplaintsReplied  int
	ComplaintsRate     Measure
	// Published by the catalog's 二级目录 (目录外 outside it), most first.
	Published      []Count
	PublishedTotal int
}

// Uncategorised names the requests answered whose national result is not
// yet set, and the publications outside the catalog.
const (
	Uncategorised  = "未分类"
	OutsideCatalog = "目录外"
)

// readFigures counts each department's and the bureau's figures of the
// last FigureYears years.
func (site *Site) readFigures(ctx context.Context, s *models.Store) error {
	for y := site.Today.Year(); y > site.Today.Year()-FigureYears; y-- {
		ts, err := reports.YearTallies(ctx, s, y)
		if err != nil {
			return err
		}
		bureau := &reports.UnitTally{Results: map[string]int{}, Published: map[string]int{}}
		for _, dept := range slices.Sorted(maps.Keys(ts)) {
			t := ts[dept]
			site.Figures[dept] = append(site.Figures[dept], figuresOf(y, y == site.Today.Year(), t))
			add(bureau, t)
		}
		if len(ts) > 0 {
			slices.Sort(bureau.Days)
			site.Bureau = append(site.Bureau, figuresOf(y, y == site.Today.Year(), bureau))
		}
	}
	return nil
}

// add adds t's counts to sum.
func add(sum, t *reports.UnitTally) {
	sum.Requests.Received += t.Requests.Received
	sum.Requests.Closed += t.Requests.Closed
	sum.Requests.OnTime += t.Requests.OnTime
	sum.Complaints.Received += t.Complaints.Received
	sum.Complaints.Replied += t.Complaints.Replied
	sum.Days = append(sum.Days, t.Days...)
	for k, n := range t.Results {
		sum.Results[k] += n
	}
	for k, n := range t.Published {
		sum.Published[k] += n
	}
}

func figuresOf(year int, inProgress bool, t *reports.UnitTally) Figures {
	f := Figures{Year: year, InProgress: inProgress, Received: t.Requests.Received, Answered: t.Requests.Closed, OnTime: t.Requests.OnTime,
		ComplaintsReceived: t.Complaints.Received, ComplaintsReplied: t.Complaints.Replied}
	f.OnTimeRate = share(f.OnTime, f.Answered)
	f.ComplaintsRate = share(f.ComplaintsReplied, f.ComplaintsReceived)
	f.MedianDays = measure(median(t.Days), len(t.Days))
	if f.Answered >= MinSample {
		for _, g := range reports.ResultGroups {
			f.Results = append(f.Results, Count{g.Name, resultKeys[g.Name], t.Results[g.Name]})
		}
		f.Results = append(f.Results, Count{Uncategorised, resultKeys[Uncategorised], t.Results[""]})
	}
	for name, n := range t.Published {
		if name == "" {
			name = OutsideCatalog
		}
		f.Published = append(f.Published, Count{Name: name, N: n})
		f.PublishedTotal += n
	}
	slices.SortFunc(f.Published, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Name, b.Name))
	})
	return f
}

// median of sorted days; 0 for none.
func median(days []int) float64 {
	n := len(days)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return float64(days[n/2])
	}
	return float64(days[n/2-1]+days[n/2]) / 2
}
