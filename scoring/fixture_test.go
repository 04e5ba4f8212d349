package scoring

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// day parses a test date; a typo in a test table is a bug of the test.
func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// rat parses an exact test value such as "40/3" or "17.5".
func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad rat " + s)
	}
	return r
}

// realCalendar is the State Council calendar of seed/holidays, 2007-2026.
var realCalendar = sync.OnceValues(func() (*Calendar, error) {
	files, err := filepath.Glob("../seed/holidays/*.json")
	if err != nil {
		return nil, err
	}
	var years []HolidayYear
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var y HolidayYear
		if err := json.Unmarshal(data, &y); err != nil {
			return nil, err
		}
		years = append(years, y)
	}
	return NewCalendar(years...)
})

func calendar(t testing.TB) *Calendar {
	t.Helper()
	cal, err := realCalendar()
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// defaultScheme is default-1, the scheme the fixture's figures were worked
// out for; default-1 is frozen, so they never change.
func defaultScheme(t testing.TB) *Scheme { return shippedScheme(t, "default-1") }

// shippedScheme reads a shipped scheme version from seed/schemes.
func shippedScheme(t testing.TB, version string) *Scheme {
	t.Helper()
	data, err := os.ReadFile("../seed/schemes/" + version + ".json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseScheme(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The fixture: four departments and six catalog items modelled on the
// Suqian table, with one group-led item, one lead named twice, one lead
// named by code, one unresolved lead and one monthly item.
const (
	za uint = 1 // 治安支队: leads 5 (standing) and 23 (prompt)
	sc uint = 2 // 宿城分局: leads 26 through a group and by name, 99 (monthly) by code
	sy uint = 3 // 宿豫分局: co-responsible only, so obligated for nothing by default
	qb uint = 4 // 指挥中心情报信息处: leads 38 (quarterly)
)

var fixtureDepartments = []Department{
	{za, "ZA", "治安支队"},
	{sc, "SC", "宿城分局"},
	{sy, "SY", "宿豫分局"},
	{qb, "QB", "指挥中心情报信息处"},
}

var fixtureItems = []Item{
	{Seq: 5, Title: "办公地址、时间、工作人员", Channels: []string{"公开栏", "网站"}, Cadence: "长期公开", Leads: []string{"治安支队"}, Co: []string{"各分县局"}},
	{Seq: 23, Title: "治安案件办理情况(典型案例)", Channels: []string{"公开栏", "网站"}, Cadence: "及时公开", Leads: []string{"治安支队"}, Co: []string{"各分县局", "市局相关部门"}},
	{Seq: 25, Title: "交通违法处罚、交通事故办理情况", Channels: []string{"公开栏", "网站"}, Cadence: "依申请向相对人公开", Leads: []string{"交警支队"}},
	{Seq: 26, Title: "常见刑事案件", Channels: []string{"公开栏", "网站"}, Cadence: "长期公开", Leads: []string{"相关警种部门", "宿城分局"}},
	{Seq: 38, Title: "工作动态、舆情引导等", Channels: []string{"新闻发布", "微博", "微信"}, Cadence: "每季度或每月", Leads: []string{"指挥中心情报信息处"}},
	{Seq: 99, Title: "月度警情通报", Channels: []string{"网站"}, Cadence: "每月", Leads: []string{"SC"}},
}

// fixtureObligations is what the fixture's catalog obligates each
// department for under the default scheme, written out by hand.
var fixtureObligations = []struct {
	dept uint
	seqs []int
}{{za, []int{5, 23}}, {sc, []int{26, 99}}, {qb, []int{38}}}

// perfectInput is a closed 2024 in which every department does everything
// right and scores 100. Tests break one thing at a time.
func perfectInput(t testing.TB) Input {
	in := Input{
		Year: 2024, AsOf: day("2025-01-20"),
		Scheme: defaultScheme(t), Calendar: calendar(t),
		Departments: slices.Clone(fixtureDepartments),
		Groups:      map[string][]uint{"各分县局": {sc, sy}, "相关警种部门": {sc}},
		Items:       slices.Clone(fixtureItems),
	}
	for _, o := range fixtureObligations {
		for _, seq := range o.seqs {
			it := fixtureItems[slices.IndexFunc(fixtureItems, func(it Item) bool { return it.Seq == seq })]
			for _, on := range slotDates(it.Cadence) {
				for _, ch := range it.Channels {
					publish(&in, o.dept, seq, ch, on)
				}
			}
		}
		for q, due := range []string{"2024-03-20", "2024-06-20", "2024-09-20", "2024-12-20"} {
			in.QuarterlyReports = append(in.QuarterlyReports, QuarterlyReport{
				ID: uint(len(in.QuarterlyReports) + 1), Dept: o.dept, Year: 2024, Quarter: q + 1, Submitted: day(due),
			})
		}
	}
	// Two website publications every week whose Monday is in 2024, for the
	// departments whose items are published on the website.
	for _, dept := range []uint{za, sc} {
		for monday := day("2024-01-01"); monday <= day("2024-12-31"); monday += 7 {
			publish(&in, dept, 0, "网站", monday)
			publish(&in, dept, 0, "网站", monday+1)
		}
	}
	for k, dept := range []uint{za, sc, sy, qb} {
		id := uint(k + 1)
		in.AnnualReports = append(in.AnnualReports, AnnualReport{ID: id, Dept: dept, Year: 2024, Submitted: day("2025-01-10")})
		in.Requests = append(in.Requests, Request{ID: id, Dept: dept, No: "R-base", Received: day("2024-03-01"), Answered: day("2024-03-05")})
		in.Complaints = append(in.Complaints, Complaint{ID: id, Dept: dept, No: "C-base", Received: day("2024-04-01"), Replied: day("2024-04-02"), Closed: day("2024-04-03")})
	}
	return in
}

// slotDates gives one publication date in each slot of a cadence in 2024.
func slotDates(cadence string) []Date {
	switch kind, _ := classifyCadence(cadence); kind {
	case cadenceQuarterly:
		return []Date{day("2024-02-05"), day("2024-05-06"), day("2024-08-05"), day("2024-11-04")}
	case cadenceMonthly:
		var ds []Date
		for m := time.January; m <= time.December; m++ {
			ds = append(ds, NewDate(2024, m, 10))
		}
		return ds
	}
	return []Date{day("2024-03-04")}
}

// publish adds a publication formed three days before and cleared by
// secrecy review the day before it was published.
func publish(in *Input, dept uint, seq int, channel string, on Date) *Publication {
	in.Publications = append(in.Publications, Publication{
		ID: uint(len(in.Publications) + 1), Dept: dept, Seq: seq, Title: "公开信息", Channel: channel,
		Formed: on - 3, Published: on, Review: "公开", ReviewDate: on - 1,
	})
	return &in.Publications[len(in.Publications)-1]
}

// mustScore scores the input and checks the invariants every result keeps:
// each indicator's deductions are positive and sum exactly to Max − Score,
// 0 ≤ Score ≤ Max, and the total is the sum of the indicator scores.
func mustScore(t *testing.T, in Input) *Result {
	t.Helper()
	res, err := Score(in)
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	for _, d := range res.Departments {
		if d.Unrated {
			if d.Total != nil || d.Grade != "" || d.Rank != 0 || len(d.Indicators) != 0 {
				t.Errorf("%s is not rated but has total %v, grade %q, rank %d, %d indicators", d.Name, d.Total, d.Grade, d.Rank, len(d.Indicators))
			}
			continue
		}
		if d.Rank < 1 {
			t.Errorf("%s is rated but has rank %d", d.Name, d.Rank)
		}
		total := new(big.Rat)
		for _, ind := range d.Indicators {
			lost := new(big.Rat)
			for _, ded := range ind.Deductions {
				if ded.Points.Sign() <= 0 || ded.Indicator != ind.Code {
					t.Errorf("%s %s: deduction %+v", d.Name, ind.Code, ded)
				}
				lost.Add(lost, ded.Points)
			}
			if want := new(big.Rat).Sub(ind.Max, ind.Score); lost.Cmp(want) != 0 {
				t.Errorf("%s %s: deductions sum to %s, Max − Score is %s", d.Name, ind.Code, lost, want)
			}
			if ind.Score.Sign() < 0 || ind.Score.Cmp(ind.Max) > 0 {
				t.Errorf("%s %s: score %s outside 0..%s", d.Name, ind.Code, ind.Score, ind.Max)
			}
			total.Add(total, ind.Score)
		}
		if total.Cmp(d.Total) != 0 {
			t.Errorf("%s: total %s, indicators sum to %s", d.Name, d.Total, total)
		}
	}
	return res
}

// dept returns the result of the department with the given ID.
func dept(t *testing.T, res *Result, id uint) DepartmentResult {
	t.Helper()
	i := slices.IndexFunc(res.Departments, func(d DepartmentResult) bool { return d.Dept == id })
	if i < 0 {
		t.Fatalf("no department %d", id)
	}
	return res.Departments[i]
}

// indicator returns one indicator of one department.
func indicator(t *testing.T, res *Result, id uint, code string) IndicatorResult {
	t.Helper()
	for _, ind := range dept(t, res, id).Indicators {
		if ind.Code == code {
			return ind
		}
	}
	t.Fatalf("no indicator %s", code)
	return IndicatorResult{}
}
