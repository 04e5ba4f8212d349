package models

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// answerSteps let a sanctioned department answer its case (issue 20 item
// 7): a rectification reported done, waiting for the discipline office to
// verify it, and the files a department attaches to its report or its
// appeal.
var answerSteps = []*gormigrate.Migration{
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
}
