package migrations

import (
	"fmt"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// heartbeatSteps (issue 21): import runs and upload jobs carry a heartbeat
// renewed while they work, so that a run left "running" by a process that
// died is known dead whatever process id its owner had.
var heartbeatSteps = []*gormigrate.Migration{
	{
		ID: "2026120725_import_heartbeats",
		Migrate: func(tx *gorm.DB) error {
			type heartbeat struct {
				HeartbeatAt *time.Time
			}
			for _, table := range []string{"import_runs", "import_jobs"} {
				if err := tx.Table(table).AutoMigrate(&heartbeat{}); err != nil {
					return fmt.Errorf("add %s.heartbeat_at: %w", table, err)
				}
			}
			return nil
		},
	},
}
