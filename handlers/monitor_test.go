package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/monitoring"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
	"github.com/gongkai/gongkai/views"
)

func init() {
	matrixPosts["/monitoring"] = func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/monitoring", form: f.values("year", "2026", "as_of", "2026-01-31")}
	}
	for _, step := range []string{"bulletin", "correct", "post"} {
		matrixPosts["/monitoring/:id/"+step] = func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: "/monitoring/" + itoa(f.monitorRun) + "/" + step, form: f.values("reason", "统计有误")}
		}
	}
}

// newMonitorRun computes a monitoring run of January in the bureau's
// year, for the route matrix.
func newMonitorRun(t *testing.T, b *bureau) uint {
	t.Helper()
	run, err := monitoring.New(b.store, accountability.Decisions(b.store)).Compute(context.Background(), models.System,
		monitoring.Request{Year: 2026, AsOf: scoring.NewDate(2026, time.January, 31)}, b.clock.Now())
	modelstest.Must(t, err)
	return run.ID
}

// The office runs the third quarter's monitoring from its page and issues,
// refuses to reissue, and posts its 通报; the pages are Chinese without
// machine text; forms need the CSRF token and the office's role; a head
// reads the own unit's line only; a clerk no run at all.
func TestMonitoringPagesAndBulletin(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		ctx := context.Background()
		modelstest.Must(t, seed.Facts(ctx, s))
		// 治安支队 leads a quarterly item published in the first quarter only.
		modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 38, Level1: "对外公开", Level2: "工作动态", Title: "工作动态",
			Channels: "网站", Cadence: "每季度", Lead: "治安支队"}).Error)
		jan := time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)
		modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: b.own.ID, IndexNo: "ZA-1", Seq: 38, Title: "一季度工作动态", Channel: "网站",
			Published: jan, Formed: &jan, Review: "公开", ReviewDate: &jan}).Error)
		for q, filed := range []time.Time{jan, jan.AddDate(0, 4, 0), jan.AddDate(0, 7, 0)} {
			modelstest.Must(t, s.DB.Create(&models.QuarterlyReport{DepartmentID: b.own.ID, Year: 2026, Quarter: q + 1, Submitted: &filed}).Error)
		}
		b.clock.Advance(time.Date(2026, 10, 8, 9, 0, 0, 0, time.UTC).Sub(b.clock.Now()))

		office := b.signedIn(t, "office")
		resp, body := office.get("/monitoring")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `value="2026-09-30"`) {
			t.Fatalf("GET /monitoring: %d; the form proposes the last quarter's end: %v", resp.StatusCode, strings.Contains(body, "2026-09-30"))
		}
		form := url.Values{"year": {"2026"}, "as_of": {"2026-09-30"}}
		if resp, _ := office.post("/monitoring", form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST /monitoring without CSRF: %d", resp.StatusCode)
		}
		leader := b.signedIn(t, "leader")
		if resp, _ := leader.post("/monitoring", url.Values{"year": {"2026"}, "as_of": {"2026-09-30"}, "_csrf": {leader.token("/monitoring")}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the leader computed a run: %d", resp.StatusCode)
		}
		bad := url.Values{"year": {"2026"}, "as_of": {"2027-01-05"}, "_csrf": {office.token("/monitoring")}}
		if resp, body := office.post("/monitoring", bad); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "年度考核") {
			t.Errorf("a cut-off after the year: %d %q", resp.StatusCode, errorOf(body))
		}
		page := office.step("/monitoring", "/monitoring", form)
		if !strings.HasPrefix(page, "/monitoring/") {
			t.Fatalf("computed, sent to %q", page)
		}
		_, body = office.get(page)
		for _, want := range []string{"2026年第三季度监测结果", "第38项“工作动态”2026年第2季度无公开记录", "第38项“工作动态”2026年第3季度无公开记录",
			"尚未到期，本次不计", "不计入年度考核", "第1名（共1个）", "chart-monitoring"} {
			if !strings.Contains(body, want) {
				t.Errorf("the run's page lacks %q", want)
			}
		}
		text, _ := visible(body)
		if bad := machineText(text, allowedLatin); len(bad) > 0 {
			t.Errorf("machine text on the run's page: %v", bad)
		}

		office.step(page, page+"/bulletin", url.Values{})
		again := url.Values{"_csrf": {office.token(page)}}
		if resp, body := office.post(page+"/bulletin", again); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "不能重复印发") {
			t.Errorf("a second 通报: %d %q", resp.StatusCode, errorOf(body))
		}
		office.step(page, page+"/post", url.Values{})
		posted, err := documents.Postings(ctx, s.DB, monitoring.BulletinKind)
		modelstest.Must(t, err)
		if len(posted) != 1 || !strings.Contains(posted[0].Title, "2026年第三季度") {
			t.Fatalf("posted 通报: %+v", posted)
		}
		doc := page + "/bulletins/" + itoa(posted[0].ID)
		if resp, body := office.get(doc); resp.StatusCode != http.StatusOK || !strings.Contains(body, "表扬") || !strings.Contains(body, posted[0].Number) {
			t.Errorf("the 通报's page: %d", resp.StatusCode)
		}
		if resp, _ := office.get(doc + "/docx"); resp.StatusCode != http.StatusOK {
			t.Errorf("the 通报's DOCX: %d", resp.StatusCode)
		}

		head := b.signedIn(t, "head")
		_, body = head.get(page)
		if !strings.Contains(body, b.own.Name) || strings.Contains(body, b.other.Name) {
			t.Error("a head reads another unit's line, or not the own")
		}
		if resp, _ := head.post(page+"/bulletin", url.Values{"_csrf": {head.token(page)}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a head issued a 通报: %d", resp.StatusCode)
		}
		clerk := b.signedIn(t, "clerk")
		if resp, _ := clerk.get(page); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Errorf("a clerk reads a run: %d", resp.StatusCode)
		}
	})
}

