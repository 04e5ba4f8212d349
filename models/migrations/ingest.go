package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models/frozen"
)

// ingestionSteps add what issue 4's ingestion needs: the import history,
// the registered sources that are pulled or push through the API, and their
// API tokens.
var ingestionSteps = []*gormigrate.Migration{
	{
		ID: "2026112202_ingestion",
		Migrate: func(tx *gorm.DB) error {
			return tx.AutoMigrate(&frozen.ImportRun{}, &frozen.Source{}, &frozen.APIToken{})
		},
	},
}
