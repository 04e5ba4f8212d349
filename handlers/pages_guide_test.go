package handlers_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/seed"
)

// demoDay is the day the handlers tests open the demo on, 9 o'clock in
// Beijing; the years they name are derived from it (demoYear).
var demoDay = time.Date(2026, time.December, 7, 9, 0, 0, 0, time.FixedZone("CST", 8*60*60))

// demoYear is the demo's closed year on demoDay: assessed and published.
var demoYear = seed.ClosedYear(demoDay)

// demoNow is the clock of an app over the demo: demoDay.
func demoNow() time.Time { return demoDay }

// demoBureau opens the demo on SQLite as it stands on demoDay, with the
// app over it on the same day.
func demoBureau(t *testing.T) *bureau {
	t.Helper()
	return demoBureauOn(t, demoDay)
}

// demoBureauOn opens the demo as it stands on day, with the app's clock
// on that day.
func demoBureauOn(t *testing.T, day time.Time) *bureau {
	t.Helper()
	s := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(context.Background(), s, day); err != nil {
		t.Fatal(err)
	}
	b := &bureau{store: s, clock: &clock{now: day}}
	b.app = handlers.New(s, handlers.Options{Now: b.clock.Now})
	return b
}

// A finding is named by its number within its plan and department (问题1,
// 问题2 …), never by its database id (issue 29).
func TestFindingsAreNumberedWithinTheirDepartment(t *testing.T) {
	b := demoBureau(t)
	var p assessment.Plan
	modelstest.Must(t, b.store.DB.Omit("catalog").First(&p).Error)
	var dept models.Department
	modelstest.Must(t, b.store.DB.Where("code = ?", "FJ01").First(&dept).Error)
	var f assessment.Finding
	modelstest.Must(t, b.store.DB.Where("plan_id = ? AND department_id = ?", p.ID, dept.ID).First(&f).Error)
	if f.ID == 1 {
		t.Fatal("the demo's first finding of FJ01 has id 1: the test cannot tell a number from an id")
	}
	office := b.client(t)
	office.signIn("office", seed.DemoPassword)
	plan := "/assessment/" + itoa(p.ID)
	auditor := b.client(t)
	auditor.signIn("auditor", seed.DemoPassword)
	_, log := auditor.get("/audit?entity=assessment_finding")
	if !strings.Contains(log, itoa(uint(p.Year))+"年度"+dept.Name+"问题1") || strings.Contains(log, "第 "+itoa(f.ID)+" 号") {
		t.Error("the audit log does not name FJ01's finding by its year, department and number")
	}
	for _, path := range []string{plan + "/departments/" + itoa(dept.ID), plan} {
		_, body := office.get(path)
		if !strings.Contains(body, "问题1："+f.Text) {
			t.Errorf("%s does not name FJ01's first finding 问题1", path)
		}
		if strings.Contains(body, "问题"+itoa(f.ID)+"："+f.Text) {
			t.Errorf("%s names a finding by its database id %d", path, f.ID)
		}
	}
}

// The leader approving a focused plan (重点考核) sees which units it covers
// (issue 29).
func TestFocusedPlanListsItsUnitsForTheLeader(t *testing.T) {
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	withYear(t, b)
	office, leader := b.client(t), b.client(t)
	office.signIn("office", testPassword)
	leader.signIn("leader", testPassword)
	form := planForm(office.token("/assessment/new"))
	form.Set("scope", "focus")
	form.Set("departments", itoa(b.own.ID))
	resp, body := office.post("/assessment", form)
	plan := resp.Header.Get("Location")
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("create a focused plan: %d %s", resp.StatusCode, regexp.MustCompile(`(?s)class="errors?".{0,300}`).FindString(body))
	}
	office.post(plan+"/step", url.Values{"_csrf": {office.token(plan)}, "action": {"submit"}})
	_, page := leader.get(plan)
	if !strings.Contains(page, `data-action="approve"`) {
		t.Fatal("the leader is not asked to approve the plan")
	}
	scope := regexp.MustCompile(`(?s)重点考核（所选部门）(.*?)</dd>`).FindStringSubmatch(page)
	if scope == nil || !strings.Contains(scope[1], b.own.Name) || strings.Contains(scope[1], b.other.Name) {
		t.Errorf("the focused plan's units are not listed as covered: %v", scope)
	}
}

