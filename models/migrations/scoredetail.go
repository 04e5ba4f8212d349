package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// scoreDetailSteps store a department's explanation deflated (issue 27:
// writing 60 MB of JSON was most of a run's storing). The rows stored
// before stay JSON text, which the reader tells apart by its first byte;
// MariaDB needs a binary column for the deflated form, SQLite stores
// either in the column it has.
var scoreDetailSteps = []*gormigrate.Migration{
	{
		ID: "2026121500_score_detail_deflated",
		Migrate: func(tx *gorm.DB) error {
			if tx.Dialector.Name() != "mysql" {
				return nil
			}
			if err := tx.Exec("ALTER TABLE department_scores MODIFY detail LONGBLOB NOT NULL").Error; err != nil {
				return fmt.Errorf("make department_scores.detail binary: %w", err)
			}
			return nil
		},
	},
	{
		// What charts read of each result (scoreruns/figures.go), beside
		// the explanation: empty for the runs stored before, which charts
		// read from their explanations as before.
		ID: "2026121601_score_figures",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec("ALTER TABLE department_scores ADD COLUMN figures VARCHAR(2048) NOT NULL DEFAULT ''").Error; err != nil {
				return fmt.Errorf("add department_scores.figures: %w", err)
			}
			return nil
		},
	},
}