// In the demo, every reader of the monitoring sees its pages, the run's
// and its 通报's, and the audit log's lines of it, in the reader's
// language without machine text; a head sees the own unit's line only.
func TestMonitoringDemoPagesInBothLanguages(t *testing.T) {
	t.Parallel()
	b := demoBureau(t)
	ctx := context.Background()
	runs, err := monitoring.New(b.store, nil).Runs(ctx, models.System, 0)
	modelstest.Must(t, err)
	if len(runs) != 1 {
		t.Fatalf("demo runs: %d", len(runs))
	}
	// Usernames are Latin by nature: the audit log shows them.
	latin := map[string]bool{}
	for w := range allowedLatin {
		latin[w] = true
	}
	var usernames []string
	modelstest.Must(t, b.store.DB.Model(&models.User{}).Pluck("username", &usernames).Error)
	for _, u := range usernames {
		for _, w := range latinWord.FindAllString(u, -1) {
			latin[w] = true
		}
	}
	page := "/monitoring/" + itoa(runs[0].ID)
	doc := page + "/bulletins/" + itoa(runs[0].BulletinID)
	for _, user := range []string{"office", "leader", "head", "auditor"} {
		for _, l := range []views.Lang{views.Chinese, views.English} {
			c := b.client(t)
			c.cookies["lang"] = &http.Cookie{Name: "lang", Value: string(l)}
			c.signIn(user, seed.DemoPassword)
			paths := []string{"/monitoring", page, doc}
			if user == "office" {
				paths = append(paths, "/audit")
			}
			for _, path := range paths {
				resp, body := c.get(path)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("%s %s %s: %d", user, l, path, resp.StatusCode)
					continue
				}
				text, _ := visible(body)
				for _, bad := range pageFaults(path, text, l, latin) {
					t.Errorf("%s %s %s shows %q", user, l, path, bad)
				}
				if path == page && user == "head" && strings.Count(body, `<tr id="line-`) != 1 {
					t.Errorf("a head sees %d lines of the run", strings.Count(body, `<tr id="line-`))
				}
			}
		}
	}
}

// With more units than a run's page shows inline, each unit's deductions
// are a click away (?unit=), where they are shown open.
func TestMonitoringPageOfManyUnits(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		modelstest.Must(t, seed.Facts(context.Background(), s))
		more := make([]models.Department, 200)
		for i := range more {
			more[i] = models.Department{Code: fmt.Sprintf("PS%03d", i), Name: fmt.Sprintf("第%d派出所", i), Kind: models.KindStation}
		}
		modelstest.Must(t, s.DB.CreateInBatches(more, 100).Error)
		page := "/monitoring/" + itoa(newMonitorRun(t, b))
		office := b.signedIn(t, "office")
		own := "?unit=" + itoa(b.own.ID)
		_, body := office.get(page)
		if !strings.Contains(body, own) || strings.Contains(body, "<details><summary>") {
			t.Errorf("202 units: the page shows deductions inline, or no link to them")
		}
		_, body = office.get(page + own)
		if strings.Count(body, "<details open>") != 1 || strings.Contains(body, "<details><summary>") {
			t.Errorf("the unit asked for: its deductions are not the one shown open")
		}
	})
}
