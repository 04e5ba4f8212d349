// Package guide keeps the 公开指南 and the 公开目录 (seed 004 art. 11-14,
// 条例 art. 12): the guide's content as the office maintains it, in
// versions, and both issued as numbered documents (models/documents: GB/T
// 9704 layout, print and DOCX, never changed once issued), the newest of
// each published on /public.
package guide

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/scoring"
)

// The office's documents of the guide and the catalog.
const (
	Issuer        = "市公安局政府信息公开工作领导小组办公室"
	GuideSeries   = "公开办指"
	CatalogSeries = "公开办录"
	GuideKind     = "disclosure_guide"
	CatalogKind   = "disclosure_catalog"
)

// Content is one version of the guide's content (seed 004 art. 13).
type Content struct {
	ID             uint
	Version        int
	Classification string // 信息的分类、编排体系
	Obtain         string // 获取方式
	Office         string // 政府信息公开工作机构名称
	Address        string // 办公地址
	Hours          string // 办公时间
	Phone          string // 联系电话
	Fax            string // 传真号码
	Email          string // 电子邮箱
	Apply          string // 依申请公开的程序
	SavedBy        string
	SavedAt        time.Time
}

// TableName names the table.
func (Content) TableName() string { return "guide_contents" }

// Issued is a guide or a catalog issued: its document, the content version
// it carried (a guide) or the year and fingerprint of its rows (a catalog).
type Issued struct {
	ID          uint
	Kind        string
	DocumentID  uint
	ContentID   uint
	Year        int
	Fingerprint string
	Rows        int
	IssuedAt    time.Time
	Number      string `gorm:"-"`
}

// TableName names the table.
func (Issued) TableName() string { return "guide_issues" }

// Bounds on the content's fields, in characters.
const (
	MaxLine = 200  // office, address, hours, phone, fax, e-mail
	MaxPart = 4000 // classification, how to obtain, how to apply
)

// Store is the guide's room.
type Store struct{ *models.Store }

// New opens the room on the core's Store.
func New(s *models.Store) *Store { return &Store{s} }

// Latest is the newest version of the content; a zero Content (Version 0)
// when none was saved.
func (s *Store) Latest(ctx context.Context) (Content, error) {
	var c Content
	err := s.DB.WithContext(ctx).Order("version DESC").Limit(1).Find(&c).Error
	return c, err
}

