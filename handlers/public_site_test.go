package handlers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// publicFixture is the demo bureau on one engine, with a unit of its own
// whose requests make two years of figures: six answered last year (a
// share and a median) and two this year (样本不足).
type publicFixture struct {
	b    *bureau
	unit models.Department
}

func newPublicFixture(t *testing.T, engine string) *publicFixture {
	t.Helper()
	ctx := context.Background()
	s := modelstest.Open(t, engine)
	if _, err := seed.Demo(ctx, s, demoDay); err != nil {
		t.Fatal(err)
	}
	f := &publicFixture{unit: models.Department{Code: "GK25", Name: "公开样本派出所", Kind: models.KindCityDept, Liaison: "周敏", Mobile: "13951230025"}}
	modelstest.Must(t, s.DB.Create(&f.unit).Error)
	day := func(y int, m time.Month, d int) *time.Time {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		return &t
	}
	var reqs []models.Request
	for i := range 6 { // last year: received on a Monday, answered 2 + i working days later at most
		reqs = append(reqs, models.Request{DepartmentID: f.unit.ID, RequestNo: fmt.Sprintf("GK-%d-%d", demoYear, i), Received: *day(demoYear, 3, 2+7*i),
			Channel: "网络", Answered: day(demoYear, 3, 4+7*i), Answer: "同意公开", Result: reports.ResultDisclosed, Applicant: reports.ApplicantNatural,
			ApplicantName: "欧阳样本", ApplicantIDNo: "320102199001011234", ApplicantContact: "13851230001"})
	}
	for i := range 2 {
		reqs = append(reqs, models.Request{DepartmentID: f.unit.ID, RequestNo: fmt.Sprintf("GK-%d-%d", demoYear+1, i), Received: *day(demoYear+1, 3, 2+7*i),
			Channel: "网络", Answered: day(demoYear+1, 3, 4+7*i), Answer: "同意公开", Result: reports.ResultDisclosed, Applicant: reports.ApplicantNatural,
			ApplicantName: "上官样本", ApplicantIDNo: "32010219900101567X", ApplicantContact: "13851230002"})
	}
	modelstest.Must(t, s.DB.Create(&reqs).Error)
	f.b = &bureau{store: s, clock: &clock{now: demoDay}}
	f.b.app = handlers.New(s, handlers.Options{Now: f.b.clock.Now})
	return f
}

// The public site on the demo, on both engines (issue 25): grades grouped
// by grade, a unit's figures across two years with 样本不足, the open data
// against docs/OPEN-DATA.md, the Atom feed, each cache invalidated by its
// change, and a crawl signed out that finds no personal data.
func TestPublicSite(t *testing.T) {
	t.Parallel()
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		f := newPublicFixture(t, engine)
		t.Run("grouped", f.grouped)
		t.Run("unit", f.unitFigures)
		t.Run("cache", f.cacheFollowsChanges)
		t.Run("schema", f.openDataMatchesSchema)
		t.Run("atom", f.atomParses)
		t.Run("crawl", f.crawlFindsNoPersonalData)
	})
}

var (
	gradeHeading = regexp.MustCompile(`<h3><span class="grade [^"]*">([^<]+)</span>`)
	unitLink     = regexp.MustCompile(`<a href="/public/units/(\d+)">([^<]+)</a>`)
)

// groups reads the grouped grades of a page: each heading's label and the
// units under it, in order.
func groups(page string) (labels []string, units [][]string) {
	for _, part := range strings.Split(page, "<h3>")[1:] {
		part = "<h3>" + part
		m := gradeHeading.FindStringSubmatch(part)
		if m == nil {
			continue
		}
		labels = append(labels, m[1])
		var names []string
		list, _, _ := strings.Cut(part, "</ul>")
		for _, u := range unitLink.FindAllStringSubmatch(list, -1) {
			names = append(names, html.UnescapeString(u[2]))
		}
		units = append(units, names)
	}
	return labels, units
}

