package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/modelstest"
)

const (
	applicantID     = "320102199001011234"
	applicantMasked = "3201**********1234"
)

// ledgerBureau adds to the bureau a head and a clerk of the other
// department, and a request of the own department worked in the app with
// its applicant's identity; it returns the request.
func ledgerBureau(t *testing.T, b *bureau) models.Request {
	t.Helper()
	for _, u := range []accounts.NewUser{
		{Username: "otherhead", Name: "彭军", Role: models.RoleHead, DepartmentID: b.other.ID},
		{Username: "otherclerk", Name: "曾强", Role: models.RoleClerk, DepartmentID: b.other.ID},
	} {
		u.Password = testPassword
		_, err := accounts.New(b.store).CreateUser(context.Background(), models.System, u)
		modelstest.Must(t, err)
	}
	answered := time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)
	r := models.Request{DepartmentID: b.own.ID, RequestNo: "YSQ2026-007", Received: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), Channel: "当面",
		Answered: &answered, Answer: "同意公开", Applicant: "自然人", Result: "予以公开", Origin: models.RequestOriginApp,
		ApplicantName: "张三丰", ApplicantIDNo: applicantID, ApplicantContact: "13812345678", Content: "2025年治安案件统计"}
	modelstest.Must(t, b.store.DB.Create(&r).Error)
	return r
}

// xlsxText is every cell of a workbook's first sheet, one line a row.
func xlsxText(t *testing.T, body string) string {
	t.Helper()
	f := openXLSX(t, body)
	rows, err := f.GetRows(f.GetSheetName(0))
	modelstest.Must(t, err)
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}

// An applicant's ID number is read whole only by the office and the
// handling department's head and clerk, over every page and export that
// shows requests: the ledger and its export, the record page, the annual
// report's request page and /public. Everyone else sees it masked where the
// request is shown to them, and another department not at all.
func TestApplicantIdentityOverEveryPageAndExport(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		r := ledgerBureau(t, b)
		pages := []string{"/requests", "/requests.xlsx", fmt.Sprintf("/records/request/%d", r.ID), "/reports/annual/requests?year=2026",
			"/public", "/complaints", "/complaints.xlsx", "/api/v1/departments"}
		for _, c := range []struct {
			user       string
			whole      bool // reads the ID number unmasked
			seesMasked bool // reads the request, masked
		}{
			{"office", true, false}, {"head", true, false}, {"clerk", true, false},
			{"otherhead", false, false}, {"otherclerk", false, false},
			{"leader", false, true}, {"discipline", false, true}, {"auditor", false, true},
		} {
			cl := b.client(t)
			if resp := cl.signIn(c.user, testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s: sign-in %d", c.user, resp.StatusCode)
			}
			var whole, masked []string
			for _, p := range pages {
				resp, body := cl.get(p)
				if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s %s: %d", c.user, p, resp.StatusCode)
				}
				if strings.HasSuffix(strings.SplitN(p, "?", 2)[0], ".xlsx") && resp.StatusCode == http.StatusOK {
					body = xlsxText(t, body)
				}
				if strings.Contains(body, applicantID) {
					whole = append(whole, p)
				}
				if strings.Contains(body, applicantMasked) {
					masked = append(masked, p)
				}
			}
			switch {
			case c.whole && (len(whole) != 2 || len(masked) != 0):
				// The ledger shows no identity; its export and the record page do.
				t.Errorf("%s reads the ID number whole on %v and masked on %v; want whole on the export and the record page", c.user, whole, masked)
			case !c.whole && len(whole) != 0:
				t.Errorf("%s reads the ID number whole on %v", c.user, whole)
			case c.seesMasked && len(masked) != 2:
				t.Errorf("%s reads it masked on %v; want the export and the record page", c.user, masked)
			case !c.whole && !c.seesMasked && len(masked) != 0:
				t.Errorf("%s reads another department's request on %v", c.user, masked)
			}
		}
		// Reading it whole is audit-logged: the record page and the export.
		var reads, exports int64
		modelstest.Must(t, s.DB.Table("audit_entries").Where("action = ?", "read_applicant").Count(&reads).Error)
		modelstest.Must(t, s.DB.Table("audit_entries").Where("action = ?", "export_applicants").Count(&exports).Error)
		if reads != 3 || exports != 3 {
			t.Errorf("audit: %d unmasked reads, %d unmasked exports; want 3 each", reads, exports)
		}
	})
}

