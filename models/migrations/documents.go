package migrations

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// documentSteps add issued documents (issue 20), their drafts (发文稿) and
// the counters of every numbered series (issue 21 item 3): a document is
// stored once, at issue, and never written again; a number comes from its
// series' counter row, taken in the transaction that issues it, and is
// unique by constraint.
var documentSteps = []*gormigrate.Migration{
	{
		ID: "2026120740_documents",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type documentSeries struct {
				Series  string `gorm:"primaryKey;size:32"`
				Year    int    `gorm:"primaryKey;autoIncrement:false"`
				LastSeq int    `gorm:"not null;default:0"`
			}
			type document struct {
				ID        uint      `gorm:"primaryKey"`
				Kind      string    `gorm:"size:32;not null;index:idx_document_kind"`
				Series    string    `gorm:"size:32;not null;uniqueIndex:uk_document_seq,priority:1"`
				Year      int       `gorm:"not null;uniqueIndex:uk_document_seq,priority:2"`
				Seq       int       `gorm:"not null;uniqueIndex:uk_document_seq,priority:3"`
				Number    string    `gorm:"size:64;not null;uniqueIndex:uk_document_number"`
				IssueDate time.Time `gorm:"type:date;not null"`
				Issuer    string    `gorm:"size:128;not null"`
				Signer    string    `gorm:"size:128;not null"`
				Title     string    `gorm:"size:256;not null"`
				Addressee string    `gorm:"type:text"`
				CopyTo    string    `gorm:"type:text"`
				Subject   string    `gorm:"size:64;not null;index:idx_document_subject,priority:1"`
				SubjectID uint      `gorm:"not null;default:0;index:idx_document_subject,priority:2"`
				RefID     uint      `gorm:"not null;default:0;index:idx_document_ref"`
				Relation  string    `gorm:"size:16;not null;default:''"`
				HTML      string    `gorm:"column:html;type:longtext;not null"`
				DOCX      []byte    `gorm:"column:docx;type:longblob;not null"`
				SHA256    string    `gorm:"column:sha256;size:64;not null"`
				IssuedBy  string    `gorm:"size:64;not null"`
				IssuedAt  time.Time `gorm:"not null"`
			}
			// LONGTEXT and LONGBLOB: SQLite reads them as TEXT and BLOB.
			if err := tx.Table("documents").AutoMigrate(&document{}); err != nil {
				return fmt.Errorf("create documents: %w", err)
			}
			type documentDraft struct {
				ID        uint      `gorm:"primaryKey"`
				Kind      string    `gorm:"size:32;not null;uniqueIndex:uk_document_draft,priority:1"`
				Subject   string    `gorm:"size:64;not null;uniqueIndex:uk_document_draft,priority:2"`
				SubjectID uint      `gorm:"not null;uniqueIndex:uk_document_draft,priority:3"`
				Body      string    `gorm:"type:longtext;not null"`
				SavedBy   string    `gorm:"size:64;not null"`
				SavedAt   time.Time `gorm:"not null"`
			}
			if err := tx.Table("document_drafts").AutoMigrate(&documentDraft{}); err != nil {
				return fmt.Errorf("create document drafts: %w", err)
			}
			if err := tx.Table("document_series").AutoMigrate(&documentSeries{}); err != nil {
				return fmt.Errorf("create document series: %w", err)
			}
			return seedSeries(tx)
		},
	},
}

// seedSeries starts the counters of case numbers (纪公开) and case notices
// (纪公开通) where the numbers given so far end.
func seedSeries(tx *gorm.DB) error {
	var rows []struct {
		Year       int
		Seq        int
		NoticeSeq  int
		NoticeDate *time.Time
	}
	if err := tx.Table("accountability_cases").Where("origin = ?", "app").Select("year, seq, notice_seq, notice_date").Scan(&rows).Error; err != nil {
		return fmt.Errorf("read case numbers: %w", err)
	}
	last := map[[2]any]int{}
	for _, r := range rows {
		if r.Year > 0 {
			k := [2]any{"纪公开", r.Year}
			last[k] = max(last[k], r.Seq)
		}
		if r.NoticeDate != nil && r.NoticeSeq > 0 {
			k := [2]any{"纪公开通", r.NoticeDate.Year()}
			last[k] = max(last[k], r.NoticeSeq)
		}
	}
	for k, n := range last {
		if err := tx.Table("document_series").Create(map[string]any{"series": k[0], "year": k[1], "last_seq": n}).Error; err != nil {
			return fmt.Errorf("start series %v: %w", k, err)
		}
	}
	return nil
}
