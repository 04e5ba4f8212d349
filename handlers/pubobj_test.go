package handlers_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/seed"
)

func init() {
	matrixPosts["/publications/:id/objections/:oid/answer"] = func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/publications/" + itoa(f.pub.other) + "/objections/" + itoa(f.pub.objection) + "/answer",
			form: f.values("decision", "维持发布", "reason", "经核实不涉及")}
	}
}

// On the demo, another department's head objects to a published document;
// the office finds it on its home, is refused in Chinese beside the form
// without a reason and on a second answer, and answers 维持发布; the
// document's own clerk may not answer.
func TestOfficeAnswersAnObjection(t *testing.T) {
	t.Parallel()
	b := demoBureau(t)
	var w publications.Work
	modelstest.Must(t, b.store.DB.Where("published IS NOT NULL AND withdrawn IS NULL").Order("id").First(&w).Error)
	var other models.Department
	modelstest.Must(t, b.store.DB.Where("id <> ? AND code LIKE ?", w.DepartmentID, "SJ%").Order("code").First(&other).Error)
	page := "/publications/" + itoa(w.ID)

	objector := b.client(t)
	objector.signIn(seed.DemoHeadUsername(other.Code), seed.DemoPassword)
	tok := objector.token("/publications")
	if resp, _ := objector.post(page+"/objection", url.Values{"_csrf": {tok}, "note": {"发布内容涉及本部门在办事项"}}); resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("object: %d", resp.StatusCode)
	}
	var o publications.Event
	modelstest.Must(t, b.store.DB.Where("work_id = ? AND kind = ?", w.ID, publications.EvObjection).Order("id desc").First(&o).Error)
	answer := page + "/objections/" + itoa(o.ID) + "/answer"

	office := b.client(t)
	office.signIn("office", seed.DemoPassword)
	if _, body := office.get("/"); !strings.Contains(body, "提出异议，待答复") || !strings.Contains(body, `href="/publications/`+itoa(w.ID)+`#objection-`+itoa(o.ID)+`"`) {
		t.Error("the office's home does not list the objection to answer")
	}
	_, body := office.get(page)
	if !strings.Contains(body, "异议及答复") || !strings.Contains(body, "发布内容涉及本部门在办事项") || !strings.Contains(body, `action="`+answer+`"`) {
		t.Fatal("the document's page does not show the objection with the office's form")
	}
	tok = office.token(page)
	resp, body := office.post(answer, url.Values{"_csrf": {tok}, "decision": {"维持发布"}, "reason": {" "}})
	if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "请填写") {
		t.Errorf("an answer without a reason: %d", resp.StatusCode)
	}
	clerk := b.client(t)
	clerk.signIn("clerk", seed.DemoPassword)
	if resp, _ := clerk.post(answer, url.Values{"_csrf": {clerk.token("/publications")}, "decision": {"维持发布"}, "reason": {"不涉及"}}); resp.StatusCode != fiber.StatusForbidden {
		t.Errorf("a clerk answers an objection: %d", resp.StatusCode)
	}
	if resp, _ := office.post(answer, url.Values{"_csrf": {tok}, "decision": {"维持发布"}, "reason": {"经核实不涉及在办事项"}}); resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("answer: %d", resp.StatusCode)
	}
	resp, body = office.post(answer, url.Values{"_csrf": {tok}, "decision": {"同意撤回"}, "reason": {"再议"}})
	if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "该异议已答复，不能重复答复") {
		t.Errorf("a second answer: %d", resp.StatusCode)
	}
	_, body = office.get(page)
	if !strings.Contains(body, "维持发布") || !strings.Contains(body, "经核实不涉及在办事项") || strings.Contains(body, `action="`+answer+`"`) {
		t.Error("the answered objection does not show its answer, or still offers the form")
	}
	if _, body := office.get("/"); strings.Contains(body, "#objection-"+itoa(o.ID)) {
		t.Error("the answered objection stays on the office's home")
	}
}
