package handlers_test

import (
	"context"
	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/seed"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The audit log reads in Chinese: who, when, what, on which object (a
// link), each changed field old → new; its filters select by person,
// dates, action, kind of record and department, and its export follows.
func TestAuditLogReadsInWordsAndFilters(t *testing.T) {
	t.Parallel() // its own database
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		own, other := itoa(b.own.ID), itoa(b.other.ID)
		if resp, _ := c.post("/departments/"+own+"/liaison", url.Values{"_csrf": {c.token("/departments/" + own)}, "liaison": {"新联系人"}}); resp.StatusCode != 303 {
			t.Fatalf("save liaison: %d", resp.StatusCode)
		}
		_, page := c.get("/audit")
		for _, want := range []string{"办公室", "修改", `<a href="/departments/` + own + `">部门 ` + b.own.Name + `</a>`, "具体责任人员", "<del>何军</del> → <ins>新联系人</ins>", "登录"} {
			if !strings.Contains(page, want) {
				t.Errorf("the audit log lacks %q", want)
			}
		}
		for _, code := range []string{">update<", ">department ", `{"`} {
			if strings.Contains(page, code) {
				t.Errorf("the audit log shows the code %q", code)
			}
		}
		// Entries carry the real time of the change, not the test's clock.
		today := time.Now().Format("2006-01-02")
		yesterday := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
		for _, tc := range []struct {
			query string
			shown bool
		}{
			{"department=" + own, true},
			{"department=" + other, false},
			{"action=update&entity=department", true},
			{"action=sign_in", false},
			{"who=" + url.QueryEscape("办公室"), true},
			{"who=" + url.QueryEscape("组长"), false},
			{"from=" + yesterday + "&to=" + today, true},
			{"to=" + yesterday, false},
		} {
			_, page := c.get("/audit?" + tc.query)
			if strings.Contains(page, "<ins>新联系人</ins>") != tc.shown {
				t.Errorf("/audit?%s: liaison change shown %v, want %v", tc.query, !tc.shown, tc.shown)
			}
			_, body := c.get("/export/audit.xlsx?" + tc.query)
			rows, _ := openXLSX(t, body).GetRows("操作日志")
			if strings.Contains(strings.Join(flatten(rows), "|"), "具体责任人员：何军 → 新联系人") != tc.shown {
				t.Errorf("/export/audit.xlsx?%s does not follow the filter", tc.query)
			}
		}
	})
}

// The audit page's tamper check names the edited entry in the reader's
// language.
func TestAuditChainStateInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	c := b.client(t)
	c.signIn("office", testPassword)
	var e models.AuditEntry
	modelstest.Must(t, s.DB.Order("seq").First(&e).Error)
	modelstest.Must(t, s.DB.Exec("UPDATE audit_entries SET user_name = ? WHERE id = ?", "别人", e.ID).Error)
	want := map[string]string{"zh": "日志链被破坏：第 1 条（编号 " + itoa(e.ID) + "）被修改过", "en": "The chain is broken: entry 1 (id " + itoa(e.ID) + ") was edited"}
	for _, l := range []string{"zh", "en"} {
		c.get("/lang?to=" + l + "&back=/audit")
		if _, page := c.get("/audit"); !strings.Contains(page, want[l]) {
			t.Errorf("%s audit page lacks %q", l, want[l])
		}
	}
}

// A state in the audit log reads in the words of its own record: a scheme
// approved is 已批准 (not an assessment under way), an objection not
// accepted is 不采纳 (not a rejected import).
func TestAuditStatesReadAsTheirRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(ctx, s, demoDay); err != nil {
		t.Fatal(err)
	}
	_, err := s.CopyScheme(ctx, models.System, "default-2", "bureau-2027", "本局2027年方案")
	modelstest.Must(t, err)
	modelstest.Must(t, s.ApproveScheme(ctx, models.System, "bureau-2027", time.Now()))
	b := &bureau{store: s, app: handlers.New(s, handlers.Options{Now: demoNow})}
	c := b.client(t)
	c.signIn("office", seed.DemoPassword)
	for _, tc := range []struct{ entity, want string }{
		{"scheme", "<del>草稿</del> → <ins>已批准</ins>"},
		{"assessment_objection", "<ins>不采纳</ins>"},
	} {
		_, page := c.get("/audit?entity=" + tc.entity)
		if !strings.Contains(page, tc.want) {
			t.Errorf("the audit log of %s lacks %q", tc.entity, tc.want)
		}
		if strings.Contains(page, "草拟中") || strings.Contains(page, "考核进行中") {
			t.Errorf("the audit log of %s reads its states as an assessment's", tc.entity)
		}
	}
}
