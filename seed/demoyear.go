package seed

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/scoring"
)

// File is one generated import file.
type File struct {
	Kind ingest.Kind
	Name string
	Data []byte
}

// Records is a generated year of records, as CSV tables in docs/FORMATS.md's
// English columns.
type Records struct {
	tables []table
}

type table struct {
	kind   ingest.Kind
	header []string
	rows   [][]string
}

// Files returns one CSV file per kind, in load order.
func (r Records) Files() []File {
	out := make([]File, 0, len(r.tables))
	for _, t := range r.tables {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write(t.header)
		_ = w.WriteAll(t.rows) // writes to memory cannot fail
		out = append(out, File{Kind: t.kind, Name: string(t.kind) + ".csv", Data: buf.Bytes()})
	}
	return out
}

// demoDept is what the generator knows of a department.
type demoDept struct {
	code, name string
	groups     []string
	quality    float64 // share of duties it meets: 0.55 to 1
}

// demoItem is a catalog row the generator needs.
type demoItem struct {
	seq                 int
	title, cadence      string
	channels, leads, co []string
}

// idleUnits are obligated units that publish nothing all year, so the demo
// shows default-2 scoring them 0 for timeliness (A2) and review (D2).
var idleUnits = []string{"PS03"}

// showcaseQuality fixes the quality of units whose demo role needs it:
// 交巡警支队 does well enough for 优秀, so that its 通报批评 visibly holds it
// at 合格.
var showcaseQuality = map[string]float64{"SJ10": 0.98}

// shippedParams are the default scheme's parameters: the due dates the
// demo's reports are filed by.
var shippedParams = sync.OnceValue(func() scoring.Params {
	sch, err := scoring.ParseScheme(mustRead(shippedSchemes[len(shippedSchemes)-1]))
	if err != nil {
		panic(err) // embedded at build time: a build bug
	}
	return sch.Params
})

// lateFiler is the lead department that, in a live year, files its
// quarterly reports three days late: for three days after each due date the
// office's home lists it, and D1 scores the lateness.
const lateFiler = "SJ11"

