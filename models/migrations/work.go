package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// workSteps add what issue 12's working day needs: the versions of the
// reports departments file in the app, and the rest of Annex 3's liaison
// form (相关信息, 填报日期). The shapes are this step's own, so that later
// changes of the live structs cannot change what it made.
var workSteps = []*gormigrate.Migration{
	{
		ID: "2026120412_report_filings",
		Migrate: func(tx *gorm.DB) error {
			type reportFiling struct {
				ID           uint      `gorm:"primaryKey"`
				Kind         string    `gorm:"size:16;not null;uniqueIndex:uk_report_filing,priority:1"`
				DepartmentID uint      `gorm:"not null;uniqueIndex:uk_report_filing,priority:2"`
				Year         int       `gorm:"not null;uniqueIndex:uk_report_filing,priority:3"`
				Quarter      int       `gorm:"not null;uniqueIndex:uk_report_filing,priority:4"`
				Version      int       `gorm:"not null;uniqueIndex:uk_report_filing,priority:5"`
				Figures      string    `gorm:"type:text;not null"`
				Signature    string    `gorm:"type:text;not null"`
				Reason       string    `gorm:"type:text"`
				FiledBy      string    `gorm:"size:64;not null"`
				FiledAt      time.Time `gorm:"not null"`
			}
			if err := tx.Table("report_filings").AutoMigrate(&reportFiling{}); err != nil {
				return err
			}
			type department struct {
				Notes        string     `gorm:"size:512"`
				LiaisonFiled *time.Time `gorm:"type:date"`
			}
			m := tx.Table("departments").Migrator()
			for _, col := range []string{"Notes", "LiaisonFiled"} {
				if !m.HasColumn(&department{}, col) {
					if err := m.AddColumn(&department{}, col); err != nil {
						return err
					}
				}
			}
			return nil
		},
	},
}
