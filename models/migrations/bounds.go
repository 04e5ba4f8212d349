package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// boundsSteps (issue 11): an import run names the process running it, so
// that runs left "running" by a crash are marked failed at the next start.
var boundsSteps = []*gormigrate.Migration{
	{
		ID: "2026120401_import_run_owner",
		Migrate: func(tx *gorm.DB) error {
			type ImportRun struct {
				Owner string `gorm:"size:96"`
			}
			// An earlier step migrates the live ImportRun struct, which
			// may already carry the column on a new install.
			if tx.Migrator().HasColumn(&ImportRun{}, "Owner") {
				return nil
			}
			if err := tx.Migrator().AddColumn(&ImportRun{}, "Owner"); err != nil {
				return fmt.Errorf("add import_runs.owner: %w", err)
			}
			return nil
		},
	},
}
