package accountability_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

// owedOf is the case id among a department's owed cases, or nil.
func owedOf(os []accountability.Owed, id uint) *accountability.Owed {
	for i := range os {
		if os[i].ID == id {
			return &os[i]
		}
	}
	return nil
}

// A sanctioned department sees its case once notified, what is due and by
// when, attaches files to its appeal and reports its rectification done
// with files; the discipline office verifies it (issue 20 item 7).
func TestDepartmentAnswersItsCase(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		depts := demo(t, s)
		cs := accountability.New(s, assessment.New(s))
		dept := depts["SJ05"]
		head := models.Viewer{UserID: 90, Name: "部门负责人", Role: models.RoleHead, DepartmentID: dept}
		stranger := models.Viewer{UserID: 91, Name: "他人", Role: models.RoleHead, DepartmentID: depts["SJ03"]}
		today := scoring.DateOf(now)
		pdf := upload.Upload{Name: "整改报告.pdf", Data: []byte("%PDF-1.7\n%%EOF")}

		f := openWith(t, cs, dept, "丁")
		hearAll(t, cs, f, scoring.NewDate(2026, 1, 5))
		due := scoring.NewDate(2026, 3, 31)
		modelstest.Must(t, cs.Decide(ctx, discipline, f.ID, accountability.DecisionForm{Date: scoring.NewDate(2026, 1, 8), Severity: accountability.Serious, Reasons: "理由",
			Sanctions: []accountability.Imposed{{Name: "通报批评"}, {Name: "限期整改", Due: due}}}, now))
		got, err := cs.OwedBy(ctx, head, dept, today)
		modelstest.Must(t, err)
		if owedOf(got, f.ID) != nil {
			t.Fatal("the head sees the case before its notice is issued")
		}
		modelstest.Must(t, cs.Notify(ctx, discipline, f.ID, scoring.NewDate(2026, 1, 10), now))
		file, err := cs.Get(ctx, discipline, f.ID)
		modelstest.Must(t, err)
		var rectify uint
		for _, r := range file.Imposed {
			if r.Name == "限期整改" {
				rectify = r.ID
			}
		}

		t.Run("the head sees the rectification due and the appeal deadline", func(t *testing.T) {
			got, err := cs.OwedBy(ctx, head, dept, today)
			modelstest.Must(t, err)
			o := owedOf(got, f.ID)
			if o == nil || len(o.Due) != 2 {
				t.Fatalf("owed = %+v, want the case with two due items", o)
			}
			want := map[string]scoring.Date{accountability.DeadlineSanction: due, accountability.DeadlineAppeal: scoring.NewDate(2026, 2, 9)}
			for _, d := range o.Due {
				if want[d.Kind] != d.Due {
					t.Errorf("%s due %s, want %s", d.Kind, d.Due, want[d.Kind])
				}
			}
			if _, err := cs.OwedBy(ctx, stranger, dept, today); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("another department's head reads the case's dues: %v", err)
			}
			after, err := cs.OwedBy(ctx, head, dept, scoring.NewDate(2026, 2, 10))
			modelstest.Must(t, err)
			if o := owedOf(after, f.ID); o == nil || len(o.Due) != 1 || o.Due[0].Kind != accountability.DeadlineSanction {
				t.Errorf("after the window closed: %+v, want the rectification alone", o)
			}
		})

		t.Run("a report is refused unless it is the department's, complete and its files are sound", func(t *testing.T) {
			ok := accountability.ReportForm{Done: today, Text: "已整改", Files: []upload.Upload{pdf}}
			if err := cs.ReportDone(ctx, stranger, f.ID, rectify, ok, now); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("another department reported: %v", err)
			}
			if err := cs.ReportDone(ctx, discipline, f.ID, rectify, ok, now); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("the discipline office reported for the department: %v", err)
			}
			bad := []struct {
				name string
				f    accountability.ReportForm
				want string
			}{
				{"no text", accountability.ReportForm{Done: today}, "整改"},
				{"in the future", accountability.ReportForm{Done: today + 1, Text: "已整改"}, "晚于今天"},
				{"before the decision", accountability.ReportForm{Done: scoring.NewDate(2026, 1, 1), Text: "已整改"}, "早于"},
				{"a program", accountability.ReportForm{Done: today, Text: "已整改", Files: []upload.Upload{{Name: "a.pdf", Data: []byte("MZ\x90\x00")}}}, "a.pdf"},
				{"too many files", accountability.ReportForm{Done: today, Text: "已整改", Files: []upload.Upload{pdf, pdf, pdf, pdf, pdf, pdf}}, "5"},
			}
			for _, tt := range bad {
				if err := cs.ReportDone(ctx, head, f.ID, rectify, tt.f, now); !strings.Contains(message(err), tt.want) {
					t.Errorf("%s: %v, want a refusal with %q", tt.name, err, tt.want)
				}
			}
			file, err := cs.Get(ctx, head, f.ID)
			modelstest.Must(t, err)
			if len(file.Answers) != 0 {
				t.Errorf("a refused report left %d files", len(file.Answers))
			}
		})

		t.Run("the head reports the rectification done and the discipline office verifies it", func(t *testing.T) {
			modelstest.Must(t, cs.ReportDone(ctx, head, f.ID, rectify, accountability.ReportForm{Done: today, Text: "已完成整改", Files: []upload.Upload{pdf}}, now))
			if err := cs.ReportDone(ctx, head, f.ID, rectify, accountability.ReportForm{Done: today, Text: "再报"}, now); !strings.Contains(message(err), "2026年1月15日") {
				t.Errorf("reported twice: %v, want a refusal naming the first report's day", err)
			}
			got, err := cs.OwedBy(ctx, head, dept, today)
			modelstest.Must(t, err)
			if o := owedOf(got, f.ID); o == nil || len(o.Due) != 1 || o.Due[0].Kind != accountability.DeadlineAppeal {
				t.Errorf("after the report: %+v, want the appeal deadline alone", o)
			}
			file, err := cs.Get(ctx, head, f.ID)
			modelstest.Must(t, err)
			files := file.AnswersTo(0, rectify)
			if len(files) != 1 {
				t.Fatalf("files of the report = %d, want 1", len(files))
			}
			a, err := cs.AttachmentFile(ctx, head, f.ID, files[0].ID)
			modelstest.Must(t, err)
			if string(a.Data) != string(pdf.Data) {
				t.Error("the head reads back another file")
			}
			if _, err := cs.AttachmentFile(ctx, stranger, f.ID, files[0].ID); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("another department reads the file: %v", err)
			}
			var n int64
			modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity = ? AND action = ?", "accountability_case", "report").Count(&n).Error)
			if n != 1 {
				t.Errorf("%d audit entries of the report, want 1", n)
			}
			modelstest.Must(t, cs.CompleteSanction(ctx, discipline, f.ID, rectify, today))
			file, err = cs.Get(ctx, discipline, f.ID)
			modelstest.Must(t, err)
			for _, r := range file.Imposed {
				if r.ID == rectify && (r.Completed == nil || r.Reported == nil || r.ReportText != "已完成整改") {
					t.Errorf("verified sanction = %+v", r)
				}
			}
		})

		t.Run("the head's appeal carries its files", func(t *testing.T) {
			modelstest.Must(t, cs.FileAppeal(ctx, head, f.ID, accountability.AppealForm{Kind: "复核", Appellant: "部门", Grounds: "不服", Files: []upload.Upload{pdf}}, now.Add(time.Hour)))
			file, err := cs.Get(ctx, head, f.ID)
			modelstest.Must(t, err)
			if len(file.Appeals) != 1 || len(file.AnswersTo(file.Appeals[0].ID, 0)) != 1 {
				t.Fatalf("appeal files: %d appeals, %d files", len(file.Appeals), len(file.Answers))
			}
			if file.Attachments != nil || file.Notes != nil {
				t.Error("the head reads the investigation's files")
			}
		})
	})
}
