package models

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// workSteps add what issue 12's working day needs: the versions of the
// reports departments file in the app, and the rest of Annex 3's liaison
// form (相关信息, 填报日期).
var workSteps = []*gormigrate.Migration{
	{
		ID: "2026120412_report_filings",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.AutoMigrate(&ReportFiling{}); err != nil {
				return err
			}
			m := tx.Migrator()
			for _, col := range []string{"Notes", "LiaisonFiled"} {
				if !m.HasColumn(&Department{}, col) {
					if err := m.AddColumn(&Department{}, col); err != nil {
						return err
					}
				}
			}
			return nil
		},
	},
}
