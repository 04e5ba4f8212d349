package handlers_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/scoring"
)

// The lists of issue 27 item 4 show fifty rows a page: the ledgers, the
// publications list and the inbox.

// view reads a page that must answer 200.
func (c *client) view(path string) string {
	c.t.Helper()
	resp, body := c.get(path)
	if resp.StatusCode != 200 {
		c.t.Fatalf("%s: %d", path, resp.StatusCode)
	}
	return body
}

// nextLink is the 下一页 link of a list page.
var nextLink = regexp.MustCompile(`<a href="([^"]+)">下一页</a>`)

// importRequests imports n requests of department code, numbered
// prefix001…, received a day apart from 2026-01-01 (so the ledger, by due
// date, lists them in that order).
func importRequests(c *client, code, prefix string, n int) {
	c.t.Helper()
	var b strings.Builder
	b.WriteString("部门,申请编号,收到日期,申请方式\n")
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%s,%s%03d,%s,当面\n", code, prefix, i, day.AddDate(0, 0, i-1).Format("2006-01-02"))
	}
	c.uploadImport("requests", prefix+".csv", b.String(), false)
}

// The office finds a unit's requests by its name or its code in the
// department search (no list of every unit): 55 of them show 50 on page 1
// and the 51st on page 2, whose link keeps the search; an unknown name is
// refused in Chinese, a name several units share offers them, and
// department=ID still works.
func TestRequestLedgerPagesAndDepartmentSearch(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		importRequests(c, "SJ09", "ZA-", 55)
		importRequests(c, "SJ16", "XJ-", 3)

		for _, search := range []string{"治安支队", "SJ09", "sj09"} {
			page := c.view("/requests?overdue=&dept=" + url.QueryEscape(search))
			if !strings.Contains(page, "共 55 条") || !strings.Contains(page, "第 1 页，共 2 页") || strings.Contains(page, "XJ-001") {
				t.Fatalf("the search %q does not find 治安支队's 55 requests on 2 pages", search)
			}
			if !strings.Contains(page, "ZA-050") || strings.Contains(page, "ZA-051") {
				t.Errorf("page 1 of %q is not the first 50 by due date", search)
			}
			m := nextLink.FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("no 下一页 link for %q", search)
			}
			next := strings.ReplaceAll(m[1], "&amp;", "&")
			if !strings.Contains(next, "dept="+url.QueryEscape(search)) || !strings.Contains(next, "page=2") {
				t.Errorf("下一页 drops the search: %s", next)
			}
			page2 := c.view(next)
			if !strings.Contains(page2, "ZA-051") || strings.Contains(page2, "ZA-050") || strings.Contains(page2, "XJ-") {
				t.Errorf("page 2 of %q does not show rows 51-55 only", search)
			}
		}
		if page := c.view("/requests?department=" + itoa(b.other.ID)); !strings.Contains(page, "共 3 条") || strings.Contains(page, "ZA-") {
			t.Error("department=ID no longer filters the ledger")
		}
		if page := c.view("/requests?dept=" + url.QueryEscape("不存在的部门")); !strings.Contains(page, "没有名称或代码为“不存在的部门”的部门") || strings.Contains(page, "ZA-001") {
			t.Error("an unknown department is not refused in Chinese")
		}
		page := c.view("/requests?dept=" + url.QueryEscape("支队"))
		if !strings.Contains(page, "有多个部门的名称包含“支队”") || !strings.Contains(page, "department="+itoa(b.own.ID)) || !strings.Contains(page, "department="+itoa(b.other.ID)) {
			t.Error("a name two units share does not offer both")
		}
		if resp, _ := c.get("/requests.xlsx?dept=" + url.QueryEscape("不存在的部门")); resp.StatusCode != 303 {
			t.Errorf("the export of an unknown department: %d, want back to the ledger", resp.StatusCode)
		}
		if page := c.view("/complaints?dept=SJ16"); strings.Contains(page, "<select name=\"department\"") || !strings.Contains(page, "刑警支队") {
			t.Error("the complaint ledger has no department search")
		}
	})
}

// A head sees their own department's requests on every page of the
// ledger, and nothing of another's whatever the query asks.
func TestRequestLedgerHeadSeesOwnOnEveryPage(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		office := b.client(t)
		office.signIn("office", testPassword)
		importRequests(office, "SJ09", "ZA-", 55)
		importRequests(office, "SJ16", "XJ-", 60)
		head := b.client(t)
		head.signIn("head", testPassword)
		for _, path := range []string{"/requests", "/requests?page=2", "/requests?page=3", "/requests?department=" + itoa(b.other.ID),
			"/requests?department=" + itoa(b.other.ID) + "&page=2", "/requests?dept=SJ16"} {
			page := head.view(path)
			if strings.Contains(page, "XJ-") {
				t.Errorf("the head reads another department's requests on %s", path)
			}
			if strings.Contains(page, `name="dept"`) {
				t.Errorf("the head is offered a department search on %s", path)
			}
		}
		if page := head.view("/requests?page=2"); !strings.Contains(page, "ZA-051") || !strings.Contains(page, "共 55 条") {
			t.Error("the head's page 2 does not show their own 51st request")
		}
	})
}

