package migrations

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// postingSteps record which issued documents the office put on the public
// site (issue 25): a 通报 is issued like any document and posted apart, so
// that posting never writes the document.
var postingSteps = []*gormigrate.Migration{
	{
		ID: "2026120901_document_postings",
		Migrate: func(tx *gorm.DB) error {
			// The shape as this step made it.
			type documentPosting struct {
				ID         uint      `gorm:"primaryKey"`
				DocumentID uint      `gorm:"not null;uniqueIndex:uk_document_posting"`
				PostedBy   string    `gorm:"size:64;not null"`
				PostedAt   time.Time `gorm:"not null;index"`
			}
			if err := tx.Table("document_postings").AutoMigrate(&documentPosting{}); err != nil {
				return fmt.Errorf("create document_postings: %w", err)
			}
			return nil
		},
	},
}
