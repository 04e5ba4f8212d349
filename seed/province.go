package seed

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/reports"
)

// ProvinceOptions size a generated province year. The defaults are a
// province as issue 15 measures it: about 3,000 assessed units (the city
// bureau's 19 departments, 100 county bureaus with their police stations),
// 1,000,000 publications, 100,000 requests and 300,000 complaints.
type ProvinceOptions struct {
	Year         int    // the assessment year (ClosedYear of today, say)
	Units        int    // assessed units in all, at least 19 + 2
	Publications int    // publications in the year, about
	Requests     int    // information requests, about
	Complaints   int    // complaints and inquiries, about
	Seed         uint64 // the same seed gives the same files
}

// DefaultProvince is the province of issue 15.
var DefaultProvince = ProvinceOptions{Units: 3000, Publications: 1_000_000, Requests: 100_000, Complaints: 300_000, Seed: 2025}

// provinceUnit is a unit of the generated province.
type provinceUnit struct {
	code, name, kind, parent string
	groups                   []string
	quality                  float64 // share of its duties it meets
	idle                     bool    // publishes nothing at all
}

// Written is a generated import file on disk.
type Written struct {
	Kind ingest.Kind
	Path string
}

// WriteProvince writes a province's assessment year opt.Year as CSV
// import files in dir, one per kind (docs/FORMATS.md, English headers), and
// returns them in load order. Units are the city bureau's departments of
// the demo, county bureaus (FJnnn) and their police stations (PSnnnnn);
// the catalog is the Suqian table, whose co-responsible groups (各分县局,
// 各分县局及基层派出所 …) obligate the counties and stations under default-2.
// Units differ: most meet 70-100% of their duties, one in ten is poor, one
// in a hundred publishes nothing; publications are the items' own posts
// plus 工作动态 news outside the catalog, up to the total asked for. Rows are
// streamed to the files, so a million publications take little memory.
func WriteProvince(dir string, opt ProvinceOptions) ([]Written, error) {
	if opt.Year == 0 {
		return nil, fmt.Errorf("a province needs its assessment year")
	}
	if opt.Units < 21 {
		return nil, fmt.Errorf("a province needs at least 21 units, not %d", opt.Units)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 15))
	units := provinceUnits(rng, opt.Units)
	items := readDemoItems()
	g := &provinceGen{dir: dir, rng: rng, year: opt.Year}
	defer g.close()

	deps := g.table("departments", "code", "name", "kind", "parent", "groups")
	for _, u := range units {
		deps.row(u.code, u.name, u.kind, u.parent, strings.Join(u.groups, "、"))
	}
	if err := os.WriteFile(filepath.Join(dir, "catalog.csv"), Catalog(), 0o600); err != nil {
		return nil, err
	}
	g.files = append(g.files, Written{Kind: "catalog", Path: filepath.Join(dir, "catalog.csv")})

	pubs := g.table("publications", "department", "seq", "title", "channel", "formed", "published", "index_no", "attribute", "review", "review_date")
	perUnitPosts := g.itemPosts(pubs, units, items)
	if news := opt.Publications - perUnitPosts; news > 0 {
		g.news(pubs, units, items, news)
	}
	g.requests(units, opt.Requests)
	g.complaints(units, opt.Complaints)
	g.reports(units, items)
	if g.err != nil {
		return nil, g.err
	}
	return g.files, g.close()
}

