package handlers_test

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
)

// A plan's notice through the inboxes: approving it tells the heads of the
// 27 assessed units; 20 sign for it (their receipts show name and time on
// the notice and in its print); the office sends 催办 with a note to the
// other 7, whose inboxes show it; 3 open it, and the plan's page lists who
// read it and who has not.
func TestPlanNoticeThroughTheInboxes(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		withYear(t, b)
		heads := map[uint]string{b.own.ID: "head"} // department: head's username
		_, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: "head2", Name: "曾强", Role: models.RoleHead, DepartmentID: b.other.ID, Password: testPassword})
		modelstest.Must(t, err)
		heads[b.other.ID] = "head2"
		for i := range 25 {
			d := models.Department{Code: fmt.Sprintf("FJ%02d", i), Name: fmt.Sprintf("第%d派出所", i+1), Kind: models.KindCityDept}
			modelstest.Must(t, s.DB.Create(&d).Error)
			u := fmt.Sprintf("pcs%02d", i)
			_, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: u, Name: fmt.Sprintf("所长%d", i+1), Role: models.RoleHead, DepartmentID: d.ID, Password: testPassword})
			modelstest.Must(t, err)
			heads[d.ID] = u
		}
		plan, office, _ := approvedPlan(t, b)

		var told int64
		modelstest.Must(t, s.DB.Model(&notify.Notification{}).Where("subject = ?", "notify.notice.sign").Distinct("user_id").Count(&told).Error)
		if told != 27 {
			t.Fatalf("%d heads were told of the notice, want 27", told)
		}
		clients := map[uint]*client{}
		var depts []uint
		for d, u := range heads {
			c := b.client(t)
			c.signIn(u, testPassword)
			clients[d] = c
			depts = append(depts, d)
		}
		if _, body := clients[b.own.ID].get("/inbox"); !strings.Contains(body, "2024年度考核通知已下发，请签收") || !regexp.MustCompile(`id="unread">1<`).MatchString(body) {
			t.Fatal("the head's inbox does not show the notice, unread, with the count in the header")
		}

		slices.Sort(depts) // the first department, the head 张卫's, signs
		signed, unsigned := depts[:20], depts[20:]
		for _, d := range signed {
			page := fmt.Sprintf("%s/notice/%d", plan, d)
			if resp, _ := clients[d].post(page, url.Values{"_csrf": {clients[d].token(page)}}); resp.StatusCode != fiber.StatusSeeOther {
				t.Fatalf("sign for %d: %d", d, resp.StatusCode)
			}
		}
		_, body := clients[b.own.ID].get(fmt.Sprintf("%s/notice/%d", plan, b.own.ID))
		receipt := regexp.MustCompile(`<p class="gw-receipt receipt" id="receipt">签收：张卫 2026年3月2日 \d\d:\d\d</p>`)
		if !receipt.MatchString(body) {
			t.Fatalf("the notice does not print its receipt with name and time:\n%s", body)
		}

		// 催办 with a note to the 7; one signed unit among them refuses it all.
		form := url.Values{"_csrf": {office.token(plan)}, "note": {"请于今日下班前签收"}}
		if resp, body := office.post(plan+"/remind", form); resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, `id="err-dept" role="alert">请选择要催办的单位`) {
			t.Fatalf("a reminder to no unit was not refused beside the units: %d", resp.StatusCode)
		}
		form.Add("dept", fmt.Sprint(signed[0]))
		if resp, body := office.post(plan+"/remind", form); resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "签收") {
			t.Fatalf("a reminder to a unit that signed was not refused in words: %d", resp.StatusCode)
		}
		form.Del("dept")
		for _, d := range unsigned {
			form.Add("dept", fmt.Sprint(d))
		}
		if resp, _ := office.post(plan+"/remind", form); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("remind: %d", resp.StatusCode)
		}
		for _, d := range unsigned {
			_, body := clients[d].get("/inbox")
			if !strings.Contains(body, "2024年度考核通知尚未签收，办公室催办，请尽快签收") || !strings.Contains(body, "请于今日下班前签收") {
				t.Fatalf("unit %d's inbox does not show the reminder", d)
			}
		}
		for _, d := range signed[:3] {
			if _, body := clients[d].get("/inbox"); strings.Contains(body, "尚未签收，办公室催办") {
				t.Fatalf("unit %d that signed was reminded", d)
			}
		}
		// Three of the seven open it: it is marked read and leads to the notice.
		for _, d := range unsigned[:3] {
			var n notify.Notification
			modelstest.Must(t, s.DB.Where("kind = ? AND user_id IN (?)", notify.KindRemind, s.DB.Model(&models.User{}).Select("id").Where("department_id = ?", d)).First(&n).Error)
			resp, _ := clients[d].post(fmt.Sprintf("/inbox/%d/read", n.ID), url.Values{"_csrf": {clients[d].token("/inbox")}})
			if want := fmt.Sprintf("%s/notice/%d", plan, d); resp.StatusCode != fiber.StatusSeeOther || resp.Header.Get("Location") != want {
				t.Fatalf("opening the reminder: %d to %s, want %s", resp.StatusCode, resp.Header.Get("Location"), want)
			}
		}
		// Another's notification cannot be marked read.
		var other notify.Notification
		modelstest.Must(t, s.DB.Where("kind = ?", notify.KindRemind).Order("read_at").First(&other).Error)
		if resp, _ := office.post(fmt.Sprintf("/inbox/%d/read", other.ID), url.Values{"_csrf": {office.token("/inbox")}}); resp.StatusCode != fiber.StatusNotFound {
			t.Fatalf("the office marked a head's notification read: %d", resp.StatusCode)
		}

		_, page := office.get(plan)
		table := page[strings.Index(page, `id="reminder-reads"`):]
		table = table[:strings.Index(table, "</table>")]
		if rows := strings.Count(table, "<tr><td>"); rows != 7 {
			t.Fatalf("the plan's page lists %d reminded readers, want 7", rows)
		}
		if unread := strings.Count(table, "未读"); unread != 4 {
			t.Fatalf("the plan's page shows %d unread, want 4", unread)
		}
		if !strings.Contains(html.UnescapeString(table), "请于今日下班前签收") {
			t.Fatal("the plan's page does not show the note")
		}
	})
}

