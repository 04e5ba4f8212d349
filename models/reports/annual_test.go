package reports_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

func TestAnnualDraftFillsPlaceholdersAndLogsEdits(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		y := newYear(t, s)
		ctx := context.Background()
		office := models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}
		now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

		// A received ten requests in 2025: r1-r9 and r11.
		edit := reports.AnnualEdit{Year: 2025, DepartmentID: y.a.ID, Texts: map[string]string{
			"requests": "全年收到申请{{收到申请数}}件，{{ 未定义 }}保留原样。\r\n第二段。",
			"problems": "（请填写工作中存在的主要问题以及改进措施。）", // the draft, unchanged: not stored
		}}
		n, err := reports.SaveAnnual(ctx, s, office, edit, now)
		if err != nil || n != 1 {
			t.Fatalf("save: %d sections, %v; want 1", n, err)
		}
		r, err := reports.Annual(ctx, s, office, reports.AnnualQuery{Year: 2025, DepartmentID: y.a.ID})
		if err != nil {
			t.Fatal(err)
		}
		sec := r.Sections[2]
		if sec.Key != "requests" || !sec.Edited || len(sec.Paragraphs) != 2 || sec.Paragraphs[0] != "全年收到申请10件，{{ 未定义 }}保留原样。" {
			t.Errorf("requests section = %+v", sec)
		}
		if r.Sections[4].Edited {
			t.Error("an unchanged draft was stored as an edit")
		}
		if !strings.Contains(r.Sections[1].Paragraphs[0], "共主动公开政府信息7条") {
			t.Errorf("proactive draft = %q, want A's 7 pieces of 2025", r.Sections[1].Paragraphs[0])
		}
		log, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{Entity: "annual_report_text"})
		if err != nil || len(log) != 1 || !strings.Contains(log[0].After, "收到申请") || log[0].UserName != "办公室" {
			t.Errorf("audit log = %+v, %v", log, err)
		}
		if n, err := reports.SaveAnnual(ctx, s, office, edit, now); err != nil || n != 0 {
			t.Errorf("saving the same text again changed %d sections, %v", n, err)
		}

		head := models.Viewer{Name: "张卫", Role: models.RoleHead, DepartmentID: y.a.ID}
		if _, err := reports.SaveAnnual(ctx, s, head, edit, now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("head editing: %v, want ErrForbidden", err)
		}
		bad := reports.AnnualEdit{Year: 2025, Texts: map[string]string{"nonsense": "x"}}
		var verr *models.ValidationError
		if _, err := reports.SaveAnnual(ctx, s, office, bad, now); !errors.As(err, &verr) {
			t.Errorf("unknown section: %v, want a validation error", err)
		}
	})
}
