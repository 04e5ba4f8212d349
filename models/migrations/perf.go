package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// performanceSteps add indexes that pages asked on every view need at
// province scale.
var performanceSteps = []*gormigrate.Migration{
	{
		// Publications whose own secrecy review forbids publishing, for the
		// disclosure flags the overview counts on every view.
		ID: "2026120301_publication_review_index",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec("CREATE INDEX idx_publications_review ON publications (review)").Error; err != nil {
				return fmt.Errorf("index publications by review: %w", err)
			}
			return nil
		},
	},
	{
		// A department's page says 第 N 名（共 M 个参评单位）: M is counted from
		// the index, not from rows that carry each department's explanation.
		ID: "2026120302_score_rank_index",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec("CREATE INDEX idx_department_scores_rank ON department_scores (run_id, rank_no)").Error; err != nil {
				return fmt.Errorf("index department scores by rank: %w", err)
			}
			return nil
		},
	},
}
