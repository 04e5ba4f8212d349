// Package documents keeps the documents the bureau issues (公文): numbered
// notices, decisions, reports and letters. A document is rendered once, at
// issue, in the layout of GB/T 9704-2012 (党政机关公文格式), stored with its
// number, date, signer, HTML and DOCX bytes and their SHA-256, and never
// written again: there is no update path. A correction is a new document
// that names the one it corrects or replaces (Relation, RefID).
//
// Usage, inside the audited transaction that takes the step the document
// records (so that the step and its document commit together):
//
//	doc, err := documents.Issue(tx, documents.Issue{
//		Kind: "case_notice", Series: "纪公开通", Year: on.Year(),
//		Subject: "accountability_case", SubjectID: c.ID,
//		Content: documents.Content{Issuer: "…", Title: "…", To: "…", Body: blocks, Signer: "…", Date: on},
//	})
//
// Issue takes the next number of the series from its counter row (Next),
// writes it into the content (Content.Number), renders the page and the
// DOCX (Render), stores them and records the document's hash in the audit
// chain. Read one back with Get or Of; show Document.HTML inside a page
// (the CSS is views/static/document.css) and send Document.DOCX as is.
// Verify checks every stored document against its hash, for gongkai audit
// verify. A numbered series without a document (case numbers) takes its
// numbers with Next alone.
package documents

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Relations of a document to an earlier one (RefID).
const (
	Corrects = "corrects" // 更正: the earlier one was wrong, this one says what is right
	Replaces = "replaces" // the earlier one's decision no longer stands as issued (复核决定书 of 变更 or 撤销)
	Reviews  = "reviews"  // decides on an appeal against the earlier one and leaves it standing (维持)
)

// Document is an issued document, as it was issued.
type Document struct {
	ID        uint
	Kind      string // what it is: case_notice, review_decision, assessment_notice, …
	Series    string // the series of its number, e.g. 纪公开通
	Year      int
	Seq       int
	Number    string    // 发文字号, e.g. 纪公开通〔2026〕1号
	IssueDate time.Time // 成文日期
	Issuer    string    // 发文机关
	Signer    string    // 发文机关署名
	Title     string
	Addressee string // 主送机关
	CopyTo    string // 抄送机关
	Subject   string // what it is about: an entity of the audit log, e.g. accountability_case
	SubjectID uint
	RefID     uint   // the earlier document it corrects, replaces or reviews, 0 for none
	Relation  string // Corrects, Replaces or Reviews when RefID is set
	HTML      string `gorm:"column:html"`
	DOCX      []byte `gorm:"column:docx"`
	SHA256    string `gorm:"column:sha256"`
	IssuedBy  string
	IssuedAt  time.Time
}

// TableName names the table.
func (Document) TableName() string { return "documents" }

// Date is the document's date (成文日期).
func (d *Document) Date() scoring.Date { return scoring.DateOf(d.IssueDate) }

// Hash is the SHA-256 of everything the document says: its number, date,
// parties, reference, page and DOCX.
func (d *Document) Hash() string {
	docx := sha256.Sum256(d.DOCX)
	b, _ := json.Marshal([]any{d.Kind, d.Series, d.Year, d.Seq, d.Number, d.Date().String(), d.Issuer, d.Signer, d.Title,
		d.Addressee, d.CopyTo, d.Subject, d.SubjectID, d.RefID, d.Relation, d.HTML, hex.EncodeToString(docx[:])})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Issue is what issuing a document needs: its kind and series, the year
// of its number, what it is about, the document it refers to, and its
// content without the number.
type Issue struct {
	Kind      string
	Series    string
	Year      int
	Subject   string
	SubjectID uint
	RefID     uint
	Relation  string
	Content   Content
}

// IssueIn numbers, renders and stores a document in tx, and records its hash
// in the audit log (action "issue", entity "document").
func IssueIn(tx *models.Tx, in Issue) (*Document, error) {
	if in.Content.Date.IsZero() || in.Year == 0 || in.Series == "" {
		return nil, fmt.Errorf("issue %s: no date, year or series", in.Kind)
	}
	seq, err := Next(tx, in.Series, in.Year)
	if err != nil {
		return nil, err
	}
	c := in.Content
	c.Number = Number(in.Series, in.Year, seq)
	page, docx, err := Render(c)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", c.Number, err)
	}
	d := &Document{Kind: in.Kind, Series: in.Series, Year: in.Year, Seq: seq, Number: c.Number, IssueDate: c.Date.Time(),
		Issuer: c.Issuer, Signer: c.Signer, Title: c.Title, Addressee: c.To, CopyTo: c.CopyTo,
		Subject: in.Subject, SubjectID: in.SubjectID, RefID: in.RefID, Relation: in.Relation,
		HTML: page, DOCX: docx, IssuedBy: tx.Viewer.Name, IssuedAt: time.Now().UTC()}
	d.SHA256 = d.Hash()
	if err := tx.DB.Create(d).Error; err != nil {
		return nil, fmt.Errorf("store %s: %w", d.Number, err)
	}
	return d, tx.Record("issue", "document", d.ID, nil, map[string]any{
		"number": d.Number, "kind": d.Kind, "date": d.Date().String(), "subject": d.Subject, "subject_id": d.SubjectID,
		"ref_id": d.RefID, "relation": d.Relation, "sha256": d.SHA256})
}

// Get reads a document with its page and DOCX; ErrNotFound when there is none.
func Get(ctx context.Context, db *gorm.DB, id uint) (*Document, error) {
	var d Document
	if err := db.WithContext(ctx).First(&d, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, models.ErrNotFound
		}
		return nil, fmt.Errorf("read document %d: %w", id, err)
	}
	return &d, nil
}

// Of lists the documents issued about a subject, oldest first, without
// their page and DOCX.
func Of(ctx context.Context, db *gorm.DB, subject string, id uint) ([]Document, error) {
	var out []Document
	if err := db.WithContext(ctx).Omit("html", "docx").Where("subject = ? AND subject_id = ?", subject, id).Order("issue_date, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list documents of %s %d: %w", subject, id, err)
	}
	return out, nil
}