// demoYear generates the records of year y for the given departments:
// every department publishes most of what the items it leads or shares
// (相关责任主体) ask, some late, some without a secrecy review, except one
// idle station; requests, complaints, quarterly reports of the lead
// departments and annual reports with realistic gaps; one incident (a veto)
// and two accountability decisions (one that caps 优秀, one that does not).
// A station that the catalog names nowhere is not rated, though it has
// requests and complaints. A live year is one the bureau is still at work
// on (DemoRecords): its lead departments file every quarterly report a few
// days before it is due, the traffic police (交警支队, lateFiler) three
// days after, and every department its annual report before the scheme's date.
func demoYear(rng *rand.Rand, depts []demoDept, y int, live bool) Records {
	items := readDemoItems()

	pubs := table{kind: "publications", header: []string{"department", "seq", "title", "channel", "formed", "published", "index_no", "doc_no", "attribute", "review", "review_date", "url"}}
	reqs := table{kind: "requests", header: []string{"department", "request_no", "received", "channel", "extended", "pause_start", "pause_end", "correction_start", "correction_end", "answered", "answer", "fee",
		"applicant", "result", "recon_filed", "recon_outcome", "recon_decided", "suit_kind", "suit_filed", "suit_outcome", "suit_decided"}}
	comps := table{kind: "complaints", header: []string{"department", "complaint_no", "line", "received", "replied", "closed"}}
	quarters := table{kind: "quarterly_reports", header: []string{"department", "year", "quarter", "submitted"}}
	annuals := table{kind: "annual_reports", header: []string{"department", "year", "submitted"}}

	for _, d := range depts {
		n := 0
		// publish records a publication of item it, or outside the catalog
		// (目录外, 工作动态 news) when it is nil.
		publish := func(it *demoItem, channel string, day time.Time) {
			n++
			formed := day.AddDate(0, 0, -rng.IntN(int(20+40*(1-d.quality))+8))
			review, reviewDate := "公开", day.AddDate(0, 0, -rng.IntN(3))
			if rng.Float64() > d.quality+0.1 {
				review, reviewDate = "", time.Time{}
			}
			seq, title := "", fmt.Sprintf("%s工作动态（%s）", d.name, day.Format("1月2日"))
			if it != nil {
				seq, title = fmt.Sprint(it.seq), fmt.Sprintf("%s(%s)", it.title, day.Format("2006年1月"))
			}
			pubs.rows = append(pubs.rows, []string{
				d.code, seq, title, channel,
				ymd(formed), ymd(day), fmt.Sprintf("014319768/%d-%s%04d", y, d.code, n), "", "主动公开", review, ymd(reviewDate),
				fmt.Sprintf("http://gaj.suqian.gov.cn/%s/%d.html", strings.ToLower(d.code), n),
			})
		}
		led, duties := dutiesOf(d, items)
		if slices.Contains(idleUnits, d.code) {
			duties = nil
		}
		website := false
		for _, it := range duties {
			it := &it
			website = website || slices.Contains(it.channels, "网站")
			switch {
			case strings.Contains(it.cadence, "每季度") || strings.Contains(it.cadence, "每月"):
				for m := 1; m <= 12; m++ {
					if rng.Float64() < d.quality {
						publish(it, pick(rng, it.channels), workday(rng, y, m))
					}
				}
			case strings.Contains(it.cadence, "长期") || strings.Contains(it.cadence, "及时"):
				if rng.Float64() < d.quality+0.05 {
					publish(it, pick(rng, it.channels), workday(rng, y, 1+rng.IntN(12)))
				}
			}
		}
		// Weekly website updates (seed 000 §4(五): at least two a week): an
		// item of the catalog, and a news post outside it.
		if website {
			for day := time.Date(y, 1, 6, 0, 0, 0, 0, time.UTC); day.Year() == y; day = day.AddDate(0, 0, 7) {
				if rng.Float64() < d.quality {
					publish(&duties[rng.IntN(len(duties))], "网站", day.AddDate(0, 0, rng.IntN(5)))
				}
				if rng.Float64() < d.quality {
					publish(nil, "网站", day.AddDate(0, 0, rng.IntN(5)))
				}
			}
		}
		for q := 1; q <= 4 && len(led) > 0; q++ {
			due := shippedParams().QuarterlyDue(y, q).Time()
			switch {
			case live && d.code == lateFiler:
				quarters.rows = append(quarters.rows, []string{d.code, fmt.Sprint(y), fmt.Sprint(q), ymd(due.AddDate(0, 0, 3))})
			case live:
				quarters.rows = append(quarters.rows, []string{d.code, fmt.Sprint(y), fmt.Sprint(q), ymd(due.AddDate(0, 0, -1-rng.IntN(5)))})
			case rng.Float64() < d.quality+0.1:
				quarters.rows = append(quarters.rows, []string{d.code, fmt.Sprint(y), fmt.Sprint(q), ymd(due.AddDate(0, 0, rng.IntN(8)-5))})
			}
		}
		switch {
		case live:
			due := shippedParams().AnnualDue(y).Time()
			annuals.rows = append(annuals.rows, []string{d.code, fmt.Sprint(y), ymd(due.AddDate(0, 0, -1-rng.IntN(7)))})
		case rng.Float64() < d.quality+0.2:
			annuals.rows = append(annuals.rows, []string{d.code, fmt.Sprint(y), ymd(time.Date(y+1, 1, 2+rng.IntN(14), 0, 0, 0, 0, time.UTC))})
		default:
			// Chased by the office, it files two weeks after the
			// assessment's cut-off: D3 still scores it missing, and its
			// home does not stay red all year.
			annuals.rows = append(annuals.rows, []string{d.code, fmt.Sprint(y), ymd(demoAsOf(y).Time().AddDate(0, 0, 14))})
		}
		for i := 1; i <= 3+rng.IntN(8); i++ {
			received := workday(rng, y, 1+rng.IntN(12))
			row := []string{d.code, fmt.Sprintf("YSQ%d-%s-%03d", y, d.code, i), ymd(received), pick(rng, []string{"当面", "传真", "网络", "信函"}), "否", "", "", "", "", "", "", "0",
				"", "", "", "", "", "", "", "", ""}
			days := 5 + rng.IntN(int(15+25*(1-d.quality)))
			if rng.Float64() < 0.15 {
				row[4] = "是"
				days += 12
			}
			if rng.Float64() < 0.1 {
				row[5], row[6] = ymd(received.AddDate(0, 0, 3)), ymd(received.AddDate(0, 0, 12))
				days += 9
			}
			if answered := received.AddDate(0, 0, days); answered.Before(time.Date(y+1, 1, 20, 0, 0, 0, 0, time.UTC)) {
				row[9], row[10] = ymd(answered), pick(rng, []string{"已主动公开", "同意公开", "部分公开", "不同意公开", "信息不存在", "告知其他途径"})
			}
			reqs.rows = append(reqs.rows, row)
		}
		for i := 1; i <= 8+rng.IntN(25); i++ {
			received := workday(rng, y, 1+rng.IntN(12))
			row := []string{d.code, fmt.Sprintf("TS%d-%s-%03d", y, d.code, i), pick(rng, []string{"12389", "网上问政", "政风行风热线", "市长热线"}), ymd(received), "", ""}
			if rng.Float64() < d.quality+0.1 {
				row[4] = ymd(received.AddDate(0, 0, 1+rng.IntN(5)))
				if rng.Float64() < d.quality+0.05 {
					row[5] = ymd(received.AddDate(0, 0, 6+rng.IntN(20)))
				}
			}
			comps.rows = append(comps.rows, row)
		}
	}
	// One act corrected on reconsideration (B2), for the traffic police.
	for _, r := range reqs.rows {
		if r[0] == "SJ11" && r[9] != "" {
			r[reqReconFiled], r[reqReconOutcome], r[reqReconDecided] = ymd(time.Date(y, 9, 20, 0, 0, 0, 0, time.UTC)), models.OutcomeCorrected, ymd(time.Date(y, 11, 18, 0, 0, 0, 0, time.UTC))
			break
		}
	}
	incidents := table{kind: "incidents", header: []string{"department", "date", "kind", "description"}, rows: [][]string{
		{"SJ14", fmt.Sprintf("%d-08-14", y), "不应公开而公开", "网站误发含个人信息的处罚决定书，已撤回"},
	}}
	decisions := table{kind: "accountability", header: []string{"case_no", "department", "decided", "sanction", "persons", "trigger", "summary"}, rows: [][]string{
		{fmt.Sprintf("ZJ%d-001", y), "SJ10", fmt.Sprintf("%d-09-03", y), "通报批评、书面检查", "林涛", "不依法履行公开义务", "第二季度办事指南未按时更新"},
		{fmt.Sprintf("ZJ%d-002", y), "FJ02", fmt.Sprintf("%d-06-21", y), "告诫", "魏强", "群众投诉未及时处理", "一起投诉逾期回复"},
	}}
	clocks := demoClocks(y, &pubs, &reqs)
	figures := nationalDemo(y, live, depts, &reqs) // after the clocks, so that their generator draws as before
	return Records{tables: append([]table{pubs, reqs, comps, quarters, annuals, figures, incidents, decisions}, clocks...)}
}