// /public lists the newest year's grades grouped 优秀 → 不合格 (the
// grades' order, scoring.Grades), by name within a grade, 不参评 last; the
// grade is the 更正's where one was issued.
func (f *publicFixture) grouped(t *testing.T) {
	_, body := f.b.client(t).get("/public")
	section, _, _ := strings.Cut(body, `id="earlier"`)
	labels, units := groups(section)
	order := []string{}
	for _, g := range scoring.Grades() {
		order = append(order, string(g))
	}
	order = append(order, "不参评")
	if len(labels) < 3 {
		t.Fatalf("/public groups the grades under %v", labels)
	}
	last := -1
	for i, l := range labels {
		k := slices.Index(order, l)
		if k <= last {
			t.Errorf("grade %q comes after %q: the groups are %v", l, labels[max(i-1, 0)], labels)
		}
		last = k
		if !slices.IsSorted(units[i]) {
			t.Errorf("%s: units not by name: %v", l, units[i])
		}
	}
	grades, err := assessment.New(f.b.store).PublishedGrades(context.Background())
	modelstest.Must(t, err)
	names, err := f.b.store.DepartmentNames(context.Background())
	modelstest.Must(t, err)
	want := map[string]string{}
	for _, g := range grades {
		if g.Year == demoYear {
			want[names[g.DepartmentID]] = g.Grade
		}
	}
	got := map[string]string{}
	for i, l := range labels {
		for _, u := range units[i] {
			got[u] = l
		}
	}
	if len(got) != len(want) || len(want) == 0 {
		t.Errorf("/public lists %d units, the notice %d", len(got), len(want))
	}
	for u, g := range want {
		if got[u] != g {
			t.Errorf("%s is under %q, the newest notice says %q", u, got[u], g)
		}
	}
	if got["警保处"] != "合格" { // the 更正 took its 优秀
		t.Errorf("警保处 is under %q, the 更正 made it 合格", got["警保处"])
	}
}

// figureRow reads a row of a unit's figures table: the cells after its
// header, newest year first.
func figureRow(t *testing.T, page, header string) []string {
	t.Helper()
	_, row, ok := strings.Cut(page, `<th scope="row">`+header+`</th>`)
	if !ok {
		t.Fatalf("no row %s", header)
	}
	row, _, _ = strings.Cut(row, "</tr>")
	var out []string
	for _, m := range regexp.MustCompile(`<td class="num">([^<]*)</td>`).FindAllStringSubmatch(row, -1) {
		out = append(out, m[1])
	}
	return out
}

// A unit's page shows its figures of this year and last; a share or a
// median on fewer than five cases says 样本不足, and its open data is null.
func (f *publicFixture) unitFigures(t *testing.T) {
	c := f.b.client(t)
	resp, body := c.get("/public/units/" + itoa(f.unit.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("unit page: %d", resp.StatusCode)
	}
	for header, want := range map[string][]string{
		"收到申请（件）":  {"2", "6"},
		"办结申请（件）":  {"2", "6"},
		"按时办结比例":   {"样本不足", "100.0%"},
		"办理用时中位数":  {"样本不足", "2个工作日"},
		"投诉咨询答复比例": {"样本不足", "样本不足"},
	} {
		if got := figureRow(t, body, header); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", header, got, want)
		}
	}
	if !strings.Contains(body, fmt.Sprintf(`%d<br><span class="small">截至今日</span>`, demoYear+1)) || !strings.Contains(body, fmt.Sprintf(`>%d</th>`, demoYear)) {
		t.Error("the figures are not headed by this year (so far) and last year")
	}
	if !strings.Contains(body, fmt.Sprintf("%d年度办结申请的办理结果：样本不足。", demoYear+1)) {
		t.Error("this year's results by group, on two cases, are shown")
	}
	_, js := c.get("/public/data/unit_figures.json")
	var rows []map[string]any
	modelstest.Must(t, json.Unmarshal([]byte(js), &rows))
	seen := 0
	for _, r := range rows {
		if r["unit_id"] != float64(f.unit.ID) {
			continue
		}
		seen++
		switch r["year"] {
		case float64(demoYear + 1):
			if r["on_time_rate"] != nil || r["median_working_days"] != nil || r["results_disclosed"] != nil {
				t.Errorf("this year's shares on two cases: %v", r)
			}
		case float64(demoYear):
			if r["on_time_rate"] != 100.0 || r["median_working_days"] != 2.0 || r["results_disclosed"] != 6.0 {
				t.Errorf("last year's figures: %v", r)
			}
		}
	}
	if seen != 2 {
		t.Errorf("unit_figures has %d rows of the unit, want 2", seen)
	}
}