// The publications list shows 50 works a page, newest first, with the
// office's department search; the office marks the secrecy office by its
// code; a work registered and then published each show on the next view
// of the kept list.
func TestPublicationListPagesAndFollowsWork(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := 1; i <= 55; i++ {
			modelstest.Must(t, s.DB.Create(&publications.Work{DepartmentID: b.own.ID, IndexNo: fmt.Sprintf("PW-%03d", i), Title: fmt.Sprintf("文件%03d号", i),
				Seq: 23, Formed: start.AddDate(0, 0, i), Attribute: "主动公开", CreatedBy: "测试"}).Error)
		}
		modelstest.Must(t, s.DB.Create(&publications.Work{DepartmentID: b.other.ID, IndexNo: "PW-XJ", Title: "刑警文件",
			Seq: 23, Formed: start, Attribute: "主动公开", CreatedBy: "测试"}).Error)
		c := b.client(t)
		c.signIn("office", testPassword)

		page := c.view("/publications")
		if !strings.Contains(page, "共 56 条") || !strings.Contains(page, "文件055号") || !strings.Contains(page, "文件006号") || strings.Contains(page, "文件005号") {
			t.Fatal("page 1 is not the newest 50 of 56 works")
		}
		if strings.Contains(page, `<option value="`+itoa(b.other.ID)+`"`) {
			t.Error("the office's list still offers every department in a list")
		}
		page2 := c.view("/publications?page=2")
		if !strings.Contains(page2, "文件005号") || !strings.Contains(page2, "刑警文件") || strings.Contains(page2, "文件006号") {
			t.Error("page 2 does not show the 51st work onwards")
		}
		if page := c.view("/publications?dept=SJ16"); !strings.Contains(page, "共 1 条") || !strings.Contains(page, "刑警文件") || strings.Contains(page, "文件055号") {
			t.Error("the department search by code does not narrow the list")
		}
		if page := c.view("/publications?dept=" + url.QueryEscape("无此单位")); !strings.Contains(page, "没有名称或代码为“无此单位”的部门") {
			t.Error("an unknown department is not refused in Chinese")
		}

		tok := csrfField.FindStringSubmatch(page)[1]
		if resp, body := c.post("/publications/secrecy-office", url.Values{"_csrf": {tok}, "department": {"无此单位"}}); resp.StatusCode != 422 || !strings.Contains(body, "没有名称或代码为“无此单位”的部门") {
			t.Errorf("an unknown secrecy office: %d, not refused in Chinese", resp.StatusCode)
		}
		if resp, _ := c.post("/publications/secrecy-office", url.Values{"_csrf": {tok}, "department": {"SJ16"}}); resp.StatusCode != 303 {
			t.Fatalf("mark the secrecy office by its code: %d", resp.StatusCode)
		}
		if page := c.view("/publications"); !strings.Contains(page, "现为：刑警支队") {
			t.Error("the secrecy office marked by its code is not shown")
		}

		clerk := models.Viewer{UserID: 900, Name: "李静", Role: models.RoleClerk, DepartmentID: b.own.ID}
		ps := publications.New(s)
		now := b.clock.Now()
		w, err := ps.Register(ctx, clerk, publications.Registration{Title: "新登记的文件", IndexNo: "PW-NEW", Seq: 23, Formed: scoring.DateOf(now), Attribute: "主动公开", Signer: "张卫"}, now)
		modelstest.Must(t, err)
		page = c.view("/publications")
		if !strings.Contains(page, "新登记的文件") || !strings.Contains(page, "共 57 条") || !strings.Contains(page, "现为：刑警支队") {
			t.Fatal("a work registered is missing from the next view")
		}
		modelstest.Must(t, ps.ReviewAttribute(ctx, models.Viewer{UserID: 902, Name: "办公室", Role: models.RoleOffice}, w.ID, true, "", now))
		_, err = ps.Publish(ctx, clerk, w.ID, publications.Release{Day: scoring.DateOf(now), Channel: "网站"}, now)
		modelstest.Must(t, err)
		row := regexp.MustCompile(`新登记的文件</a></td>\s*<td>PW-NEW</td><td>[^<]*</td><td>[^<]*</td>\s*<td>([^<]*)</td>`)
		if m := row.FindStringSubmatch(c.view("/publications")); m == nil || !strings.HasPrefix(m[1], "已公开") {
			t.Errorf("a work published does not show as published on the next view: %v", m)
		}
	})
}

