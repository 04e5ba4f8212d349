package guard_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports/docx"
	"github.com/gongkai/gongkai/models/upload"
)

// wordFile is a Word file whose paragraphs say paras.
func wordFile(t *testing.T, paras ...string) []byte {
	t.Helper()
	var d docx.Document
	for _, p := range paras {
		d.Paragraph(p)
	}
	var buf bytes.Buffer
	_, err := d.WriteTo(&buf)
	modelstest.Must(t, err)
	return buf.Bytes()
}

// bureau makes two departments, a document of the first as its room hands
// it to guard, and the viewers who act on it.
func bureau(t *testing.T, s *models.Store) (pub guard.Doc, clerk, other, office models.Viewer) {
	t.Helper()
	za := models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
	xj := models.Department{Code: "XJ", Name: "刑警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&za).Error)
	modelstest.Must(t, s.DB.Create(&xj).Error)
	pub = guard.Doc{ID: 41, DepartmentID: za.ID, Title: "关于开展交通安全宣传的通告"}
	return pub, models.Viewer{UserID: 7, Name: "张承办", Role: models.RoleClerk, DepartmentID: za.ID},
		models.Viewer{UserID: 8, Name: "李承办", Role: models.RoleClerk, DepartmentID: xj.ID},
		models.Viewer{UserID: 1, Name: "王主任", Role: models.RoleOffice}
}

// A DOCX holding a valid ID number blocks publishing until the office
// overrides with a reason; a wrong check digit does not block; replacing
// the file clears it; every step is in the audit log.
func TestPersonalDataBlocksPublishing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		pub, clerk, other, office := bureau(t, s)
		g := guard.New(s)
		if err := guard.CheckPublishable(s.DB, pub); err != nil {
			t.Fatalf("nothing attached yet: %v", err)
		}
		// A wrong check digit passes.
		f, err := g.Attach(ctx, clerk, pub, upload.Upload{Name: "通告.docx", Data: wordFile(t, "通告正文", "编号110105194912310021")}, 0, now)
		if err != nil || f.Findings != 0 {
			t.Fatalf("wrong check digit: %+v %v", f, err)
		}
		modelstest.Must(t, guard.CheckPublishable(s.DB, pub))

		// The same file twice (a double submit) is refused in Chinese.
		if _, err := g.Attach(ctx, clerk, pub, upload.Upload{Name: "通告.docx", Data: wordFile(t, "通告正文", "编号110105194912310021")}, 0, now); err == nil || !strings.Contains(err.Error(), "无需重复上传") {
			t.Errorf("the same file twice: %v", err)
		}

		// Another department's clerk may not attach; the Store says so.
		if _, err := g.Attach(ctx, other, pub, upload.Upload{Name: "a.txt", Data: []byte("x")}, 0, now); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another department attached: %v", err)
		}

		// A valid ID number blocks publishing, in Chinese.
		bad, err := g.Attach(ctx, clerk, pub, upload.Upload{Name: "附件.docx", Data: wordFile(t, "当事人张三", "身份证号11010519491231002X")}, 0, now)
		if err != nil || bad.Findings != 1 {
			t.Fatalf("valid ID number: %+v %v", bad, err)
		}
		err = guard.CheckPublishable(s.DB, pub)
		var ve *models.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.Message, "发现1处个人信息") {
			t.Fatalf("published with an ID number: %v", err)
		}
		c, err := g.Copies(ctx, pub)
		modelstest.Must(t, err)
		if c.Blocking != 1 || len(c.Files) != 2 || len(c.Files[1].Hits) != 1 {
			t.Fatalf("copies: %+v", c)
		}
		if h := c.Files[1].Hits[0]; h.Kind != guard.IDNo || h.Unit != guard.InParagraph || h.N != 2 || h.Masked != "1101**********002X" {
			t.Errorf("the finding: %+v", h)
		}

		// Only the office overrides, with a reason; a second override is refused.
		if err := g.Override(ctx, clerk, pub, guard.OverrideForm{Reason: "已核实"}, now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a clerk overrode: %v", err)
		}
		if err := g.Override(ctx, office, pub, guard.OverrideForm{Reason: " "}, now); err == nil {
			t.Error("an override without a reason")
		}
		modelstest.Must(t, g.Override(ctx, office, pub, guard.OverrideForm{Reason: "该号码为公开的单位统一社会信用代码，经核实不是个人信息"}, now))
		modelstest.Must(t, guard.CheckPublishable(s.DB, pub))
		if err := g.Override(ctx, office, pub, guard.OverrideForm{Reason: "再次放行"}, now); !errors.As(err, &ve) || !strings.Contains(ve.Message, "无需放行") {
			t.Errorf("a second override: %v", err)
		}

		// A new file with a finding blocks again; replacing it clears it.
		worse, err := g.Attach(ctx, clerk, pub, upload.Upload{Name: "名单.txt", Data: []byte("联系人 13812345678")}, 0, now)
		if err != nil || worse.Findings != 1 {
			t.Fatalf("mobile in a text file: %+v %v", worse, err)
		}
		if err := guard.CheckPublishable(s.DB, pub); err == nil {
			t.Fatal("a new finding after the override does not block")
		}
		if _, err := g.Attach(ctx, clerk, pub, upload.Upload{Name: "名单.txt", Data: []byte("联系人 138****5678")}, worse.ID, now); err != nil {
			t.Fatal(err)
		}
		modelstest.Must(t, guard.CheckPublishable(s.DB, pub))
		// Replacing it twice (a double submit) is refused in Chinese.
		if _, err := g.Attach(ctx, clerk, pub, upload.Upload{Name: "名单.txt", Data: []byte("联系人")}, worse.ID, now); !errors.As(err, &ve) || !strings.Contains(ve.Message, "已被替换") {
			t.Errorf("replaced twice: %v", err)
		}

		var actions []string
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("entity = ? AND entity_id = ?", "publication_work", fmt.Sprint(pub.ID)).Order("id").Pluck("action", &actions).Error)
		if strings.Join(actions, " ") != "attach attach override attach attach" {
			t.Errorf("audit log: %v", actions)
		}
		got, err := g.Download(ctx, pub, bad.ID)
		if err != nil || !bytes.Equal(got.Data, wordFile(t, "当事人张三", "身份证号11010519491231002X")) {
			t.Errorf("download: %v", err)
		}
	})
}

// A copy must be a DOCX, an XLSX, a PDF or UTF-8 text, checked by content.
func TestCheckCopy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"a.txt", []byte("纯文本"), true},
		{"a.txt", []byte{0xff, 0xfe, 0x00, 0x01}, false},
		{"a.pdf", []byte("%PDF-1.4\n%%EOF"), true},
		{"a.png", []byte("\x89PNG\r\n\x1a\n"), false},
		{"a.docx", []byte("%PDF-1.4"), false},
		{"a.txt", nil, false},
	} {
		_, err := guard.CheckCopy(upload.Upload{Name: tc.name, Data: tc.data})
		if (err == nil) != tc.ok {
			t.Errorf("%s %q: %v", tc.name, tc.data, err)
		}
	}
}
