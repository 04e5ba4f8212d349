package reports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

// unzipDocument is the body of a DOCX (word/document.xml).
func unzipDocument(t *testing.T, b []byte) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	modelstest.Must(t, err)
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, err := f.Open()
			modelstest.Must(t, err)
			defer r.Close()
			body, err := io.ReadAll(r)
			modelstest.Must(t, err)
			return body
		}
	}
	t.Fatal("no word/document.xml")
	return nil
}

func message(err error) string {
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return verr.Message
	}
	return ""
}

// A final annual report does not move (issue 20 item 5): a request of the
// year imported after 定稿 leaves table 三 as issued and is counted as
// 定稿后新增; the report is issued again only as a 更正 version naming the
// first, and only when it balances; a draft's DOCX says 草稿, the final
// one is the document issued.
func TestFinalAnnualReportKeepsItsFigures(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		y := newNationalYear(t, s)
		ctx := context.Background()
		q := reports.AnnualQuery{Year: 2025, DepartmentID: y.sc.ID}
		draft, err := reports.Annual(ctx, s, office, q)
		modelstest.Must(t, err)
		var draftDOCX bytes.Buffer
		modelstest.Must(t, draft.WriteDOCX(&draftDOCX))
		if !strings.Contains(string(unzipDocument(t, draftDOCX.Bytes())), "草稿") {
			t.Error("the draft's DOCX does not say 草稿")
		}
		received := draft.National.Requests.Cell(0, 6)
		modelstest.Must(t, reports.MarkFinal(ctx, s, office, q, true, time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC)))

		// One more request of 2025 arrives, answered without its national
		// category: the live table no longer balances.
		late := models.Request{DepartmentID: y.sc.ID, RequestNo: "late-1", Channel: "网络", Received: day("2025-12-20"), Answered: dayPtr("2025-12-25"), Applicant: "自然人", Answer: "告知其他途径"}
		modelstest.Must(t, s.DB.Create(&late).Error)
		r, err := reports.Annual(ctx, s, office, q)
		modelstest.Must(t, err)
		if got := r.National.Requests.Cell(0, 6); got != received || !r.National.Balanced() {
			t.Errorf("the final report's 本年新收 = %d (balanced %v), want %d as issued", got, r.National.Balanced(), received)
		}
		if r.Issued == nil || r.Issued.Arrived != 1 || r.Issued.Document.Kind != reports.KindAnnual || r.Issued.Document.Date().String() != "2026-01-20" {
			t.Fatalf("issued = %+v, want the report issued 2026-01-20 with 1 request arrived since", r.Issued)
		}
		if r.Live == nil || r.Live.Requests.Cell(0, 6) != received+1 || r.Live.Balanced() {
			t.Error("the live figures do not show the request that arrived")
		}
		final, err := reports.IssuedDOCX(ctx, s, r)
		modelstest.Must(t, err)
		if final == nil || bytes.Equal(final, draftDOCX.Bytes()) || strings.Contains(string(unzipDocument(t, final)), "草稿") {
			t.Error("the final DOCX is the draft's or says 草稿")
		}

		// A 更正 version is refused while the records do not balance.
		if err := reports.MarkFinal(ctx, s, office, q, true, time.Date(2026, 1, 25, 9, 0, 0, 0, time.UTC)); !strings.Contains(message(err), "不能定稿") {
			t.Errorf("an unbalanced 更正 version: %v", err)
		}
		modelstest.Must(t, reports.New(s).Categorise(ctx, office, late.ID, "", "其他处理-其他", time.Now()))
		modelstest.Must(t, reports.MarkFinal(ctx, s, office, q, true, time.Date(2026, 1, 26, 9, 0, 0, 0, time.UTC)))
		r, err = reports.Annual(ctx, s, office, q)
		modelstest.Must(t, err)
		if r.Issued == nil || r.Issued.Arrived != 0 || r.Issued.Document.Kind != reports.KindAnnualCorrection || r.National.Requests.Cell(0, 6) != received+1 {
			t.Fatalf("after the 更正: %+v, 本年新收 %d", r.Issued, r.National.Requests.Cell(0, 6))
		}
		first, err := documents.Get(ctx, s.DB, r.Issued.Document.RefID)
		modelstest.Must(t, err)
		if first.Date().String() != "2026-01-20" || !strings.Contains(first.HTML, "宿城分局") {
			t.Errorf("the first version changed: %s", first.Date())
		}
		corr, err := documents.Get(ctx, s.DB, r.Issued.Document.ID)
		modelstest.Must(t, err)
		if !strings.Contains(corr.HTML, "更正版") || !strings.Contains(corr.HTML, first.Number) || !strings.Contains(corr.HTML, "2026年1月20日") {
			t.Error("the 更正 version does not name the first")
		}
	})
}