// /cases groups the proposals by year, newest first, then by department,
// each group with its count (issue 29).
func TestCasesGroupProposalsByYearAndDepartment(t *testing.T) {
	b := demoBureau(t)
	c := b.client(t)
	c.signIn("discipline", seed.DemoPassword)
	_, page := c.get("/cases")
	years := regexp.MustCompile(`(?s)<section class="proposal-year" id="proposals-(\d+)">\s*<h3>(\d+)年度（(\d+)条）</h3>(.*?)</section>`).FindAllStringSubmatch(page, -1)
	if len(years) < 1 || strings.Count(page, "<details class=\"proposal-group\"") < 2 {
		t.Fatalf("proposals are not grouped by year and department: %d years", len(years))
	}
	total := 0
	for i, y := range years {
		if y[1] != y[2] || (i > 0 && y[1] >= years[i-1][1]) {
			t.Errorf("year %s is out of order (newest first)", y[1])
		}
		groups := regexp.MustCompile(`(?s)<summary><b>([^<]+)</b> （(\d+)条）</summary>(.*?)</details>`).FindAllStringSubmatch(y[4], -1)
		seen, inYear := map[string]bool{}, 0
		for _, g := range groups {
			if seen[g[1]] {
				t.Errorf("%s appears twice in %s", g[1], y[1])
			}
			seen[g[1]] = true
			n := strings.Count(g[3], `class="proposal card"`)
			if itoa(uint(n)) != g[2] {
				t.Errorf("%s %s says %s proposals, lists %d", y[1], g[1], g[2], n)
			}
			inYear += n
		}
		if itoa(uint(inYear)) != y[3] || len(groups) < 1 {
			t.Errorf("year %s says %s proposals, lists %d", y[1], y[3], inYear)
		}
		total += inYear
	}
	if total != strings.Count(page, `class="proposal card"`) {
		t.Errorf("%d proposals outside a group", strings.Count(page, `class="proposal card"`)-total)
	}
}

// A province's proposals come fifty a page: the year says all of them, the
// pages list each once (issue 27: /cases rendered every proposal on each
// view).
func TestCasesPageTheProposals(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	formed, published := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 9, 20, 0, 0, 0, 0, time.UTC)
	works := make([]publications.Work, 60) // published without the review's approval: a proposal each
	for i := range works {
		works[i] = publications.Work{DepartmentID: b.own.ID, IndexNo: fmt.Sprintf("ZA-2025-%03d", i), Title: fmt.Sprintf("文件%d", i),
			Seq: 1, Formed: formed, Attribute: "主动公开", PublicationID: uint(i + 1), Published: &published, CreatedBy: "测试"}
	}
	modelstest.Must(t, s.DB.Create(&works).Error)
	c := b.client(t)
	c.signIn("discipline", testPassword)
	seen := map[string]bool{}
	for page, want := range map[string]int{"/cases": 50, "/cases?page=2": 10} {
		_, body := c.get(page)
		if !strings.Contains(body, "2025年度（60条）") {
			t.Errorf("%s does not count the year's 60 proposals", page)
		}
		keys := regexp.MustCompile(`class="proposal card" data-key="([^"]+)"`).FindAllStringSubmatch(body, -1)
		if len(keys) != want {
			t.Errorf("%s lists %d proposals, want %d", page, len(keys), want)
		}
		for _, k := range keys {
			if seen[k[1]] {
				t.Errorf("proposal %s on two pages", k[1])
			}
			seen[k[1]] = true
		}
		if next := strings.Contains(body, `href="/cases?page=2"`); next != (page == "/cases") {
			t.Errorf("%s: a link to page 2 is %v", page, next)
		}
	}
}

