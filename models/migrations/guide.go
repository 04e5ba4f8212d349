package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// guideSteps hold a registered document's (publication_works) electronic
// copies with the personal data the scan found in them and the overrides
// (models/guard), and the
// 公开指南's content and the guides and catalogs issued (models/guide).
var guideSteps = []*gormigrate.Migration{
	{
		ID: "2026120840_publication_copies",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type publicationFile struct {
				ID           uint      `gorm:"primaryKey"`
				WorkID       uint      `gorm:"not null;index:idx_publication_file_work"`
				DepartmentID uint      `gorm:"not null"`
				Name         string    `gorm:"size:255;not null"`
				MIME         string    `gorm:"column:mime;size:128;not null"`
				Size         int64     `gorm:"not null"`
				SHA256       string    `gorm:"column:sha256;size:64;not null"`
				Data         []byte    `gorm:"not null"`
				UploadedBy   string    `gorm:"size:64;not null"`
				UploadedAt   time.Time `gorm:"not null"`
				ReplacedBy   uint      `gorm:"not null;default:0"`
				Findings     int       `gorm:"not null;default:0"`
			}
			type publicationFileHit struct {
				ID     uint   `gorm:"primaryKey"`
				FileID uint   `gorm:"not null;index:idx_publication_file_hit_file"`
				WorkID uint   `gorm:"not null;index:idx_publication_file_hit_work"`
				Kind   string `gorm:"size:16;not null"`
				Unit   string `gorm:"size:16;not null"`
				N      int    `gorm:"not null;default:0"`
				Sheet  int    `gorm:"not null;default:0"`
				Row    int    `gorm:"not null;default:0"`
				Col    int    `gorm:"not null;default:0"`
				Masked string `gorm:"size:64;not null"`
			}
			type publicationOverride struct {
				ID     uint      `gorm:"primaryKey"`
				WorkID uint      `gorm:"not null;index:idx_publication_override_work"`
				Covers uint      `gorm:"not null;default:0"`
				Title  string    `gorm:"size:512;not null"`
				Reason string    `gorm:"type:text"`
				By     string    `gorm:"size:64;not null"`
				At     time.Time `gorm:"not null"`
			}
			if err := tx.Table("publication_files").AutoMigrate(&publicationFile{}); err != nil {
				return err
			}
			if err := tx.Table("publication_file_hits").AutoMigrate(&publicationFileHit{}); err != nil {
				return err
			}
			return tx.Table("publication_overrides").AutoMigrate(&publicationOverride{})
		},
	},
	{
		ID: "2026120841_guide",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type guideContent struct {
				ID             uint      `gorm:"primaryKey"`
				Version        int       `gorm:"not null;uniqueIndex:uk_guide_content_version"`
				Classification string    `gorm:"type:text"`
				Obtain         string    `gorm:"type:text"`
				Office         string    `gorm:"size:800;not null"`
				Address        string    `gorm:"size:800;not null"`
				Hours          string    `gorm:"size:800;not null"`
				Phone          string    `gorm:"size:800;not null"`
				Fax            string    `gorm:"size:800;not null;default:''"`
				Email          string    `gorm:"size:800;not null;default:''"`
				Apply          string    `gorm:"type:text"`
				SavedBy        string    `gorm:"size:64;not null"`
				SavedAt        time.Time `gorm:"not null"`
			}
			type guideIssue struct {
				ID          uint      `gorm:"primaryKey"`
				Kind        string    `gorm:"size:32;not null;index:idx_guide_issue_kind"`
				DocumentID  uint      `gorm:"not null;uniqueIndex:uk_guide_issue_document"`
				ContentID   uint      `gorm:"not null;default:0"`
				Year        int       `gorm:"not null;default:0"`
				Fingerprint string    `gorm:"size:64;not null;default:''"`
				Rows        int       `gorm:"not null;default:0"`
				IssuedAt    time.Time `gorm:"not null"`
			}
			if err := tx.Table("guide_contents").AutoMigrate(&guideContent{}); err != nil {
				return err
			}
			return tx.Table("guide_issues").AutoMigrate(&guideIssue{})
		},
	},
}
