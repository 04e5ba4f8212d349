package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// jobSteps move background imports' progress from one instance's memory
// into the database (issue 15), so that any instance serves a job's page.
var jobSteps = []*gormigrate.Migration{
	{
		ID: "2026120601_import_jobs",
		Migrate: func(tx *gorm.DB) error {
			// The table as this step made it.
			type importJob struct {
				ID              string    `gorm:"primaryKey;size:32"`
				UserID          uint      `gorm:"not null;index"`
				Kind            string    `gorm:"size:32;not null"`
				FileName        string    `gorm:"size:255;not null"`
				Owner           string    `gorm:"size:96;not null"`
				StartedAt       time.Time `gorm:"not null;index"`
				Done            int64     `gorm:"not null;default:0"`
				Total           int64     `gorm:"not null;default:0"`
				Finished        bool      `gorm:"not null;default:false"`
				CancelRequested bool      `gorm:"not null;default:false"`
				Message         string    `gorm:"type:text"`
				Report          string    `gorm:"type:longtext"`
				UpdatedAt       time.Time
			}
			return tx.Table("import_jobs").AutoMigrate(&importJob{})
		},
	},
}