// postBulletin issues a 通报 and posts it, as the campaigns do.
func postBulletin(t *testing.T, s *models.Store, title string, now time.Time) uint {
	t.Helper()
	var id uint
	office := models.Viewer{Name: "吴良亮", Role: models.RoleOffice}
	modelstest.Must(t, s.Audited(context.Background(), office, func(tx *models.Tx) error {
		d, err := documents.IssueIn(tx, documents.Issue{Kind: "campaign_bulletin", Series: "公开通", Year: now.Year(), Subject: "campaign", SubjectID: 1,
			Content: documents.Content{Issuer: "市公安局政府信息公开工作领导小组办公室", Title: title, To: "各部门、各分县局",
				Body: []documents.Block{documents.Paragraph("专项行动第一阶段情况通报如下。")}, Signer: "市公安局政府信息公开工作领导小组办公室", Date: scoring.DateOf(now)}})
		if err != nil {
			return err
		}
		id = d.ID
		return documents.Post(tx, d.ID, now)
	}))
	return id
}

// Each public page is built once and kept; what should change it does, on
// this instance without being told (the stamp): a 通报 posted, an annual
// report finalised again (its 更正 version), a results notice's 更正, an
// import, and after five minutes the records worked in the app.
func (f *publicFixture) cacheFollowsChanges(t *testing.T) {
	ctx := context.Background()
	s := f.b.store
	c := f.b.client(t)
	page := func(path string) string {
		t.Helper()
		resp, body := c.get(path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		return body
	}
	unitPath := "/public/units/" + itoa(f.unit.ID)
	// The stamp is read at most every quarter of a second: a change shows
	// after that, on every instance.
	settle := func() { time.Sleep(300 * time.Millisecond) }
	for _, p := range []string{"/public", "/public/bulletins", "/public/feed.atom", "/public/data/bulletins.json", unitPath, "/public/data/unit_figures.csv"} {
		page(p)
	}

	// A 通报 posted.
	postBulletin(t, s, "关于政务公开专项行动第一阶段情况的通报", f.b.clock.Now())
	settle()
	for _, p := range []string{"/public", "/public/bulletins", "/public/feed.atom", "/public/data/bulletins.json"} {
		if !strings.Contains(page(p), "关于政务公开专项行动第一阶段情况的通报") {
			t.Errorf("%s does not show the 通报 just posted", p)
		}
	}

	// An annual report finalised: marking the unit's report final issues it.
	office := models.Viewer{Name: "吴良亮", Role: models.RoleOffice}
	if strings.Contains(page(unitPath), "公开样本派出所"+strconv.Itoa(demoYear)+"年政府信息公开工作年度报告") {
		t.Fatal("the unit's report is on its page before it is final")
	}
	modelstest.Must(t, reports.MarkFinal(ctx, s, office, reports.AnnualQuery{Year: demoYear, DepartmentID: f.unit.ID}, true, f.b.clock.Now()))
	settle()
	if !strings.Contains(page(unitPath), "公开样本派出所"+strconv.Itoa(demoYear)+"年政府信息公开工作年度报告") {
		t.Error("the unit's page does not list its report just finalised")
	}

	// A results notice's 更正: the year re-opened, graded again and published.
	var p assessment.Plan
	modelstest.Must(t, s.DB.Omit("catalog").Where("year = ?", demoYear).First(&p).Error)
	a := assessment.New(s)
	leader := models.Viewer{Name: "江海", Role: models.RoleLeader}
	before := strings.Count(page("/public/years/"+strconv.Itoa(demoYear)), `class="gw-status"`)
	now := f.b.clock.Now()
	modelstest.Must(t, a.Take(ctx, office, p.ID, assessment.RequestReopen, "复核投诉数据", now))
	modelstest.Must(t, a.Take(ctx, leader, p.ID, assessment.ApproveReopen, "", now))
	modelstest.Must(t, a.Take(ctx, office, p.ID, assessment.Propose, "复核后重新提出", now))
	modelstest.Must(t, a.Take(ctx, leader, p.ID, assessment.ApproveGrades, "", now))
	modelstest.Must(t, a.Take(ctx, office, p.ID, assessment.Publish, "", now))
	settle()
	if after := strings.Count(page("/public/years/"+strconv.Itoa(demoYear)), `class="gw-status"`); after != before+1 {
		t.Errorf("the year's page shows %d notices after a 更正, %d before", after, before)
	}

	// An import: a complaint of the unit this year.
	got := func() []string { return figureRow(t, page(unitPath), "收到投诉咨询（件）") }
	was := got()
	_, err := ingest.New(s).File(ctx, ingest.Complaints, "c.csv", strings.NewReader(fmt.Sprintf("部门,编号,渠道,受理日期,回复日期,办结日期\nGK25,GK-TS-1,12389,%d-05-06,%d-05-07,\n", demoYear+1, demoYear+1)),
		ingest.Options{Viewer: office, Partial: true})
	modelstest.Must(t, err)
	settle()
	if now := got(); now[0] != "1" || was[0] != "0" {
		t.Errorf("complaints of the unit this year: %v before the import, %v after", was, now)
	}

	// A request answered in the app: shown within five minutes.
	answered := time.Date(demoYear+1, 6, 3, 0, 0, 0, 0, time.UTC)
	modelstest.Must(t, s.DB.Create(&models.Request{DepartmentID: f.unit.ID, RequestNo: "GK-APP-1", Received: answered.AddDate(0, 0, -2), Channel: "当面", Answered: &answered, Answer: "同意公开"}).Error)
	if got := figureRow(t, page(unitPath), "收到申请（件）"); got[0] != "2" {
		t.Errorf("a request worked in the app shows at once: %v", got)
	}
	f.b.clock.Advance(6 * time.Minute)
	if got := figureRow(t, page(unitPath), "收到申请（件）"); got[0] != "3" {
		t.Errorf("a request worked in the app is not shown five minutes on: %v", got)
	}
}

// openSchema reads the tables' fields and types from docs/OPEN-DATA.md,
// the schema's one source.
func openSchema(t *testing.T) map[string][][2]string {
	t.Helper()
	doc, err := os.ReadFile("../docs/OPEN-DATA.md")
	modelstest.Must(t, err)
	out := map[string][][2]string{}
	table := ""
	head := regexp.MustCompile("^### `([a-z_]+)`")
	row := regexp.MustCompile("^\\| `([a-z_]+)` \\| ([a-z ]+) \\|")
	for _, line := range strings.Split(string(doc), "\n") {
		if m := head.FindStringSubmatch(line); m != nil {
			table = m[1]
			continue
		}
		if m := row.FindStringSubmatch(line); m != nil && table != "" {
			out[table] = append(out[table], [2]string{m[1], m[2]})
		}
	}
	if len(out) < 5 {
		t.Fatalf("docs/OPEN-DATA.md describes %d tables", len(out))
	}
	return out
}

var isDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// typeFault says what is wrong with a value of a documented type, "" when
// nothing; a CSV value comes as text.
func typeFault(typ string, v any, fromCSV bool) string {
	base, nullable := strings.CutSuffix(typ, " or null")
	if fromCSV {
		s := v.(string)
		if s == "" {
			if nullable || base == "string" {
				return ""
			}
			return "empty"
		}
		switch base {
		case "integer":
			if _, err := strconv.Atoi(s); err != nil {
				return "not an integer"
			}
		case "number":
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				return "not a number"
			}
		case "boolean":
			if s != "true" && s != "false" {
				return "not a boolean"
			}
		case "date":
			if !isDate.MatchString(s) {
				return "not a date"
			}
		case "url":
			if !strings.HasPrefix(s, "/public/") {
				return "not a path of the site"
			}
		}
		return ""
	}
	if v == nil {
		if nullable {
			return ""
		}
		return "null"
	}
	switch base {
	case "integer":
		if n, ok := v.(float64); !ok || n != float64(int64(n)) {
			return "not an integer"
		}
	case "number":
		if _, ok := v.(float64); !ok {
			return "not a number"
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return "not a boolean"
		}
	case "string", "date", "url":
		s, ok := v.(string)
		if !ok || base == "date" && !isDate.MatchString(s) || base == "url" && !strings.HasPrefix(s, "/public/") {
			return "not a " + base
		}
	default:
		return "of an undocumented type " + typ
	}
	return ""
}

