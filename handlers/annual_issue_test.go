package handlers_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The office marks a department's annual report final; a request of the
// year imported afterwards leaves the page's table 三 as issued, the page
// says 定稿后新增 1 件 and offers the 更正 version, and the DOCX stays the
// one issued (issue 20 item 5). A draft's page and DOCX say 草稿.
func TestFinalAnnualReportPageHolds(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		answered := time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC)
		modelstest.Must(t, s.DB.Create(&models.Request{DepartmentID: b.own.ID, RequestNo: "Q2-1", Received: time.Date(2025, 4, 7, 0, 0, 0, 0, time.UTC),
			Channel: "网络", Answered: &answered, Answer: "同意公开", Applicant: "自然人"}).Error)
		c := b.signedIn(t, "office")
		page := "/reports/annual?year=2025&department=" + itoa(b.own.ID)
		docx := "/reports/annual.docx?year=2025&department=" + itoa(b.own.ID)
		if _, body := c.get(page); !strings.Contains(body, "草稿 — 未定稿") {
			t.Error("the draft's page does not say 草稿")
		}
		_, draft := c.get(docx)
		c.step(page, "/reports/annual/final", url.Values{"year": {"2025"}, "department": {itoa(b.own.ID)}, "final": {"1"}})
		_, final := c.get(docx)
		if final == draft || !strings.HasPrefix(final, "PK") {
			t.Error("the final DOCX is the draft's")
		}
		late := time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC)
		modelstest.Must(t, s.DB.Create(&models.Request{DepartmentID: b.own.ID, RequestNo: "Q4-9", Received: time.Date(2025, 12, 20, 0, 0, 0, 0, time.UTC),
			Channel: "网络", Answered: &late, Answer: "同意公开", Applicant: "自然人"}).Error)
		_, body := c.get(page)
		if !strings.Contains(body, "定稿后新增 1 件") || !strings.Contains(body, `id="correct"`) || strings.Contains(body, "草稿 — 未定稿") {
			t.Error("the final page does not count the request that arrived or offers no 更正 version")
		}
		if _, again := c.get(docx); again != final {
			t.Error("the final DOCX changed when a record arrived")
		}
	})
}
