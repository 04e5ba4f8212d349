package handlers_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The office sees a publication that went out against its secrecy review,
// in Chinese or English; a head sees only their own; a decision needs the
// office's role and a CSRF token; dismissing needs a reason; confirming
// records the incident.
func TestFlagPageAndDecision(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		day := func(s string) *time.Time { d, _ := time.Parse(time.DateOnly, s); return &d }
		own := models.Publication{DepartmentID: b.own.ID, IndexNo: "own-9", Seq: 23, Title: "涉密案件通报", Channel: "网站", Published: *day("2024-05-10")}
		other := models.Publication{DepartmentID: b.other.ID, IndexNo: "other-9", Seq: 23, Title: "刑警涉密稿", Channel: "网站", Published: *day("2024-05-10"), Review: "需报审", ReviewDate: day("2024-05-01")}
		modelstest.Must(t, s.DB.Create(&own).Error)
		modelstest.Must(t, s.DB.Create(&other).Error)
		modelstest.Must(t, s.DB.Create(&clocks.SecrecyReview{DepartmentID: b.own.ID, ReviewNo: "BM-9", IndexNo: "own-9", Title: "涉密案件通报",
			Requested: *day("2024-05-02"), UnitBy: "何军", UnitDate: day("2024-05-02"), Opinion: "免于公开", Basis: "涉及警务工作秘密", Decided: day("2024-05-08")}).Error)

		office := b.client(t)
		office.signIn("office", testPassword)
		resp, page := office.get("/flags")
		if resp.StatusCode != 200 || !strings.Contains(page, "涉密案件通报") || !strings.Contains(page, "刑警涉密稿") || !strings.Contains(page, "免于公开") {
			t.Fatalf("office's flags: %d\n%s", resp.StatusCode, page)
		}
		for _, raw := range []string{"confirmed</", "dismissed</", "opinion.", "flag."} {
			if strings.Contains(page, raw) {
				t.Errorf("Chinese page shows machine text %q", raw)
			}
		}
		if _, overview := office.get("/overview?year=2024"); !strings.Contains(overview, "2 项公开记录可能违反保密审查意见公开") {
			t.Error("the overview does not announce the open flags")
		}

		head := b.client(t)
		head.signIn("head", testPassword)
		if _, page := head.get("/flags"); !strings.Contains(page, "涉密案件通报") || strings.Contains(page, "刑警涉密稿") {
			t.Error("a head must see their own department's flag and no other")
		}
		tok := head.token("/flags")
		if resp, _ := head.post("/flags/"+itoa(own.ID), url.Values{"_csrf": {tok}, "decision": {"confirmed"}}); resp.StatusCode != 403 {
			t.Errorf("a head decided a flag: %d", resp.StatusCode)
		}

		if resp, _ := office.post("/flags/"+itoa(own.ID), url.Values{"decision": {"confirmed"}}); resp.StatusCode != 403 {
			t.Errorf("decision without a CSRF token: %d", resp.StatusCode)
		}
		tok = office.token("/flags")
		if resp, page := office.post("/flags/"+itoa(own.ID), url.Values{"_csrf": {tok}, "decision": {"dismissed"}}); resp.StatusCode != 422 || !strings.Contains(page, "排除提示须说明理由") {
			t.Errorf("dismissed without a reason: %d", resp.StatusCode)
		}
		if resp, _ := office.post("/flags/"+itoa(own.ID), url.Values{"_csrf": {tok}, "decision": {"confirmed"}, "note": {"已核实"}}); resp.StatusCode != 303 {
			t.Fatalf("confirm: %d", resp.StatusCode)
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&models.Incident{}).Where("department_id = ? AND kind = ?", b.own.ID, "不应公开而公开").Count(&n).Error)
		if n != 1 {
			t.Errorf("%d incidents after confirming, want 1", n)
		}

		// The publication's page shows the review's five steps and the decision.
		_, rec := office.get("/records/publication/" + itoa(own.ID))
		for _, want := range []string{"（一）信息产生部门提出初步意见", "何军", "涉及警务工作秘密", "已确认为事件"} {
			if !strings.Contains(rec, want) {
				t.Errorf("record page lacks %s", want)
			}
		}
		office.get("/lang?to=en&back=/flags")
		if _, page := office.get("/flags"); !strings.Contains(page, "Possibly published against review") || !strings.Contains(page, "Confirmed as incident") || !strings.Contains(page, "refer upwards") {
			t.Error("flags page not in English after the switch")
		}
	})
}