// Every table's JSON and CSV hold exactly the fields docs/OPEN-DATA.md
// lists, in its order, with values of the types it gives; the index links
// every table.
func (f *publicFixture) openDataMatchesSchema(t *testing.T) {
	c := f.b.client(t)
	schema := openSchema(t)
	_, index := c.get("/public/data")
	for table, fields := range schema {
		for _, ext := range []string{"csv", "json"} {
			if !strings.Contains(index, fmt.Sprintf(`href="/public/data/%s.%s"`, table, ext)) {
				t.Errorf("the index does not link %s.%s", table, ext)
			}
		}
		names := make([]string, len(fields))
		for i, fl := range fields {
			names[i] = fl[0]
		}
		resp, body := c.get("/public/data/" + table + ".json")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%s.json: %d %s", table, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		dec := json.NewDecoder(strings.NewReader(body))
		var rows []json.RawMessage
		modelstest.Must(t, dec.Decode(&rows))
		if len(rows) == 0 && table != "bulletins" {
			t.Errorf("%s.json is empty on the demo", table)
		}
		for i, raw := range rows {
			var keys []string // in order
			d := json.NewDecoder(bytes.NewReader(raw))
			d.Token()
			for d.More() {
				k, _ := d.Token()
				keys = append(keys, k.(string))
				var skip any
				modelstest.Must(t, d.Decode(&skip))
			}
			if !slices.Equal(keys, names) {
				t.Fatalf("%s.json row %d has fields %v, the schema %v", table, i, keys, names)
			}
			var obj map[string]any
			modelstest.Must(t, json.Unmarshal(raw, &obj))
			for _, fl := range fields {
				if fault := typeFault(fl[1], obj[fl[0]], false); fault != "" {
					t.Errorf("%s.json row %d: %s is %s (%v)", table, i, fl[0], fault, obj[fl[0]])
				}
			}
		}
		resp, body = c.get("/public/data/" + table + ".csv")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "\ufeff") {
			t.Fatalf("%s.csv: %d, or no byte order mark", table, resp.StatusCode)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
		modelstest.Must(t, err)
		if !slices.Equal(recs[0], names) {
			t.Fatalf("%s.csv header %v, the schema %v", table, recs[0], names)
		}
		if len(recs)-1 != len(rows) {
			t.Errorf("%s: %d CSV rows, %d JSON rows", table, len(recs)-1, len(rows))
		}
		for i, r := range recs[1:] {
			for k, fl := range fields {
				if fault := typeFault(fl[1], r[k], true); fault != "" {
					t.Errorf("%s.csv row %d: %s is %s (%q)", table, i+1, fl[0], fault, r[k])
				}
			}
		}
	}
}