// Save checks the content and keeps it as a new version (the office).
func (s *Store) Save(ctx context.Context, v models.Viewer, c Content, now time.Time) (*Content, error) {
	if !v.Can(models.ActMaintainGuide) {
		return nil, models.ErrForbidden
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		var last Content
		if err := tx.ForUpdate().Order("version DESC").Limit(1).Find(&last).Error; err != nil {
			return fmt.Errorf("read guide: %w", err)
		}
		if last.Version > 0 && last.same(c) {
			return models.Invalid("office", "guide.refuse.unchanged")
		}
		c.ID, c.Version, c.SavedBy, c.SavedAt = 0, last.Version+1, v.Name, now.UTC()
		if err := tx.DB.Create(&c).Error; err != nil {
			return fmt.Errorf("store guide: %w", err)
		}
		return tx.Record("update", "guide_content", c.ID, nil, map[string]any{"version": c.Version, "name": c.Office})
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// check trims and bounds every field; the office's name, address, hours,
// phone and how to apply are required.
func (c *Content) check() error {
	for _, f := range []struct {
		field    string
		label    i18n.Phrase
		p        *string
		max      int
		required bool
	}{
		{"classification", "guide.field.classification", &c.Classification, MaxPart, true},
		{"obtain", "guide.field.obtain", &c.Obtain, MaxPart, true},
		{"office", "guide.field.office", &c.Office, MaxLine, true},
		{"address", "guide.field.address", &c.Address, MaxLine, true},
		{"hours", "guide.field.hours", &c.Hours, MaxLine, true},
		{"phone", "guide.field.phone", &c.Phone, MaxLine, true},
		{"fax", "guide.field.fax", &c.Fax, MaxLine, false},
		{"email", "guide.field.email", &c.Email, MaxLine, false},
		{"apply", "guide.field.apply", &c.Apply, MaxPart, true},
	} {
		s, err := models.CheckText(f.field, f.label, *f.p, f.max, f.required)
		if err != nil {
			return err
		}
		*f.p = s
	}
	if c.Email != "" && (!strings.Contains(c.Email, "@") || strings.ContainsAny(c.Email, " \t")) {
		return models.Invalid("email", "guide.refuse.email")
	}
	return nil
}

func (c Content) same(o Content) bool {
	return c.Classification == o.Classification && c.Obtain == o.Obtain && c.Office == o.Office && c.Address == o.Address &&
		c.Hours == o.Hours && c.Phone == o.Phone && c.Fax == o.Fax && c.Email == o.Email && c.Apply == o.Apply
}

// body is the guide as its document says it.
func (c Content) body() []documents.Block {
	contact := [][]string{{"机构名称", c.Office}, {"办公地址", c.Address}, {"办公时间", c.Hours}, {"联系电话", c.Phone}}
	if c.Fax != "" {
		contact = append(contact, []string{"传真号码", c.Fax})
	}
	if c.Email != "" {
		contact = append(contact, []string{"电子邮箱", c.Email})
	}
	blocks := []documents.Block{
		documents.Paragraph("为便于公民、法人和其他组织获取本局政府信息，根据《中华人民共和国政府信息公开条例》第十二条，编制本指南。"),
		documents.Heading("一、信息的分类与编排体系"),
	}
	blocks = append(blocks, documents.Paragraphs(c.Classification)...)
	blocks = append(blocks, documents.Heading("二、获取方式"))
	blocks = append(blocks, documents.Paragraphs(c.Obtain)...)
	blocks = append(blocks, documents.Heading("三、政府信息公开工作机构"), documents.Table([]string{"项目", "内容"}, contact))
	blocks = append(blocks, documents.Heading("四、依申请公开"))
	return append(blocks, documents.Paragraphs(c.Apply)...)
}

// IssueGuide issues the newest content as the guide, dated on (the
// office); the content issued already, or none saved, is refused.
func (s *Store) IssueGuide(ctx context.Context, v models.Viewer, on scoring.Date) (*documents.Document, error) {
	if !v.Can(models.ActMaintainGuide) {
		return nil, models.ErrForbidden
	}
	var d *documents.Document
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		var c Content
		if err := tx.ForUpdate().Order("version DESC").Limit(1).Find(&c).Error; err != nil {
			return fmt.Errorf("read guide: %w", err)
		}
		if c.Version == 0 {
			return models.Invalid("guide", "guide.refuse.empty")
		}
		last, err := latest(ctx, tx.DB, GuideKind)
		if err != nil {
			return err
		}
		if last != nil && last.ContentID == c.ID {
			return models.Invalid("guide", "guide.refuse.issued", c.Version)
		}
		d, err = documents.IssueIn(tx, documents.Issue{Kind: GuideKind, Series: GuideSeries, Year: on.Year(), Subject: "guide_content", SubjectID: c.ID,
			Content: documents.Content{Issuer: Issuer, Title: "市公安局政府信息公开指南", To: "", Body: c.body(), Signer: Issuer, Date: on, PrintedBy: Issuer}})
		if err != nil {
			return err
		}
		return tx.DB.Create(&Issued{Kind: GuideKind, DocumentID: d.ID, ContentID: c.ID, Year: on.Year(), IssuedAt: time.Now().UTC()}).Error
	})
	return d, err
}

// Entry is a line of the 公开目录: a document published, as the public
// reads it (no personal data: the title's numbers masked).
type Entry struct {
	IndexNo, Title, Category, Issuer, Date, Attribute string
}

// Entries is the 公开目录 of year: the documents published in it that are
// not 不予公开, in order of publication, with their catalog item's
// category and the department that issued them.
func (s *Store) Entries(ctx context.Context, year int) ([]Entry, error) {
	var pubs []models.Publication
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := s.DB.WithContext(ctx).Where("published >= ? AND published < ? AND (attribute IS NULL OR attribute <> ?)", from, from.AddDate(1, 0, 0), "不予公开").
		Order("published, id").Find(&pubs).Error; err != nil {
		return nil, fmt.Errorf("read publications: %w", err)
	}
	depts, err := s.Departments(ctx, models.System)
	if err != nil {
		return nil, err
	}
	names := map[uint]string{}
	for _, d := range depts {
		names[d.ID] = d.Name
	}
	items, err := s.Catalog(ctx, models.CatalogFilter{})
	if err != nil {
		return nil, err
	}
	cats := map[int]string{}
	for _, it := range items {
		cats[it.Seq] = it.Level2
	}
	out := make([]Entry, 0, len(pubs))
	for _, p := range pubs {
		attr := p.Attribute
		if attr == "" {
			attr = "主动公开"
		}
		cat := cats[p.Seq]
		if cat == "" {
			cat = "其他"
		}
		out = append(out, Entry{IndexNo: p.IndexNo, Title: guard.Redact(p.Title), Category: cat, Issuer: names[p.DepartmentID],
			Date: documents.ChineseDate(scoring.DateOf(p.Published)), Attribute: attr})
	}
	return out, nil
}

