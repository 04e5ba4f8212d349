package documents

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Receipt is a department's 签收 of a document issued to it: the account
// that signed, the person's name and the time. One per document and
// department; the first signature stands.
type Receipt struct {
	ID           uint      `gorm:"primaryKey"`
	DocumentID   uint      `gorm:"not null;uniqueIndex:uk_document_receipt,priority:1"`
	DepartmentID uint      `gorm:"not null;uniqueIndex:uk_document_receipt,priority:2"`
	UserID       uint      `gorm:"not null"`
	Name         string    `gorm:"size:64;not null"`
	SignedAt     time.Time `gorm:"not null"`
}

// TableName names the table.
func (Receipt) TableName() string { return "document_receipts" }

// Stamp is when a receipt was signed as documents write it, 2026年12月7日
// 10:32, in the server's time zone: the one format of every 签收 line.
func Stamp(at time.Time) string {
	at = at.Local()
	return fmt.Sprintf("%s %s", ChineseDate(scoring.DateOf(at)), at.Format("15:04"))
}

// Stamp is when r was signed (see the function Stamp).
func (r Receipt) Stamp() string { return Stamp(r.SignedAt) }

// Sign records, in tx, that department dept signed for document doc by
// tx's viewer at now, and audits it. A second signature of the same
// department is refused in Chinese with the date of the first; the caller
// (the room that issued the document) decides that doc was issued to dept
// and that the viewer acts for it.
func Sign(tx *models.Tx, doc, dept uint, now time.Time) error {
	if tx.Viewer.UserID == 0 || tx.Viewer.Name == "" {
		return models.ErrForbidden
	}
	// The document's row, locked, takes its signers one at a time; the
	// locking read then sees a signature committed meanwhile.
	var d Document
	if err := tx.ForUpdate().Select("id").First(&d, doc).Error; err != nil {
		return models.NotFound(err, "read document")
	}
	var first Receipt
	if tx.ForUpdate().Where("document_id = ? AND department_id = ?", doc, dept).Limit(1).Find(&first).RowsAffected > 0 {
		return models.Invalid("document", "receipts.refuse.signed", first.Name, first.Stamp())
	}
	r := Receipt{DocumentID: doc, DepartmentID: dept, UserID: tx.Viewer.UserID, Name: tx.Viewer.Name, SignedAt: now.UTC()}
	if err := tx.DB.Create(&r).Error; err != nil {
		return fmt.Errorf("sign document %d: %w", doc, err)
	}
	return tx.Record("sign", "document", doc, nil, map[string]any{"department": dept, "user": r.UserID, "name": r.Name, "at": r.SignedAt})
}

// Receipts lists the receipts of document doc, by department.
func Receipts(ctx context.Context, db *gorm.DB, doc uint) ([]Receipt, error) {
	var out []Receipt
	if err := db.WithContext(ctx).Where("document_id = ?", doc).Order("department_id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read receipts of document %d: %w", doc, err)
	}
	return out, nil
}

// Signing is a document's 签收 for one department it was issued to, as the
// document's page and print show it: Receipt nil while unsigned.
type Signing struct {
	DepartmentID uint
	Department   string
	Receipt      *Receipt
}

// Signings lists, for the departments depts that document doc was issued
// to, who signed and when, in the order of depts; the issuer reads who has
// not signed.
func Signings(ctx context.Context, db *gorm.DB, doc uint, depts []uint) ([]Signing, error) {
	rs, err := Receipts(ctx, db, doc)
	if err != nil {
		return nil, err
	}
	var ds []models.Department
	if err := db.WithContext(ctx).Select("id", "name").Where("id IN ?", depts).Find(&ds).Error; err != nil {
		return nil, fmt.Errorf("read departments: %w", err)
	}
	names := map[uint]string{}
	for _, d := range ds {
		names[d.ID] = d.Name
	}
	out := make([]Signing, 0, len(depts))
	for _, id := range depts {
		s := Signing{DepartmentID: id, Department: names[id]}
		for i := range rs {
			if rs[i].DepartmentID == id {
				s.Receipt = &rs[i]
			}
		}
		out = append(out, s)
	}
	return out, nil
}