// The feed is Atom (RFC 4287): it parses, has its id, title and updated,
// and an entry, with a link on the site, for every results notice and 更正,
// every 通报 posted and every annual report issued.
func (f *publicFixture) atomParses(t *testing.T) {
	resp, body := f.b.client(t).get("/public/feed.atom")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Errorf("feed served as %q", resp.Header.Get("Content-Type"))
	}
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	modelstest.Must(t, xml.Unmarshal([]byte(body), &feed))
	if feed.ID == "" || feed.Title == "" {
		t.Error("the feed has no id or title")
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
		t.Errorf("feed updated %q: %v", feed.Updated, err)
	}
	ctx := context.Background()
	notices, err := assessment.New(f.b.store).Published(ctx)
	modelstest.Must(t, err)
	posted, err := documents.Postings(ctx, f.b.store.DB)
	modelstest.Must(t, err)
	annual, err := reports.IssuedAnnualReports(ctx, f.b.store)
	modelstest.Must(t, err)
	want := map[string]bool{}
	for _, n := range notices {
		want[n.Title] = true
	}
	for _, p := range posted {
		want[p.Title] = true
	}
	for _, d := range annual {
		want[d.Title] = true
	}
	if len(feed.Entries) != len(notices)+len(posted)+len(annual) || len(posted) == 0 {
		t.Errorf("the feed has %d entries; %d notices, %d 通报 and %d reports were published", len(feed.Entries), len(notices), len(posted), len(annual))
	}
	for _, e := range feed.Entries {
		if !want[e.Title] || !strings.HasPrefix(e.Link.Href, "/public/") || e.ID == "" {
			t.Errorf("entry %+v", e)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry %s updated %q", e.Title, e.Updated)
		}
	}
}

var (
	idNumber   = regexp.MustCompile(`(^|[^0-9])[1-9]\d{16}[0-9Xx]($|[^0-9])`)
	mobileNo   = regexp.MustCompile(`(^|[^0-9])1[3-9]\d{9}($|[^0-9])`)
	hrefOrSrc  = regexp.MustCompile(`(?:href|src)="([^"]+)"`)
	splitNames = regexp.MustCompile(`[,，、;；\s]+`)
)