// readDemoDepts reads the demo departments and gives each a quality.
func readDemoDepts(rng *rand.Rand) []demoDept {
	rows := readCSV("demo/departments.csv")
	out := make([]demoDept, 0, len(rows))
	for _, r := range rows {
		d := demoDept{code: r["code"], name: r["name"], groups: models.SplitNames(r["groups"]), quality: 0.55 + 0.45*rng.Float64()}
		if q, ok := showcaseQuality[d.code]; ok {
			d.quality = q
		}
		out = append(out, d)
	}
	return out
}

func readDemoItems() []demoItem {
	var out []demoItem
	for _, r := range readCSV("catalog.csv") {
		var seq int
		fmt.Sscan(r["序号"], &seq)
		out = append(out, demoItem{seq: seq, title: r["三级目录"], cadence: r["公开时限"], channels: models.SplitNames(r["公开形式"]),
			leads: models.SplitNames(r["牵头责任部门"]), co: models.SplitNames(r["相关责任主体"])})
	}
	return out
}

// dutiesOf lists the items whose lead names the department or a group of
// it (led), and those plus the items it shares as a co-responsible unit
// (duties), as default-2 obligates it.
func dutiesOf(d demoDept, items []demoItem) (led, duties []demoItem) {
	names := func(list []string) bool {
		return slices.ContainsFunc(list, func(n string) bool { return n == d.name || n == d.code || slices.Contains(d.groups, n) })
	}
	for _, it := range items {
		switch {
		case names(it.leads):
			led = append(led, it)
			duties = append(duties, it)
		case names(it.co):
			duties = append(duties, it)
		}
	}
	return led, duties
}

// readCSV reads an embedded CSV into maps keyed by header.
func readCSV(name string) []map[string]string {
	recs, err := csv.NewReader(bytes.NewReader(mustRead(name))).ReadAll()
	if err != nil || len(recs) == 0 {
		panic(fmt.Sprintf("embedded %s: %v", name, err)) // a build bug
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(rec))
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// workday returns a Monday-to-Friday date in month m of year y.
func workday(rng *rand.Rand, y, m int) time.Time {
	for {
		d := time.Date(y, time.Month(m), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return d
		}
	}
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

func ymd(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
