package models

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// scoringSteps add scheme versions and stored score runs.
var scoringSteps = []*gormigrate.Migration{
	{
		ID: "2026112203_scoring",
		Migrate: func(tx *gorm.DB) error {
			return tx.AutoMigrate(&SchemeVersion{}, &ScoreRun{}, &DepartmentScore{})
		},
	},
}