// The objection form groups its deductions by indicator (<optgroup>), each
// group named with its count (issue 29).
func TestObjectionDeductionsAreGroupedByIndicator(t *testing.T) {
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	withYear(t, b)
	plan, _, head := approvedPlan(t, b)
	_, page := head.get(plan + "/departments/" + itoa(b.own.ID))
	sel := regexp.MustCompile(`(?s)<select name="deduction"[^>]*>(.*?)</select>`).FindStringSubmatch(page)
	if sel == nil {
		t.Fatal("the head has no objection form")
	}
	groups := regexp.MustCompile(`(?s)<optgroup label="([A-Z]\d+) [^"（]+（(\d+)条）">(.*?)</optgroup>`).FindAllStringSubmatch(sel[1], -1)
	if len(groups) == 0 {
		t.Fatalf("the deductions are not grouped by indicator: %s", sel[1])
	}
	seen, grouped := map[string]bool{}, 0
	for _, g := range groups {
		n := strings.Count(g[3], "<option ")
		if seen[g[1]] || itoa(uint(n)) != g[2] || !strings.Contains(g[3], `value="`+g[1]+`/`) {
			t.Errorf("indicator %s: group of %s lists %d, or repeated, or holds another indicator's", g[1], g[2], n)
		}
		seen[g[1]] = true
		grouped += n
	}
	if all := strings.Count(sel[1], "<option "); all != grouped {
		t.Errorf("%d deductions outside an indicator's group", all-grouped)
	}
}

// A self-inspection sent with a fake PDF and a valid PNG is refused as a
// whole, nothing of it filed; the valid PNG is kept and shown as kept on
// the refused form, which asks only for the other file again, and the next
// submission files it with its readable size in the audit log (issue 29).
func TestRefusedSelfInspectionKeepsTheValidFile(t *testing.T) {
	t.Parallel()
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	withYear(t, b)
	plan, _, head := approvedPlan(t, b)
	page := plan + "/departments/" + itoa(b.own.ID)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	resp, body := head.postFiles(page+"/self", url.Values{"_csrf": {head.token(page)}, "text": {"本部门自查情况良好"}},
		map[string][]byte{"自查报告.pdf": []byte("这不是PDF"), "截图.png": png})
	if resp.StatusCode != fiber.StatusUnprocessableEntity {
		t.Fatalf("a fake PDF was not refused: %d", resp.StatusCode)
	}
	var kept []assessment.Attachment
	modelstest.Must(t, b.store.DB.Omit("data").Find(&kept).Error)
	var filed int64
	modelstest.Must(t, b.store.DB.Model(&assessment.SelfInspection{}).Count(&filed).Error)
	if len(kept) != 1 || kept[0].Name != "截图.png" || kept[0].OwnerID != 0 || filed != 0 {
		t.Fatalf("after the refusal: %d self-inspections filed, files kept %+v", filed, kept)
	}
	box := regexp.MustCompile(`(?s)<fieldset class="kept" id="kept-files">(.*?)</fieldset>`).FindStringSubmatch(body)
	if box == nil || !strings.Contains(box[1], `name="kept" value="`+itoa(kept[0].ID)+`" checked`) || !strings.Contains(box[1], "截图.png") {
		t.Fatalf("the refused form does not show the PNG as kept: %v", box)
	}
	if !strings.Contains(body, "本部门自查情况良好") || !strings.Contains(body, "通过检查的文件已保留，其余所选文件未保存，请重新选择") {
		t.Error("the refused self-inspection does not keep its text or does not say which files to choose again")
	}
	if strings.Contains(body, "已填写的内容均已保留") {
		t.Error("the page claims everything typed was kept while a file was dropped")
	}
	// The next submission, without choosing a file, files the kept PNG.
	resp, _ = head.postFiles(page+"/self", url.Values{"_csrf": {head.token(page)}, "text": {"本部门自查情况良好"}, "kept": {itoa(kept[0].ID)}}, nil)
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("file with the kept PNG: %d", resp.StatusCode)
	}
	var si assessment.SelfInspection
	modelstest.Must(t, b.store.DB.First(&si).Error)
	var files []assessment.Attachment
	modelstest.Must(t, b.store.DB.Omit("data").Find(&files).Error)
	if len(files) != 1 || files[0].OwnerID != si.ID {
		t.Errorf("the kept PNG is not filed with the self-inspection: %+v", files)
	}
	var e models.AuditEntry
	modelstest.Must(t, b.store.DB.Where("entity = ? AND action = ?", "assessment_self_inspection", "file").First(&e).Error)
	if !regexp.MustCompile(`截图\.png \(\d+ B, sha256`).MatchString(e.After) {
		t.Errorf("the audit log does not note the file with a readable size: %s", e.After)
	}
	// A form refused without files still says everything was kept.
	_, body = head.postFiles(page+"/self", url.Values{"_csrf": {head.token(page)}, "text": {" "}}, nil)
	if !strings.Contains(body, "已填写的内容均已保留") || strings.Contains(body, "重新选择") {
		t.Error("a refusal without files asks for files")
	}
}
