package migrations

import (
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// gateSteps add what issue 20's gates keep: the office's reason for
// proposing grades before the assessment's windows closed, and the last
// reminder (催办) to a unit that has not signed its notice. The shapes are
// this step's own.
var gateSteps = []*gormigrate.Migration{
	{
		ID: "2026120730_assessment_gates",
		Migrate: func(tx *gorm.DB) error {
			type plan struct {
				EarlyReason string `gorm:"type:text"`
			}
			type member struct {
				RemindedAt *time.Time
				RemindedBy string `gorm:"size:64"`
			}
			for _, c := range []struct {
				table string
				shape any
				cols  []string
			}{
				{"assessment_plans", &plan{}, []string{"EarlyReason"}},
				{"assessment_members", &member{}, []string{"RemindedAt", "RemindedBy"}},
			} {
				m := tx.Table(c.table).Migrator()
				for _, col := range c.cols {
					if !m.HasColumn(c.shape, col) {
						if err := m.AddColumn(c.shape, col); err != nil {
							return err
						}
					}
				}
			}
			return nil
		},
	},
}