// The ledgers' exports load again through the import unchanged: 0 rows
// inserted or updated, the request worked in the app included.
func TestRequestLedgerExportReimportsUnchanged(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		ledgerBureau(t, b)
		office := models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}
		im := ingest.New(s)
		file := "部门,申请编号,收到日期,申请方式,是否延期,征求第三方意见开始,征求第三方意见结束,补正开始,补正结束,答复日期,答复类型,收费,转交日期,收费依据,是否减免,申请人类型,办理结果,复议申请日期,复议结果,复议结果日期,起诉日期,诉讼结果,诉讼结果日期\n" +
			"SJ09,YSQ2026-001,2026-01-05,网络,是,2026-01-08,2026-01-15,2026-01-06,2026-01-07,2026-02-20,部分公开,12.5,2026-01-06,复制费,否,商业企业,部分公开,2026-03-01,纠正,2026-04-01,,,\n" +
			"SJ16,YSQ2026-002,2026-01-12,信函,否,,,,,2026-01-30,不同意公开（属于国家秘密）,0,,,是,自然人,不予公开：属于国家秘密,,,,2026-02-10,尚未审结,\n" +
			"SJ16,YSQ2026-003,2026-02-02,当面,否,,,,,,,0,,,否,,,,,,,,\n"
		if _, err := im.File(context.Background(), ingest.Requests, "ledger.csv", strings.NewReader(file), ingest.Options{Viewer: office}); err != nil {
			t.Fatal(err)
		}
		cl := b.client(t)
		cl.signIn("office", testPassword)
		resp, body := cl.get("/requests.xlsx?year=2026")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("export: %d", resp.StatusCode)
		}
		if rows := strings.Count(xlsxText(t, body), "\n"); rows != 5 {
			t.Fatalf("export has %d lines, want a header and 4 requests:\n%s", rows, xlsxText(t, body))
		}
		rep, err := im.File(context.Background(), ingest.Requests, "台账.xlsx", bytes.NewReader([]byte(body)), ingest.Options{Viewer: office})
		if err != nil {
			t.Fatalf("re-import: %v %+v", err, rep)
		}
		if rep.Inserted != 0 || rep.Updated != 0 || rep.Unchanged != 4 {
			t.Errorf("re-import of the export: %d inserted, %d updated, %d unchanged; want 0, 0, 4", rep.Inserted, rep.Updated, rep.Unchanged)
		}

		comps := "部门,编号,渠道,受理日期,回复日期,办结日期\nSJ09,TS-1,12389,2026-01-10,2026-01-11,2026-01-20\nSJ16,TS-2,网上问政,2026-02-10,,\n"
		if _, err := im.File(context.Background(), ingest.Complaints, "c.csv", strings.NewReader(comps), ingest.Options{Viewer: office}); err != nil {
			t.Fatal(err)
		}
		_, body = cl.get("/complaints.xlsx?year=2026")
		rep, err = im.File(context.Background(), ingest.Complaints, "投诉.xlsx", bytes.NewReader([]byte(body)), ingest.Options{Viewer: office})
		if err != nil || rep.Inserted != 0 || rep.Updated != 0 || rep.Unchanged != 2 {
			t.Errorf("re-import of the complaint export: %v %+v", err, rep)
		}
	})
}

// The fee warnings the import gives (a fee on an answer that provides
// nothing, a fee without its basis) show on the request's page and in the
// office's ledger.
func TestFeeWarningsOnTheRequestPageAndTheLedger(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		answered := time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)
		r := models.Request{DepartmentID: b.own.ID, RequestNo: "YSQ2026-009", Received: time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC), Channel: "信函",
			Answered: &answered, Answer: "信息不存在", Fee: 10}
		modelstest.Must(t, s.DB.Create(&r).Error)
		cl := b.client(t)
		cl.signIn("office", testPassword)
		for _, p := range []string{fmt.Sprintf("/records/request/%d", r.ID), "/requests"} {
			_, body := cl.get(p)
			if !strings.Contains(body, "答复未提供信息（信息不存在），不应收费") || !strings.Contains(body, "收取了费用，但未填写收费依据") {
				t.Errorf("%s does not show the fee warnings", p)
			}
		}
	})
}