// matrixInboxes gives every role's account of the matrix a notification to
// open.
func matrixInboxes(t *testing.T, s *models.Store) {
	t.Helper()
	var users []models.User
	modelstest.Must(t, s.DB.Find(&users).Error)
	modelstest.Must(t, s.Audited(context.Background(), models.System, func(tx *models.Tx) error {
		for _, u := range users {
			if err := notify.In(tx, notify.Message{Kind: notify.KindNotice, Subject: "notify.notice.sign", Args: []string{"2024"}, Link: "/"}, time.Now(), u.ID); err != nil {
				return err
			}
		}
		return nil
	}))
}

// matrixNotifyPosts are the inbox's forms for the route × role matrix.
var matrixNotifyPosts = map[string]func(f *matrixFixture, r models.Role) matrixTarget{
	"/assessment/:id/remind": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/assessment/" + itoa(f.plan) + "/remind", form: f.values("dept", itoa(f.b.own.ID), "note", "请签收")}
	},
	"/inbox/read": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/inbox/read", form: url.Values{}}
	},
	"/inbox/settings": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/inbox/settings", form: f.values("email", "someone@bureau.example", "mode", notify.ModeDigest)}
	},
	"/inbox/:id/read": func(f *matrixFixture, r models.Role) matrixTarget {
		var n notify.Notification
		f.b.store.DB.Where("user_id = (?)", f.b.store.DB.Model(&models.User{}).Select("id").Where("username = ?", string(r))).First(&n)
		return matrixTarget{path: fmt.Sprintf("/inbox/%d/read", n.ID), form: url.Values{}}
	},
}

// The e-mail settings refuse a bad address or mode beside its field, as
// typed; a good one is kept and shown again.
func TestMailSettingsForm(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	head := b.client(t)
	head.signIn("head", testPassword)
	for _, tc := range []struct{ email, mode, want string }{
		{"not-an-address", notify.ModeDigest, "电子邮箱格式不正确"},
		{"张卫 <zw@bureau.example>", notify.ModeDigest, "电子邮箱格式不正确"},
		{"zw@bureau.example", "never", "请选择提醒方式"},
	} {
		resp, body := head.post("/inbox/settings", url.Values{"_csrf": {head.token("/inbox")}, "email": {tc.email}, "mode": {tc.mode}})
		if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("%q %q: %d, want 422 with %q", tc.email, tc.mode, resp.StatusCode, tc.want)
		}
		if tc.mode == notify.ModeDigest && !strings.Contains(body, `id="err-email"`) {
			t.Errorf("%q: the refusal is not beside the address", tc.email)
		}
	}
	resp, _ := head.post("/inbox/settings", url.Values{"_csrf": {head.token("/inbox")}, "email": {"zw@bureau.example"}, "mode": {notify.ModeDigest}})
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("save settings: %d", resp.StatusCode)
	}
	if _, body := head.get("/inbox"); !strings.Contains(body, `value="zw@bureau.example"`) || !strings.Contains(body, `value="digest" checked`) {
		t.Error("the saved settings are not shown")
	}
}