// The inbox shows 50 notifications a page, newest first; one arriving and
// one marked read each show on the very next view.
func TestInboxPagesAndFollowsArrivalsAndReads(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		var office models.User
		modelstest.Must(t, s.DB.Where("username = ?", "office").First(&office).Error)
		send := func(arg string, at time.Time) {
			t.Helper()
			modelstest.Must(t, s.Audited(ctx, models.System, func(tx *models.Tx) error {
				return notify.In(tx, notify.Message{Kind: notify.KindNotice, Subject: "notify.notice.sign", Args: []string{arg}, Link: "/"}, at, office.ID)
			}))
		}
		start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		for i := 1; i <= 55; i++ {
			send(fmt.Sprintf("N%03d", i), start.Add(time.Duration(i)*time.Minute))
		}
		c := b.client(t)
		c.signIn("office", testPassword)
		page := c.view("/inbox")
		if !strings.Contains(page, "共 55 条") || !strings.Contains(page, "N055年度") || !strings.Contains(page, "N006年度") || strings.Contains(page, "N005年度") {
			t.Fatal("page 1 of the inbox is not the newest 50 of 55")
		}
		m := nextLink.FindStringSubmatch(page)
		if m == nil || !strings.Contains(c.view(m[1]), "N005年度") {
			t.Fatal("page 2 of the inbox does not show the 51st notification")
		}
		if page := c.view("/inbox?unread=1&page=2"); !strings.Contains(page, "N001年度") || !strings.Contains(page, "第 2 页，共 2 页") {
			t.Error("page 2 of the unread does not keep the filter")
		}

		send("N056", start.Add(time.Hour*2))
		if page := c.view("/inbox"); !strings.Contains(page, "N056年度") || !strings.Contains(page, "共 56 条") {
			t.Error("a notification arriving is missing from the next view")
		}
		var newest notify.Notification
		modelstest.Must(t, s.DB.Where("user_id = ?", office.ID).Order("id desc").First(&newest).Error)
		tok := csrfField.FindStringSubmatch(c.view("/inbox?unread=1"))[1]
		if resp, _ := c.post("/inbox/"+itoa(newest.ID)+"/read", url.Values{"_csrf": {tok}}); resp.StatusCode != 303 {
			t.Fatalf("mark read: %d", resp.StatusCode)
		}
		if page := c.view("/inbox?unread=1"); strings.Contains(page, "N056年度") || !strings.Contains(page, "共 55 条") {
			t.Error("a notification marked read still shows among the unread on the next view")
		}
		tok = csrfField.FindStringSubmatch(c.view("/inbox"))[1]
		if resp, _ := c.post("/inbox/read", url.Values{"_csrf": {tok}}); resp.StatusCode != 303 {
			t.Fatalf("mark all read: %d", resp.StatusCode)
		}
		if page := c.view("/inbox?unread=1"); strings.Contains(page, "N001年度") {
			t.Error("notifications marked read all still show among the unread on the next view")
		}
	})
}

// A clerk names the departments a document consults by name or code (no
// list of every department on the form); a name no department has is
// refused beside the field in Chinese.
func TestPublicationRegisterNamesDepartmentsToConsult(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("clerk", testPassword)
		page := c.view("/publications")
		if strings.Contains(page, `type="checkbox" name="involved"`) {
			t.Error("the form still lists every department to consult")
		}
		tok := csrfField.FindStringSubmatch(page)[1]
		form := func(involved, index string) url.Values {
			return url.Values{"_csrf": {tok}, "title": {"征求意见的文件"}, "index_no": {index}, "seq": {"23"}, "formed": {"2026-02-27"},
				"attribute": {"主动公开"}, "signer": {"张卫"}, "involved": {involved}}
		}
		resp, body := c.post("/publications", form("刑警支队、无此单位", "INV-1"))
		if resp.StatusCode != 422 || !strings.Contains(body, "没有名称或代码为“无此单位”的部门") || !strings.Contains(body, "刑警支队、无此单位") {
			t.Errorf("an unknown department to consult: %d, not refused beside what was typed", resp.StatusCode)
		}
		if resp, _ := c.post("/publications", form("SJ16", "INV-2")); resp.StatusCode != 303 {
			t.Fatalf("register consulting SJ16: %d", resp.StatusCode)
		}
		var w publications.Work
		modelstest.Must(t, s.DB.Where("index_no = ?", "INV-2").First(&w).Error)
		if w.Involved != itoa(b.other.ID) {
			t.Errorf("the document consults %q, want 刑警支队 (%d)", w.Involved, b.other.ID)
		}
	})
}
