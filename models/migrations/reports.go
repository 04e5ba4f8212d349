package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models/frozen"
)

// reportSteps add what issue 5's documents need: the office's text of each
// section of an annual report draft (年度报告).
var reportSteps = []*gormigrate.Migration{
	{
		ID: "2026112204_reports",
		Migrate: func(tx *gorm.DB) error {
			return tx.AutoMigrate(&frozen.AnnualReportText{})
		},
	},
}
