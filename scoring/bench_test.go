package scoring

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readCatalog reads the Suqian responsibility table (seed/catalog.csv).
func readCatalog(tb testing.TB) []Item {
	f, err := os.Open("../seed/catalog.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, "、")
	}
	var items []Item
	for _, row := range rows[1:] {
		seq, err := strconv.Atoi(row[0])
		if err != nil {
			tb.Fatal(err)
		}
		items = append(items, Item{Seq: seq, Title: row[3], Channels: split(row[4]), Cadence: row[6], Leads: split(row[7]), Co: split(row[8])})
	}
	return items
}

// provinceInput is a province-scale year: 3,000 departments under the real
// 46-item catalog, co-responsible units obligated (so that every
// sub-bureau has slots, the heavy case), 1,000,000 publications, 100,000
// requests, 300,000 complaints, and the reports of every department.
func provinceInput(tb testing.TB) Input {
	const nDepts = 3000
	rng := rand.New(rand.NewPCG(2024, 1))
	in := Input{Year: 2024, AsOf: day("2025-01-20"), Scheme: defaultScheme(tb).Clone(), Calendar: calendar(tb), Items: readCatalog(tb)}
	in.Scheme.CoResponsibleObligated = true

	// The city departments named by the catalog come first; the rest are
	// sub-bureaus and police stations.
	seen := map[string]bool{"相关警种部门": true}
	for _, it := range in.Items {
		for _, name := range append(it.Leads, it.Co...) {
			if !seen[name] && !strings.HasPrefix(name, "各") && !strings.HasPrefix(name, "市局") && !strings.Contains(name, "及") && name != "中队" {
				seen[name] = true
				in.Departments = append(in.Departments, Department{ID: uint(len(in.Departments) + 1), Code: fmt.Sprintf("C%03d", len(in.Departments)), Name: name})
			}
		}
	}
	for len(in.Departments) < nDepts {
		n := len(in.Departments) + 1
		in.Departments = append(in.Departments, Department{ID: uint(n), Code: fmt.Sprintf("F%04d", n), Name: fmt.Sprintf("第%d分县局", n)})
	}
	ids := func(from, to int) []uint {
		var s []uint
		for i := from; i < to; i++ {
			s = append(s, in.Departments[i].ID)
		}
		return s
	}
	city, county := ids(0, 200), ids(200, nDepts)
	in.Groups = map[string][]uint{
		"相关警种部门": ids(0, 12), "各分县局": county, "各分县局及基层派出所": county,
		"市局各部门": city, "市局相关部门": city, "市局各相关部门": city, "市局各执法部门": city,
		"交警支队各科室所及交警大队": ids(150, 200), "交警支队事故科及交警大队": ids(150, 200), "中队": ids(150, 200),
	}

	date := func(year int) Date { return NewDate(year, 1, 1) + Date(rng.IntN(365)) }
	for k := range 1_000_000 {
		it := &in.Items[rng.IntN(len(in.Items))]
		seq, ch := it.Seq, it.Channels[rng.IntN(len(it.Channels))]
		if rng.IntN(10) < 3 {
			seq, ch = 0, "网站"
		}
		published := date(2024)
		if rng.IntN(20) == 0 {
			published = date(2023)
		}
		p := Publication{ID: uint(k + 1), Dept: uint(rng.IntN(nDepts) + 1), Seq: seq, Title: "公开信息", Channel: ch,
			Formed: published - Date(rng.IntN(40)), Published: published, Review: "公开", ReviewDate: published - Date(rng.IntN(3))}
		if rng.IntN(20) == 0 {
			p.Review = "需报审"
		}
		in.Publications = append(in.Publications, p)
	}
	for k := range 100_000 {
		q := Request{ID: uint(k + 1), Dept: uint(rng.IntN(nDepts) + 1), No: "R", Received: date(2024), Extended: rng.IntN(10) == 0}
		if rng.IntN(20) > 0 {
			q.Answered = q.Received + Date(rng.IntN(35))
		}
		if rng.IntN(20) == 0 {
			q.PauseStart, q.PauseEnd = q.Received+2, q.Received+Date(2+rng.IntN(15))
		}
		if rng.IntN(200) == 0 {
			q.Outcome, q.OutcomeDate = "被依法纠错", date(2024)
		}
		in.Requests = append(in.Requests, q)
	}
	for k := range 300_000 {
		c := Complaint{ID: uint(k + 1), Dept: uint(rng.IntN(nDepts) + 1), No: "C", Received: date(2024)}
		if rng.IntN(20) > 0 {
			c.Replied = c.Received + Date(rng.IntN(5))
		}
		if rng.IntN(10) > 0 {
			c.Closed = c.Received + Date(rng.IntN(20))
		}
		in.Complaints = append(in.Complaints, c)
	}
	for _, d := range in.Departments {
		for q := 1; q <= 4; q++ {
			if rng.IntN(30) > 0 {
				in.QuarterlyReports = append(in.QuarterlyReports, QuarterlyReport{ID: uint(len(in.QuarterlyReports) + 1), Dept: d.ID, Year: 2024, Quarter: q,
					Submitted: NewDate(2024, time.Month(3*q), 10) + Date(rng.IntN(20))})
			}
		}
		in.AnnualReports = append(in.AnnualReports, AnnualReport{ID: d.ID, Dept: d.ID, Year: 2024, Submitted: day("2025-01-02") + Date(rng.IntN(12))})
	}
	for k := range 30 {
		in.Incidents = append(in.Incidents, Incident{ID: uint(k + 1), Dept: uint(rng.IntN(nDepts) + 1), Date: date(2024), Kind: "泄密"})
		in.Decisions = append(in.Decisions, Decision{ID: uint(k + 1), Dept: uint(rng.IntN(nDepts) + 1), Decided: date(2024), Sanctions: []string{"通报批评"}})
	}
	return in
}

func BenchmarkScoreProvince(b *testing.B) {
	in := provinceInput(b)
	for b.Loop() {
		if _, err := Score(in); err != nil {
			b.Fatal(err)
		}
	}
}