// personalData collects from the database what must never show on the
// public site: applicants' and complainants' names, ID numbers and
// contacts, the names of persons held accountable, and the units' phones.
func personalData(t *testing.T, s *models.Store) []string {
	t.Helper()
	var out []string
	var reqs []models.Request
	modelstest.Must(t, s.DB.Select("applicant_name", "applicant_id_no", "applicant_contact").Where("applicant_name <> ''").Find(&reqs).Error)
	for _, r := range reqs {
		out = append(out, r.ApplicantName, r.ApplicantIDNo, r.ApplicantContact)
	}
	var persons []accountability.Person
	modelstest.Must(t, s.DB.Find(&persons).Error)
	for _, p := range persons {
		out = append(out, p.Name, p.PoliceNo)
	}
	var cases []accountability.Case
	modelstest.Must(t, s.DB.Select("persons").Find(&cases).Error)
	for _, c := range cases {
		out = append(out, splitNames.Split(c.Persons, -1)...)
	}
	var depts []models.Department
	modelstest.Must(t, s.DB.Find(&depts).Error)
	for _, d := range depts {
		out = append(out, d.Phone, d.Mobile)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(v string) bool { return len([]rune(v)) < 2 })
}

// A visitor signed out follows every link under /public, pages and
// downloads, in both languages: each answers 200 with no cookie, may be
// kept by a proxy, links nowhere in the signed-in app, and shows no
// applicant, no person held accountable, no ID number and no phone
// number; a Chinese page shows no machine text.
func (f *publicFixture) crawlFindsNoPersonalData(t *testing.T) {
	pii := personalData(t, f.b.store)
	if !slices.Contains(pii, "欧阳样本") || len(pii) < 20 {
		t.Fatalf("the demo's personal data are %d values: the crawl would prove nothing", len(pii))
	}
	c := f.b.client(t)
	seen := map[string]bool{"/public": true, "/public?lang=en": true}
	queue := []string{"/public", "/public?lang=en"}
	pages := 0
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		resp, body := c.get(path)
		if strings.HasPrefix(path, "/public/documents/") && resp.StatusCode != http.StatusOK {
			continue // a 通报's page is the campaigns' (handlers/campaign_public.go), checked here once it is there
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		pages++
		if len(resp.Header.Values("Set-Cookie")) > 0 {
			t.Errorf("%s sets a cookie", path)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
			t.Errorf("%s: Cache-Control %q", path, cc)
		}
		text := body
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			var links []string
			text, links = visible(body)
			for _, l := range append(links, hrefOrSrcs(body)...) {
				u, err := url.Parse(html.UnescapeString(l))
				if err != nil || u.Host != "" {
					t.Errorf("%s links to %q", path, l)
					continue
				}
				if u.Path == "" || strings.HasPrefix(u.Path, "/static/") {
					continue
				}
				if u.Path != "/public" && !strings.HasPrefix(u.Path, "/public/") {
					t.Errorf("%s links to %s, outside the public site", path, u.Path)
					continue
				}
				next := u.Path
				if u.RawQuery != "" {
					next += "?" + u.RawQuery
				}
				if !seen[next] {
					seen[next] = true
					queue = append(queue, next)
				}
			}
			if !strings.Contains(path, "lang=en") {
				for _, bad := range machineText(text, allowedLatin) {
					t.Errorf("%s shows %q", path, bad)
				}
			}
		}
		for _, v := range pii {
			if strings.Contains(body, v) {
				t.Errorf("%s shows %q, personal data", path, v)
			}
		}
		for _, re := range []*regexp.Regexp{idNumber, mobileNo} {
			if m := re.FindString(text); m != "" {
				t.Errorf("%s shows %q, an ID or a mobile number", path, m)
			}
		}
	}
	if pages < 20 {
		t.Errorf("the crawl reached only %d pages", pages)
	}
	// A page that does not exist is the site's own 404: no cookie either.
	for _, path := range []string{"/public/units/999999", "/public/years/1999", "/public/data/nothing.csv", "/public/reports/999999", "/public/units/x?lang=en"} {
		resp, body := c.get(path)
		if resp.StatusCode != http.StatusNotFound || len(resp.Header.Values("Set-Cookie")) > 0 || !strings.Contains(body, `href="/public`) {
			t.Errorf("%s: %d, cookies %v", path, resp.StatusCode, resp.Header.Values("Set-Cookie"))
		}
	}
}

func hrefOrSrcs(page string) []string {
	var out []string
	for _, m := range hrefOrSrc.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}
