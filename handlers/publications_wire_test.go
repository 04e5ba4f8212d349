package handlers_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// The clerk plans the document's website column at registration: one of
// another channel is refused beside the field; the page shows the column
// planned, and once published the column's section, which returns to the
// document's page.
func TestPublicationPlannedColumn(t *testing.T) {
	t.Parallel()
	b := demoBureau(t)
	ctx := context.Background()
	var u models.User
	modelstest.Must(t, b.store.DB.Where("username = ?", "clerk").First(&u).Error)
	own := *u.DepartmentID
	cs := columns.New(b.store)
	web, err := cs.Create(ctx, models.System, columns.Input{Name: "登记栏目", Channel: "网站", DepartmentID: own, Cadence: scoring.CadenceNotice})
	modelstest.Must(t, err)
	wechat, err := cs.Create(ctx, models.System, columns.Input{Name: "微信栏目", Channel: "微信", DepartmentID: own, Cadence: scoring.CadenceDynamic})
	modelstest.Must(t, err)
	clerk := b.client(t)
	clerk.signIn("clerk", seed.DemoPassword)
	today := scoring.DateOf(b.clock.Now()).String()
	form := url.Values{"_csrf": {clerk.token("/publications")}, "title": {"栏目登记文件"}, "index_no": {"SJ09-COL-1"}, "formed": {today},
		"attribute": {"主动公开"}, "signer": {"张卫"}, "channels": {"网站"}, "column": {fmt.Sprint(wechat.ID)}}
	resp, body := clerk.post("/publications", form)
	if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "栏目“微信栏目”属于微信") {
		t.Fatalf("a column of another channel: %d %s", resp.StatusCode, errorOf(body))
	}
	form.Set("column", fmt.Sprint(web.ID))
	resp, _ = clerk.post("/publications", form)
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("register: %d", resp.StatusCode)
	}
	page := resp.Header.Get("Location")
	if _, body := clerk.get(page); !strings.Contains(body, `id="planned-column">网站 · 登记栏目`) {
		t.Error("the page does not show the column planned")
	}
	var w publications.Work
	modelstest.Must(t, b.store.DB.Where("index_no = ?", "SJ09-COL-1").First(&w).Error)
	modelstest.Must(t, publications.New(b.store).ReviewAttribute(ctx, models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}, w.ID, true, "", b.clock.Now()))
	resp, body = clerk.post(page+"/publish", url.Values{"_csrf": {clerk.token(page)}, "day": {today}, "channel": {"网站"}})
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("publish: %d %s", resp.StatusCode, errorOf(body))
	}
	modelstest.Must(t, b.store.DB.First(&w, w.ID).Error)
	_, body = clerk.get(page)
	for _, want := range []string{`id="column"`, fmt.Sprintf(`action="/publications/%d/column"`, w.PublicationID), `name="back" value="/publications/` + fmt.Sprint(w.ID) + `"`, "登记栏目"} {
		if !strings.Contains(body, want) {
			t.Errorf("the published document's page lacks %s", want)
		}
	}
}
