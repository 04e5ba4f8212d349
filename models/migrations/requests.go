package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// requestFlowSteps hold the steps of a request worked in the app (补正,
// 征求第三方意见, 延期, 内部转办, 答复), each with its date, who took it
// and the letter it issued, and the office's templates of those letters.
var requestFlowSteps = []*gormigrate.Migration{
	{
		ID: "2026120810_request_steps",
		Migrate: func(tx *gorm.DB) error {
			// The tables as this step made them.
			type requestStep struct {
				ID         uint      `gorm:"primaryKey"`
				RequestID  uint      `gorm:"not null;uniqueIndex:uk_request_step,priority:1"`
				Seq        int       `gorm:"not null;uniqueIndex:uk_request_step,priority:2"`
				Kind       string    `gorm:"size:32;not null"`
				On         time.Time `gorm:"type:date;not null"`
				Note       string    `gorm:"type:text"`
				Party      string    `gorm:"size:128;not null;default:''"`
				PartyID    uint      `gorm:"not null;default:0"`
				Opinion    string    `gorm:"size:16;not null;default:''"`
				DocumentID uint      `gorm:"not null;default:0"`
				By         string    `gorm:"size:64;not null;default:''"`
				At         time.Time `gorm:"not null"`
			}
			type requestLetterTemplate struct {
				ID      uint      `gorm:"primaryKey"`
				Kind    string    `gorm:"size:32;not null;uniqueIndex:uk_request_letter,priority:1"`
				Version int       `gorm:"not null;uniqueIndex:uk_request_letter,priority:2"`
				Body    string    `gorm:"type:text"`
				SavedBy string    `gorm:"size:64;not null;default:''"`
				SavedAt time.Time `gorm:"not null"`
			}
			if err := tx.Table("request_steps").AutoMigrate(&requestStep{}); err != nil {
				return err
			}
			return tx.Table("request_letter_templates").AutoMigrate(&requestLetterTemplate{})
		},
	},
}
