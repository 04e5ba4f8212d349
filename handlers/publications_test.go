package handlers_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// pubFixture is what the route × role matrix works publications on: a
// document of the own department, and one of the other department that
// consults the own one, published, with the own department's objection.
type pubFixture struct{ own, other, consultation, objection uint }

func newPubFixture(t *testing.T, b *bureau) pubFixture {
	t.Helper()
	ctx := context.Background()
	ps := publications.New(b.store)
	now := b.clock.Now()
	formed := scoring.DateOf(now) - 3
	reg := func(v models.Viewer, no string) *publications.Work {
		w, err := ps.Register(ctx, v, publications.Registration{Title: "矩阵文件" + no, IndexNo: no, Formed: formed, Attribute: "主动公开", Signer: "签发人"}, now)
		modelstest.Must(t, err)
		return w
	}
	own := reg(models.Viewer{UserID: 900, Name: "治安", Role: models.RoleClerk, DepartmentID: b.own.ID}, "MX-OWN")
	otherClerk := models.Viewer{UserID: 901, Name: "刑警", Role: models.RoleClerk, DepartmentID: b.other.ID}
	other := reg(otherClerk, "MX-OTHER")
	c, err := ps.Consult(ctx, otherClerk, other.ID, publications.Letter{Asked: b.own.ID, Text: "征求意见", Contact: "曾强"}, now)
	modelstest.Must(t, err)
	modelstest.Must(t, ps.ReviewAttribute(ctx, models.Viewer{UserID: 902, Name: "办公室", Role: models.RoleOffice}, other.ID, true, "", now))
	_, err = ps.Publish(ctx, otherClerk, other.ID, publications.Release{Day: formed, Channel: "网站"}, now)
	modelstest.Must(t, err)
	modelstest.Must(t, ps.Object(ctx, models.Viewer{UserID: 900, Name: "治安", Role: models.RoleClerk, DepartmentID: b.own.ID}, other.ID, "涉及本部门职责", now))
	var o publications.Event
	modelstest.Must(t, b.store.DB.Where("work_id = ? AND kind = ?", other.ID, publications.EvObjection).First(&o).Error)
	return pubFixture{own: own.ID, other: other.ID, consultation: c.ID, objection: o.ID}
}

// publicationMatrixPosts are the matrix's forms for the publication routes.
var publicationMatrixPosts = map[string]func(f *matrixFixture, r models.Role) matrixTarget{
	"/publications": func(f *matrixFixture, r models.Role) matrixTarget {
		return matrixTarget{path: "/publications", form: f.values("title", "矩阵登记", "index_no", "MX-"+string(r), "seq", "23", "formed", "2026-02-27",
			"attribute", "主动公开", "signer", "张卫", "channels", "网站")}
	},
	"/publications/secrecy-office": func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/publications/secrecy-office", form: f.values("department", f.b.other.Code)}
	},
}

func init() {
	own := func(suffix string, kv ...string) func(f *matrixFixture, _ models.Role) matrixTarget {
		return func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: "/publications/" + itoa(f.pub.own) + suffix, form: f.values(kv...)}
		}
	}
	day := []string{"day", "2026-03-02", "channel", "网站", "reason", "链接调整"}
	step := []string{"opinion", "公开", "basis", "不涉密"}
	for path, target := range map[string]func(f *matrixFixture, _ models.Role) matrixTarget{
		"/publications/:id/attribute":    own("/attribute", "decision", "agree"),
		"/publications/:id/redetermine":  own("/redetermine", "keep", "keep", "note", "属于主动公开"),
		"/publications/:id/signer":       own("/signer", "attribute", "主动公开", "note", "签发人同意"),
		"/publications/:id/defer":        own("/defer", "until", "2026-04-01", "note", "密级待定"),
		"/publications/:id/defer/settle": own("/defer/settle", "note", "已确定"),
		"/publications/:id/review/1":     own("/review/1", step...),
		"/publications/:id/review/2":     own("/review/2", step...),
		"/publications/:id/review/3":     own("/review/3", step...),
		"/publications/:id/review/4":     own("/review/4", step...),
		"/publications/:id/review/5":     own("/review/5", step...),
		"/publications/:id/publish":      own("/publish", day...),
		"/publications/:id/change":       own("/change", day...),
		"/publications/:id/withdraw":     own("/withdraw", day...),
		"/publications/:id/objection":    own("/objection", "note", "异议"),
		"/publications/:id/consult": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: "/publications/" + itoa(f.pub.own) + "/consult", form: f.values("asked", itoa(f.b.other.ID), "letter", "征求意见", "contact", "何军")}
		},
		"/publications/:id/consultations/:cid/answer": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: "/publications/" + itoa(f.pub.other) + "/consultations/" + itoa(f.pub.consultation) + "/answer", form: f.values("opinion", "同意")}
		},
		"/publications/:id/consultations/:cid/settle": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: "/publications/" + itoa(f.pub.other) + "/consultations/" + itoa(f.pub.consultation) + "/settle", form: f.values("decision", "同意发布", "note", "同意发布")}
		},
	} {
		publicationMatrixPosts[path] = target
	}
	for path, target := range publicationMatrixPosts {
		matrixPosts[path] = target
	}
}

