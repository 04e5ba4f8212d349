package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// officialSteps hold what official records need: a sanctioned department
// answers its case (a rectification reported done, waiting for the
// discipline office to verify it, and the files a department attaches to
// its report or its appeal); a commendation withdrawn on re-opening and the
// grades each results notice published, for its 更正; the figures of each
// final annual report as issued.
var officialSteps = []*gormigrate.Migration{
	{
		ID: "2026120750_case_answers",
		Migrate: func(tx *gorm.DB) error {
			// The columns as this step made them.
			type sanction struct {
				Reported   *time.Time `gorm:"type:date"`
				ReportText string     `gorm:"type:text"`
				ReportedBy string     `gorm:"size:64;not null;default:''"`
			}
			type attachment struct {
				AppealID   uint `gorm:"not null;default:0"`
				SanctionID uint `gorm:"not null;default:0"`
			}
			if err := tx.Table("accountability_sanctions").AutoMigrate(&sanction{}); err != nil {
				return err
			}
			return tx.Table("accountability_attachments").AutoMigrate(&attachment{})
		},
	},
	{
		ID: "2026120751_results_notices",
		Migrate: func(tx *gorm.DB) error {
			// The shapes as this step made them.
			type commendation struct {
				WithdrawnAt     *time.Time
				WithdrawnReason string `gorm:"size:512;not null;default:''"`
			}
			type published struct {
				ID           uint   `gorm:"primaryKey"`
				DocumentID   uint   `gorm:"not null;index:idx_assessment_published_document"`
				DepartmentID uint   `gorm:"not null"`
				Grade        string `gorm:"size:16;not null"`
			}
			if err := tx.Table("assessment_commendations").AutoMigrate(&commendation{}); err != nil {
				return err
			}
			return tx.Table("assessment_published_grades").AutoMigrate(&published{})
		},
	},
	{
		ID: "2026120752_annual_report_issues",
		Migrate: func(tx *gorm.DB) error {
			// The table as this step made it: the figures of each issued
			// annual report, as issued.
			type issue struct {
				ID           uint   `gorm:"primaryKey"`
				Year         int    `gorm:"not null;index:idx_annual_report_issue,priority:1"`
				DepartmentID uint   `gorm:"not null;index:idx_annual_report_issue,priority:2"`
				DocumentID   uint   `gorm:"not null"`
				Figures      string `gorm:"type:text;not null"`
			}
			return tx.Table("annual_report_issues").AutoMigrate(&issue{})
		},
	},
}
