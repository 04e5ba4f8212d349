package documents

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gongkai/gongkai/models"
)

// Draft is a 发文稿: the body of a document not yet issued, as its author
// edits it. Once a document of its kind is issued about its subject the
// draft is closed: SaveDraft refuses, and the document keeps what it said.
type Draft struct {
	ID        uint
	Kind      string
	Subject   string
	SubjectID uint
	Body      string // paragraphs, one a line
	SavedBy   string
	SavedAt   time.Time
}

// TableName names the table.
func (Draft) TableName() string { return "document_drafts" }

// MaxDraft bounds a draft's body, in characters.
const MaxDraft = models.MaxText

// SaveDraft keeps body as the draft of the document of kind about subject
// id, in tx; refused once that document is issued.
func SaveDraft(tx *models.Tx, kind, subject string, id uint, body string, now time.Time) error {
	var issued int64
	if err := tx.DB.Model(&Document{}).Where("kind = ? AND subject = ? AND subject_id = ?", kind, subject, id).Count(&issued).Error; err != nil {
		return fmt.Errorf("check issued %s: %w", kind, err)
	}
	if issued > 0 {
		return models.Invalid("body", "refuse.document.issued")
	}
	body, err := models.CheckText("body", "refuse.label.document_body", body, MaxDraft, true)
	if err != nil {
		return err
	}
	d := Draft{Kind: kind, Subject: subject, SubjectID: id, Body: body, SavedBy: tx.Viewer.Name, SavedAt: now.UTC()}
	err = tx.DB.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "kind"}, {Name: "subject"}, {Name: "subject_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"body", "saved_by", "saved_at"}),
	}).Create(&d).Error
	if err != nil {
		return fmt.Errorf("save draft of %s: %w", kind, err)
	}
	return tx.Record("save_draft", "document_draft", kind+"/"+subject+"/"+fmt.Sprint(id), nil, map[string]any{"kind": kind, "text": body})
}

// DraftOf is the draft of the document of kind about subject id, and
// whether one was saved.
func DraftOf(ctx context.Context, db *gorm.DB, kind, subject string, id uint) (Draft, bool, error) {
	var d Draft
	res := db.WithContext(ctx).Where("kind = ? AND subject = ? AND subject_id = ?", kind, subject, id).Limit(1).Find(&d)
	if res.Error != nil {
		return d, false, fmt.Errorf("read draft of %s: %w", kind, res.Error)
	}
	return d, res.RowsAffected > 0, nil
}

// Paragraphs makes body paragraphs of a draft's lines, leaving out empty ones.
func Paragraphs(body string) []Block {
	var out []Block
	for _, line := range strings.Split(body, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, Paragraph(line))
		}
	}
	return out
}

// Text is the body's paragraphs as a draft holds them, one a line.
func Text(body []Block) string {
	var lines []string
	for _, b := range body {
		if b.Header == nil {
			lines = append(lines, b.Text)
		}
	}
	return strings.Join(lines, "\n")
}