// On the demo: a clerk registers a document (a missing title is refused
// beside its field, in Chinese), the office agrees with its attribute and a
// second agreement is refused in Chinese, not a 500; a role the table
// refuses gets 403; another department's head does not see it.
func TestPublicationWorkByRole(t *testing.T) {
	t.Parallel()
	b := demoBureau(t)
	clerk := b.client(t)
	clerk.signIn("clerk", seed.DemoPassword)
	tok := clerk.token("/publications")
	form := url.Values{"_csrf": {tok}, "title": {""}, "index_no": {"SJ09-TEST-1"}, "formed": {scoring.DateOf(b.clock.Now()).String()},
		"attribute": {"主动公开"}, "signer": {"张卫"}, "channels": {"网站"}}
	resp, body := clerk.post("/publications", form)
	if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "请按提示修改") {
		t.Fatalf("register without a title: %d", resp.StatusCode)
	}
	form.Set("title", "测试登记文件")
	resp, _ = clerk.post("/publications", form)
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("register: %d", resp.StatusCode)
	}
	page := resp.Header.Get("Location")
	_, body = clerk.get(page)
	if !strings.Contains(body, "待办公室审核公开属性") {
		t.Error("a registered document does not wait for the office")
	}

	office := b.client(t)
	office.signIn("office", seed.DemoPassword)
	tok = office.token(page)
	if resp, _ := office.post(page+"/attribute", url.Values{"_csrf": {tok}, "decision": {"agree"}}); resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("office agrees: %d", resp.StatusCode)
	}
	resp, body = office.post(page+"/attribute", url.Values{"_csrf": {tok}, "decision": {"agree"}})
	if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "公开属性已审核，不能重复审核") {
		t.Errorf("a second agreement: %d", resp.StatusCode)
	}

	auditor := b.client(t)
	auditor.signIn("auditor", seed.DemoPassword)
	if resp, _ := auditor.post(page+"/publish", url.Values{"_csrf": {auditor.token("/")}, "day": {"2026-12-01"}, "channel": {"网站"}}); resp.StatusCode != fiber.StatusForbidden {
		t.Errorf("an auditor publishes: %d", resp.StatusCode)
	}
	head2 := b.client(t)
	head2.signIn("head2", seed.DemoPassword)
	if resp, _ := head2.get(page); resp.StatusCode != fiber.StatusNotFound {
		t.Errorf("another department's head reads it: %d", resp.StatusCode)
	}
}

// The demo's document answered 不同意 after the 5 working days shows the
// answer as it was, marked late, never 视为同意; its consulted department's
// head has the open consultation among its to-dos.
func TestLateDisagreementShownAsLate(t *testing.T) {
	t.Parallel()
	b := demoBureau(t)
	var w publications.Work
	modelstest.Must(t, b.store.DB.Where("title = ?", "关于调整户籍窗口办公时间的通告").First(&w).Error)
	c := b.client(t)
	c.signIn("office", seed.DemoPassword)
	_, body := c.get("/publications/" + itoa(w.ID))
	if !strings.Contains(body, "不同意（逾期答复）") {
		t.Errorf("the late 不同意 is not shown as such")
	}
	if strings.Contains(body, "视为同意") {
		t.Errorf("a late 不同意 shows 视为同意")
	}
	asked := b.client(t)
	asked.signIn(seed.DemoHeadUsername("SJ16"), seed.DemoPassword)
	_, body = asked.get("/")
	if !strings.Contains(body, "关于开展夏季治安巡防的通知") {
		t.Errorf("the consulted head's home does not list the consultation it owes")
	}
}
