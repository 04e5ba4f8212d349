package documents

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
)

// Posting is an issued document the office chose to put on the public site
// (网上公开发布): a 通报 of a campaign phase or of a monitoring run. The
// document itself never changes; a posting only says since when, and by
// whom, it is public. One per document: posting twice is refused.
type Posting struct {
	ID         uint      `gorm:"primaryKey"`
	DocumentID uint      `gorm:"not null;uniqueIndex:uk_document_posting"`
	PostedBy   string    `gorm:"size:64;not null"`
	PostedAt   time.Time `gorm:"not null;index"`
}

// TableName names the table.
func (Posting) TableName() string { return "document_postings" }

// Post puts document doc on the public site in tx, by tx's viewer at now,
// and audits it (action "post", entity "document"). A document posted
// already is refused in Chinese; whether doc may be posted at all (its
// kind, who issued it) is the calling room's decision.
func Post(tx *models.Tx, doc uint, now time.Time) error {
	var d Document
	if err := tx.ForUpdate().Select("id", "number").First(&d, doc).Error; err != nil {
		return models.NotFound(err, "read document")
	}
	var p Posting
	if tx.DB.Where("document_id = ?", doc).Limit(1).Find(&p).RowsAffected > 0 {
		return models.Invalid("document", "document.refuse.posted", d.Number)
	}
	p = Posting{DocumentID: doc, PostedBy: tx.Viewer.Name, PostedAt: now.UTC()}
	if err := tx.DB.Create(&p).Error; err != nil {
		return fmt.Errorf("post document %d: %w", doc, err)
	}
	return tx.Record("post", "document", doc, nil, map[string]any{"number": d.Number, "at": p.PostedAt})
}

// Posted is a document on the public site, without its page and DOCX, with
// when it was posted.
type Posted struct {
	Document
	PostedAt time.Time
}

// Postings lists the posted documents of the given kinds (all kinds when
// none), newest posting first.
func Postings(ctx context.Context, db *gorm.DB, kinds ...string) ([]Posted, error) {
	q := db.WithContext(ctx).Table(Document{}.TableName() + " AS d").
		Select("d.id, d.kind, d.series, d.year, d.seq, d.number, d.issue_date, d.issuer, d.signer, d.title, d.addressee, d.copy_to, " +
			"d.subject, d.subject_id, d.ref_id, d.relation, d.sha256, d.issued_by, d.issued_at, p.posted_at").
		Joins("JOIN " + Posting{}.TableName() + " AS p ON p.document_id = d.id")
	if len(kinds) > 0 {
		q = q.Where("d.kind IN ?", kinds)
	}
	var out []Posted
	if err := q.Order("p.posted_at DESC, d.id DESC").Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("list posted documents: %w", err)
	}
	return out, nil
}

// PostedDocument reads a posted document with its page and DOCX;
// ErrNotFound when it does not exist or is not posted, so that the public
// site never shows a document the office did not put there.
func PostedDocument(ctx context.Context, db *gorm.DB, id uint) (*Document, error) {
	var p Posting
	if err := db.WithContext(ctx).Where("document_id = ?", id).First(&p).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, models.ErrNotFound
		}
		return nil, fmt.Errorf("read posting of document %d: %w", id, err)
	}
	return Get(ctx, db, id)
}
