package documents_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

var (
	ctx    = context.Background()
	office = models.Viewer{UserID: 1, Name: "吴良亮", Role: models.RoleOffice}
)

// TestSeriesConcurrent takes numbers of one series from many transactions at
// once: each gets its own, and together they run 1, 2, 3, … with no gap.
func TestSeriesConcurrent(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		const n = 12
		var mu sync.Mutex
		var got []int
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- s.Audited(ctx, office, func(tx *models.Tx) error {
					seq, err := documents.Next(tx, "测试通", 2026)
					mu.Lock()
					got = append(got, seq)
					mu.Unlock()
					return err
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("numbering at once: %v", err)
			}
		}
		slices.Sort(got)
		for i, seq := range got {
			if seq != i+1 {
				t.Fatalf("numbers taken at once: %v, want 1 to %d once each", got, n)
			}
		}
		modelstest.Must(t, s.Audited(ctx, office, func(tx *models.Tx) error {
			seq, err := documents.Next(tx, "测试通", 2027)
			if seq != 1 {
				t.Errorf("a new year starts at %d, want 1", seq)
			}
			return err
		}))
	})
}

func notice(on scoring.Date) documents.Content {
	return documents.Content{Issuer: "宿迁市公安局纪律检查委员会", Title: "关于政府信息公开责任追究的处理通知", To: "治安支队",
		Body:   []documents.Block{documents.Paragraph("经调查，治安支队存在逾期未答复的情形。"), documents.Table([]string{"处理对象", "处理方式"}, [][]string{{"治安支队", "通报批评"}})},
		Signer: "宿迁市公安局纪委", Date: on, CopyTo: "市公安局政府信息公开工作领导小组办公室", PrintedBy: "宿迁市公安局纪委办公室"}
}

func issue(t *testing.T, s *models.Store, in documents.Issue) *documents.Document {
	t.Helper()
	var d *documents.Document
	modelstest.Must(t, s.Audited(ctx, office, func(tx *models.Tx) error {
		var err error
		d, err = documents.IssueIn(tx, in)
		return err
	}))
	return d
}

// TestIssueAndVerify issues a document, reads it back as issued in both
// forms, and finds an edit made behind the application's back.
func TestIssueAndVerify(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		on := scoring.NewDate(2026, 12, 6)
		d := issue(t, s, documents.Issue{Kind: "case_notice", Series: "纪公开通", Year: 2026, Subject: "accountability_case", SubjectID: 7, Content: notice(on)})
		if d.Number != "纪公开通〔2026〕1号" {
			t.Errorf("number %q", d.Number)
		}
		got, err := documents.Get(ctx, s.DB, d.ID)
		modelstest.Must(t, err)
		for _, want := range []string{"纪公开通〔2026〕1号", "2026年12月6日", "治安支队：", "抄送：市公安局政府信息公开工作领导小组办公室。", "2026年12月6日印发", `class="gw-issuer"`} {
			if !strings.Contains(got.HTML, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if strings.Contains(got.HTML, "2026-12-06") {
			t.Error("page writes an ISO date")
		}
		xml := documentXML(t, got.DOCX)
		for _, want := range []string{"纪公开通〔2026〕1号", "2026年12月6日", "方正小标宋_GBK", "仿宋_GB2312", `w:color w:val="FF0000"`, `w:top="2098"`, `w:left="1587"`, `w:linePitch="580"`} {
			if !strings.Contains(xml, want) {
				t.Errorf("DOCX lacks %q", want)
			}
		}
		listed, err := documents.Of(ctx, s.DB, "accountability_case", 7)
		modelstest.Must(t, err)
		if len(listed) != 1 || listed[0].Number != d.Number {
			t.Errorf("documents of the case: %+v", listed)
		}

		second := issue(t, s, documents.Issue{Kind: "review_decision", Series: "纪公开复", Year: 2026, Subject: "accountability_case", SubjectID: 7,
			RefID: d.ID, Relation: documents.Replaces, Content: notice(on + 3)})
		if second.Number != "纪公开复〔2026〕1号" || second.RefID != d.ID {
			t.Errorf("second document %q refers to %d", second.Number, second.RefID)
		}

		p, n, err := documents.Verify(ctx, s.DB)
		modelstest.Must(t, err)
		if p != nil || n != 2 {
			t.Fatalf("untouched documents: %+v after %d", p, n)
		}
		modelstest.Must(t, s.DB.Exec("UPDATE documents SET html = REPLACE(html, '通报批评', '无') WHERE id = ?", d.ID).Error)
		p, _, err = documents.Verify(ctx, s.DB)
		modelstest.Must(t, err)
		if p == nil || p.Key != "document.problem.edited" || p.ID != d.ID {
			t.Fatalf("edited page not found: %+v", p)
		}
		// Rewriting the stored hash too does not help: the audit log keeps
		// the one recorded at issue.
		edited, err := documents.Get(ctx, s.DB, d.ID)
		modelstest.Must(t, err)
		modelstest.Must(t, s.DB.Exec("UPDATE documents SET sha256 = ? WHERE id = ?", edited.Hash(), d.ID).Error)
		if p, _, _ = documents.Verify(ctx, s.DB); p == nil || p.ID != d.ID {
			t.Fatalf("edited page with its hash rewritten not found: %+v", p)
		}
	})
}

// documentXML is word/document.xml of a DOCX.
func documentXML(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	modelstest.Must(t, err)
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, err := f.Open()
			modelstest.Must(t, err)
			x, err := io.ReadAll(r)
			modelstest.Must(t, err)
			return string(x)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// TestDraftSays: a 发文稿 says 草稿 on its page and in its DOCX, an issued
// document does not.
func TestDraftSays(t *testing.T) {
	c := notice(scoring.NewDate(2026, 12, 6))
	c.Draft = true
	page, b, err := documents.Render(c)
	modelstest.Must(t, err)
	if !strings.Contains(page, "草稿") || !strings.Contains(documentXML(t, b), "草稿") {
		t.Error("a draft does not say 草稿")
	}
	c.Draft = false
	page, b, err = documents.Render(c)
	modelstest.Must(t, err)
	if strings.Contains(page, "草稿") || strings.Contains(documentXML(t, b), "草稿") {
		t.Error("an issued document says 草稿")
	}
}
