package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// pageSteps add the indexes the pages of issue 27 read at province scale:
// a standing or a ranking from the index alone, never from rows that carry
// each department's explanation.
var pageSteps = []*gormigrate.Migration{
	{
		// A run's scores without their detail (RunScores): every column a
		// ranking reads, in the index, so that 3,000 standings are one
		// index scan instead of 3,000 visits of rows as long as their
		// explanation. It replaces the (run_id, rank_no) index it extends.
		ID: "2026121300_score_cover_index",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec("CREATE INDEX idx_department_scores_cover ON department_scores (run_id, rank_no, department_id, total, grade, veto, capped)").Error; err != nil {
				return fmt.Errorf("index department scores for rankings: %w", err)
			}
			if err := tx.Migrator().DropIndex("department_scores", "idx_department_scores_rank"); err != nil {
				return fmt.Errorf("drop the narrower score index: %w", err)
			}
			return nil
		},
	},
	{
		// The ledgers at scale (issue 27 item 4): the publications list
		// newest first, for the office and for one department, the
		// deferred works still unsettled, and an inbox newest first, each
		// read from an index in order instead of sorting a million rows.
		ID: "2026121301_ledger_indexes",
		Migrate: func(tx *gorm.DB) error {
			for _, ix := range []string{
				"CREATE INDEX idx_publication_works_formed ON publication_works (formed, id)",
				"CREATE INDEX idx_publication_works_dept_formed ON publication_works (department_id, formed, id)",
				"CREATE INDEX idx_publication_works_deferred ON publication_works (defer_settled, deferred_until)",
				"CREATE INDEX idx_notifications_newest ON notifications (user_id, created_at, id)",
			} {
				if err := tx.Exec(ix).Error; err != nil {
					return fmt.Errorf("index the ledgers: %w", err)
				}
			}
			return nil
		},
	},
	{
		// The newest change of a kind of record (audit.Store.ChangesTo):
		// the last Seq of each entity's entries, moved with the chain's
		// head, for the caches keyed by what they show (a year's
		// standings move with runs and the assessment, not with a liaison
		// form saved). One short row per kind of record.
		ID: "2026121602_audit_entity_heads",
		Migrate: func(tx *gorm.DB) error {
			opts := ""
			if tx.Dialector.Name() == "mysql" {
				opts = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"
			}
			if err := tx.Exec("CREATE TABLE audit_entity_heads (entity varchar(64) NOT NULL PRIMARY KEY, seq bigint NOT NULL)" + opts).Error; err != nil {
				return fmt.Errorf("create audit_entity_heads: %w", err)
			}
			if err := tx.Exec("INSERT INTO audit_entity_heads (entity, seq) SELECT entity, MAX(seq) FROM audit_entries GROUP BY entity").Error; err != nil {
				return fmt.Errorf("fill audit_entity_heads: %w", err)
			}
			return nil
		},
	},
}