// provinceUnits lays out the units: the demo's city departments, then
// county bureaus with an equal share of police stations.
func provinceUnits(rng *rand.Rand, n int) []provinceUnit {
	quality := func(u *provinceUnit) {
		switch r := rng.Float64(); {
		case r < 0.01:
			u.idle = true
		case r < 0.11:
			u.quality = 0.2 + 0.4*rng.Float64()
		default:
			u.quality = 0.7 + 0.3*rng.Float64()
		}
	}
	var out []provinceUnit
	for _, r := range readCSV("demo/departments.csv") {
		if r["kind"] != "市局部门" {
			continue
		}
		u := provinceUnit{code: r["code"], name: r["name"], kind: r["kind"], parent: r["parent"], groups: models.SplitNames(r["groups"])}
		quality(&u)
		out = append(out, u)
	}
	counties := max(1, (n-len(out))/30)
	stations := n - len(out) - counties
	for c := range counties {
		county := provinceUnit{code: fmt.Sprintf("FJ%03d", c+1), name: fmt.Sprintf("第%d县公安局", c+1), kind: "分县局",
			groups: []string{"各分县局", "各县分局", "各分县局及基层派出所"}}
		quality(&county)
		out = append(out, county)
		// Stations are shared out evenly, the first counties taking the rest.
		share := stations/counties + btoi(c < stations%counties)
		for s := range share {
			st := provinceUnit{code: fmt.Sprintf("PS%03d%02d", c+1, s+1), name: fmt.Sprintf("第%d县第%d派出所", c+1, s+1), kind: "派出所",
				parent: county.code, groups: []string{"各分县局及基层派出所"}}
			quality(&st)
			out = append(out, st)
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// provinceGen writes the files; the first write error is kept and ends the
// generation.
type provinceGen struct {
	dir   string
	rng   *rand.Rand
	year  int
	files []Written
	open  []*provinceTable
	err   error
}

// provinceTable is one CSV file being written.
type provinceTable struct {
	g    *provinceGen
	f    *os.File
	buf  *bufio.Writer
	w    *csv.Writer
	rows int
}

func (g *provinceGen) table(kind ingest.Kind, header ...string) *provinceTable {
	path := filepath.Join(g.dir, string(kind)+".csv")
	t := &provinceTable{g: g}
	if g.err == nil {
		t.f, g.err = os.Create(path)
	}
	if g.err != nil {
		t.w = csv.NewWriter(io.Discard)
		return t
	}
	t.buf = bufio.NewWriterSize(t.f, 1<<20)
	t.w = csv.NewWriter(t.buf)
	g.files = append(g.files, Written{Kind: kind, Path: path})
	g.open = append(g.open, t)
	t.row(header...)
	t.rows = 0
	return t
}

func (t *provinceTable) row(cells ...string) {
	if err := t.w.Write(cells); err != nil && t.g.err == nil {
		t.g.err = err
	}
	t.rows++
}

func (g *provinceGen) close() error {
	for _, t := range g.open {
		t.w.Flush()
		if err := t.w.Error(); err != nil && g.err == nil {
			g.err = err
		}
		if err := t.buf.Flush(); err != nil && g.err == nil {
			g.err = err
		}
		if err := t.f.Close(); err != nil && g.err == nil {
			g.err = err
		}
	}
	g.open = nil
	return g.err
}

// post writes one publication: formed a few days to weeks before it was
// published (poor units late more often), reviewed by most.
func (g *provinceGen) post(t *provinceTable, u *provinceUnit, seq, title, channel string, day time.Time) {
	formed := day.AddDate(0, 0, -g.rng.IntN(int(10+30*(1-u.quality))+5))
	review, reviewed := "公开", ymd(day.AddDate(0, 0, -g.rng.IntN(3)))
	if g.rng.Float64() > u.quality+0.1 {
		review, reviewed = "", ""
	}
	t.row(u.code, seq, title, channel, ymd(formed), ymd(day), fmt.Sprintf("%s/%d-%07d", u.code, g.year, t.rows+1), "主动公开", review, reviewed)
}

// itemPosts publishes what each unit's catalog items ask, as far as its
// quality goes, and returns how many posts that made.
func (g *provinceGen) itemPosts(t *provinceTable, units []provinceUnit, items []demoItem) int {
	for i := range units {
		u := &units[i]
		if u.idle {
			continue
		}
		_, duties := dutiesOf(demoDept{code: u.code, name: u.name, groups: u.groups}, items)
		for _, it := range duties {
			periods := 1
			switch {
			case strings.Contains(it.cadence, "每季度") || strings.Contains(it.cadence, "每月"):
				periods = 12
			case !strings.Contains(it.cadence, "长期") && !strings.Contains(it.cadence, "及时"):
				continue // on request only
			}
			for m := range periods {
				if g.rng.Float64() < u.quality {
					month := 1 + m
					if periods == 1 {
						month = 1 + g.rng.IntN(12)
					}
					g.post(t, u, fmt.Sprint(it.seq), fmt.Sprintf("%s（%d年%d月）", it.title, g.year, month), pick(g.rng, it.channels), workday(g.rng, g.year, month))
				}
			}
		}
	}
	return t.rows
}

// news spreads n 工作动态 posts outside the catalog over the units that
// publish on the website, weighted by quality, on working days of the year.
func (g *provinceGen) news(t *provinceTable, units []provinceUnit, items []demoItem, n int) {
	var web []*provinceUnit
	var weight float64
	for i := range units {
		u := &units[i]
		_, duties := dutiesOf(demoDept{code: u.code, name: u.name, groups: u.groups}, items)
		if !u.idle && slices.ContainsFunc(duties, func(it demoItem) bool { return slices.Contains(it.channels, "网站") }) {
			web = append(web, u)
			weight += u.quality
		}
	}
	for _, u := range web {
		share := int(float64(n) * u.quality / weight)
		for k := range share {
			day := workday(g.rng, g.year, 1+k*12/max(1, share))
			g.post(t, u, "", fmt.Sprintf("%s工作动态（%s）", u.name, day.Format("1月2日")), "网站", day)
		}
	}
}

// requests writes about n information requests, most answered in time.
func (g *provinceGen) requests(units []provinceUnit, n int) {
	t := g.table("requests", "department", "request_no", "received", "channel", "extended", "answered", "answer", "applicant", "result")
	for i, u := range units {
		share := n/len(units) + btoi(i < n%len(units))
		for k := range share {
			received := workday(g.rng, g.year, 1+g.rng.IntN(12))
			days := 3 + g.rng.IntN(int(12+25*(1-u.quality)))
			extended := "否"
			if g.rng.Float64() < 0.1 {
				extended, days = "是", days+10
			}
			// Most applicants are people (自然人); answers in the national
			// categories of the annual report.
			applicant := reports.ApplicantNatural
			if g.rng.Float64() < 0.15 {
				applicant = pick(g.rng, reports.ApplicantTypes[1:])
			}
			answered, answer := ymd(received.AddDate(0, 0, days)), pick(g.rng, []string{"已主动公开", "同意公开", "部分公开", "信息不存在"})
			result := reports.ResultOfAnswer(answer)
			if g.rng.Float64() > u.quality+0.2 {
				answered, answer, result = "", "", ""
			}
			t.row(u.code, fmt.Sprintf("YSQ%d-%s-%04d", g.year, u.code, k+1), ymd(received), pick(g.rng, []string{"当面", "网络", "信函", "传真"}), extended, answered, answer, applicant, result)
		}
	}
}

// complaints writes about n complaints and inquiries.
func (g *provinceGen) complaints(units []provinceUnit, n int) {
	t := g.table("complaints", "department", "complaint_no", "line", "received", "replied", "closed")
	for i, u := range units {
		share := n/len(units) + btoi(i < n%len(units))
		for k := range share {
			received := workday(g.rng, g.year, 1+g.rng.IntN(12))
			replied, closed := "", ""
			if g.rng.Float64() < u.quality+0.15 {
				replied = ymd(received.AddDate(0, 0, 1+g.rng.IntN(5)))
				if g.rng.Float64() < u.quality+0.05 {
					closed = ymd(received.AddDate(0, 0, 6+g.rng.IntN(20)))
				}
			}
			t.row(u.code, fmt.Sprintf("TS%d-%s-%04d", g.year, u.code, k+1), pick(g.rng, []string{"12389", "网上问政", "政风行风热线"}), ymd(received), replied, closed)
		}
	}
}

// reports writes the lead departments' quarterly reports and every unit's
// annual report, with a unit's quality deciding how many come and when.
func (g *provinceGen) reports(units []provinceUnit, items []demoItem) {
	quarters := g.table("quarterly_reports", "department", "year", "quarter", "submitted")
	annuals := g.table("annual_reports", "department", "year", "submitted")
	for _, u := range units {
		led, _ := dutiesOf(demoDept{code: u.code, name: u.name, groups: u.groups}, items)
		for q := 1; q <= 4 && len(led) > 0; q++ {
			if g.rng.Float64() < u.quality+0.1 {
				due := time.Date(g.year, time.Month(3*q), 20, 0, 0, 0, 0, time.UTC)
				quarters.row(u.code, fmt.Sprint(g.year), fmt.Sprint(q), ymd(due.AddDate(0, 0, g.rng.IntN(8)-5)))
			}
		}
		if !u.idle && g.rng.Float64() < u.quality+0.2 {
			annuals.row(u.code, fmt.Sprint(g.year), ymd(time.Date(g.year+1, 1, 2+g.rng.IntN(14), 0, 0, 0, 0, time.UTC)))
		}
	}
}