// fingerprint is the hash of the catalog's lines.
func fingerprint(es []Entry) string {
	h := sha256.New()
	for _, e := range es {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\n", e.IndexNo, e.Title, e.Category, e.Issuer, e.Date, e.Attribute)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// IssueCatalog issues the 公开目录 of year, dated on (the office); a
// catalog unchanged since its last version is refused.
func (s *Store) IssueCatalog(ctx context.Context, v models.Viewer, year int, on scoring.Date) (*documents.Document, error) {
	if !v.Can(models.ActMaintainGuide) {
		return nil, models.ErrForbidden
	}
	if year < 2000 || year > on.Year() {
		return nil, models.Invalid("year", "guide.refuse.year")
	}
	es, err := s.Entries(ctx, year)
	if err != nil {
		return nil, err
	}
	fp := fingerprint(es)
	rows := make([][]string, 0, len(es))
	for _, e := range es {
		rows = append(rows, []string{e.IndexNo, e.Title, e.Category, e.Issuer, e.Date, e.Attribute})
	}
	body := []documents.Block{
		documents.Paragraph(fmt.Sprintf("根据《中华人民共和国政府信息公开条例》第十二条，现将本局%d年公开的政府信息目录发布如下，共%d条。", year, len(es))),
		documents.Table([]string{"索引号", "名称", "类别", "发布机构", "发布日期", "公开属性"}, rows),
	}
	var d *documents.Document
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		var last Issued
		if err := tx.ForUpdate().Where("kind = ? AND year = ?", CatalogKind, year).Order("id DESC").Limit(1).Find(&last).Error; err != nil {
			return fmt.Errorf("read catalog: %w", err)
		}
		if last.ID != 0 && last.Fingerprint == fp {
			return models.Invalid("year", "guide.refuse.catalog_unchanged", year)
		}
		var err error
		d, err = documents.IssueIn(tx, documents.Issue{Kind: CatalogKind, Series: CatalogSeries, Year: on.Year(), Subject: "disclosure_catalog", SubjectID: uint(year),
			Content: documents.Content{Issuer: Issuer, Title: fmt.Sprintf("市公安局%d年政府信息公开目录", year), Body: body, Signer: Issuer, Date: on, PrintedBy: Issuer}})
		if err != nil {
			return err
		}
		return tx.DB.Create(&Issued{Kind: CatalogKind, DocumentID: d.ID, Year: year, Fingerprint: fp, Rows: len(es), IssuedAt: time.Now().UTC()}).Error
	})
	return d, err
}

// latest is the newest issue of kind, nil for none.
func latest(ctx context.Context, db *gorm.DB, kind string) (*Issued, error) {
	var is Issued
	if err := db.WithContext(ctx).Where("kind = ?", kind).Order("id DESC").Limit(1).Find(&is).Error; err != nil {
		return nil, fmt.Errorf("read %s: %w", kind, err)
	}
	if is.ID == 0 {
		return nil, nil
	}
	return &is, nil
}

// Current is the guide and the catalog in force: the newest of each, with
// their page and DOCX; nil where none was issued.
func (s *Store) Current(ctx context.Context) (g, c *documents.Document, err error) {
	for _, k := range []struct {
		kind string
		out  **documents.Document
	}{{GuideKind, &g}, {CatalogKind, &c}} {
		is, err := latest(ctx, s.DB, k.kind)
		if err != nil || is == nil {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		if *k.out, err = documents.Get(ctx, s.DB, is.DocumentID); err != nil {
			return nil, nil, err
		}
	}
	return g, c, nil
}

// History lists every guide and catalog issued, newest first, with their
// numbers.
func (s *Store) History(ctx context.Context) ([]Issued, error) {
	var out []Issued
	if err := s.DB.WithContext(ctx).Order("id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read guide history: %w", err)
	}
	for i := range out {
		d, err := documents.Get(ctx, s.DB.Omit("html", "docx"), out[i].DocumentID)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			return nil, err
		}
		if d != nil {
			out[i].Number = d.Number
		}
	}
	return out, nil
}

// Document reads an issued guide or catalog, ErrNotFound for any other
// document.
func (s *Store) Document(ctx context.Context, id uint) (*documents.Document, error) {
	var is Issued
	if err := s.DB.WithContext(ctx).Where("document_id = ?", id).Limit(1).Find(&is).Error; err != nil {
		return nil, fmt.Errorf("read guide document: %w", err)
	}
	if is.ID == 0 {
		return nil, models.ErrNotFound
	}
	return documents.Get(ctx, s.DB, id)
}
