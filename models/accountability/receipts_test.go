package accountability_test

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// The head of a case's department signs for its notice (签收) once: the
// account, the name and the time are kept and audited, the issuer reads
// who signed, and nobody else signs for the department.
func TestSignCaseNotice(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		depts := demo(t, s)
		cs := accountability.New(s, assessment.New(s))
		dept := depts["SJ05"]
		head := models.Viewer{UserID: 90, Name: "张三", Role: models.RoleHead, DepartmentID: dept}
		colleague := models.Viewer{UserID: 92, Name: "李四", Role: models.RoleHead, DepartmentID: dept}
		stranger := models.Viewer{UserID: 91, Name: "他人", Role: models.RoleHead, DepartmentID: depts["SJ03"]}
		f := decided(t, cs, dept, "丁")
		modelstest.Must(t, cs.Notify(ctx, discipline, f.ID, scoring.NewDate(2026, 1, 10), now))
		file, err := cs.Get(ctx, discipline, f.ID)
		modelstest.Must(t, err)
		notice := file.Documents[0].ID

		unsigned, err := cs.Signings(ctx, discipline, f.ID, notice)
		modelstest.Must(t, err)
		if len(unsigned) != 1 || unsigned[0].DepartmentID != dept || unsigned[0].Department == "" || unsigned[0].Receipt != nil {
			t.Fatalf("before signing the issuer reads %+v, want the department unsigned", unsigned)
		}

		for _, c := range []struct {
			name string
			v    models.Viewer
			doc  uint
			want error
		}{
			{"the discipline office does not sign for a department", discipline, notice, models.ErrForbidden},
			{"another department's head does not see the case", stranger, notice, models.ErrNotFound},
			{"a document of another case is not found", head, notice + 1000, models.ErrNotFound},
		} {
			if err := cs.SignDocument(ctx, c.v, f.ID, c.doc, now); !errors.Is(err, c.want) {
				t.Errorf("%s: %v, want %v", c.name, err, c.want)
			}
		}

		modelstest.Must(t, cs.SignDocument(ctx, head, f.ID, notice, now))
		for _, v := range []models.Viewer{head, colleague} { // a double submit, a second head
			err := cs.SignDocument(ctx, v, f.ID, notice, now.Add(3600e9))
			var verr *models.ValidationError
			if !errors.As(err, &verr) || !strings.Contains(verr.Message, "不能重复签收") || !strings.Contains(verr.Message, "张三") {
				t.Errorf("%s signing again: %v, want a refusal in Chinese naming the first signer", v.Name, err)
			}
		}

		got, err := cs.Signings(ctx, discipline, f.ID, notice)
		modelstest.Must(t, err)
		r := got[0].Receipt
		if r == nil || r.UserID != head.UserID || r.Name != "张三" || !r.SignedAt.Equal(now) {
			t.Fatalf("receipt = %+v, want 张三's at %s", r, now)
		}
		if want := "2026年1月15日 " + now.Local().Format("15:04"); r.Stamp() != want {
			t.Errorf("stamp %q, want %q", r.Stamp(), want)
		}
		var audited int64
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity = ? AND action = ? AND entity_id = ?", "document", "sign", strconv.Itoa(int(notice))).Count(&audited).Error)
		if audited != 1 {
			t.Errorf("%d audit entries of the receipt, want 1", audited)
		}
		rs, err := documents.Receipts(ctx, s.DB, notice)
		modelstest.Must(t, err)
		if len(rs) != 1 {
			t.Errorf("%d receipts stored, want 1", len(rs))
		}
	})
}

// Two heads of the department signing at the same moment: one receipt,
// the other refused in Chinese, neither a failure.
func TestSignCaseNoticeAtOnce(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		depts := demo(t, s)
		cs := accountability.New(s, assessment.New(s))
		dept := depts["SJ05"]
		f := decided(t, cs, dept, "丁")
		modelstest.Must(t, cs.Notify(ctx, discipline, f.ID, scoring.NewDate(2026, 1, 10), now))
		file, err := cs.Get(ctx, discipline, f.ID)
		modelstest.Must(t, err)
		notice := file.Documents[0].ID
		heads := []models.Viewer{{UserID: 90, Name: "张三", Role: models.RoleHead, DepartmentID: dept}, {UserID: 92, Name: "李四", Role: models.RoleHead, DepartmentID: dept}}
		errs := make([]error, len(heads))
		var wg sync.WaitGroup
		for i, h := range heads {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = cs.SignDocument(ctx, h, f.ID, notice, now) }()
		}
		wg.Wait()
		signed, refused := 0, 0
		for _, err := range errs {
			var verr *models.ValidationError
			switch {
			case err == nil:
				signed++
			case errors.As(err, &verr):
				refused++
			default:
				t.Errorf("signing at once: %v", err)
			}
		}
		rs, err := documents.Receipts(ctx, s.DB, notice)
		modelstest.Must(t, err)
		if signed != 1 || refused != 1 || len(rs) != 1 {
			t.Errorf("%d signed, %d refused, %d receipts; want one of each", signed, refused, len(rs))
		}
	})
}
