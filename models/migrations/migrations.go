// Package migrations is the schema's history: the ordered steps that bring
// a database of any earlier release up to date. A step, once released, is
// never edited; the shapes each step created are frozen in models/frozen.
// It sits beside the core rather than in it because it is history, read
// once at start, and imports the core's few rules a step needed (the
// username rule, the audit chain's row).
package migrations

import (
	"context"
	"fmt"
	"slices"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/frozen"
)

// migrations is the ordered list of schema steps. A step, once released, is
// never edited: a change to a model gets a new step at the end. The table
// "migrations" records which steps ran, so a second start changes nothing.
var migrations = slices.Concat([]*gormigrate.Migration{
	{
		ID: "2026112201_initial",
		Migrate: func(tx *gorm.DB) error {
			// The shapes of that release, frozen (models/frozen): a later
			// change to the models is a later step, never a change here.
			return tx.AutoMigrate(
				&frozen.Department{}, &frozen.Group{},
				&frozen.User{}, &frozen.Session{}, &frozen.LoginFailure{}, &frozen.AuditEntry{},
				&frozen.CatalogItem{}, &frozen.HolidayYear{},
				&frozen.Publication{}, &frozen.Request{}, &frozen.Complaint{},
				&frozen.QuarterlyReport{}, &frozen.AnnualReport{}, &frozen.Incident{}, &frozen.AccountabilityDecision{},
			)
		},
	},
}, ingestionSteps, scoringSteps, reportSteps, auditSteps, scoreRankSteps, clockSteps, annualSteps, assessmentSteps, accountabilitySteps, performanceSteps, boundsSteps, workSteps, securitySteps, jobSteps, undoSteps, auditDepartmentSteps, heartbeatSteps, usernameSteps, documentSteps, officialSteps, gateSteps, requestWorkSteps, guideSteps, columnSteps, notifySteps, publicationWorkSteps, requestFlowSteps, postingSteps, campaignSteps, monitorSteps, pageSteps, scoreDetailSteps, inboxSteps)

// Run brings the schema up to date, one step at a time.
// A migration once started runs to the end even if ctx is cancelled: MySQL
// cannot roll DDL back, and a half-made schema is worse than a late exit.
func Run(ctx context.Context, s *models.Store) error { return RunTo(ctx, s, "") }

// RunTo runs the steps up to and including the one with the given id
// ("" for every step): a database of an earlier release, for tests of the
// steps that follow.
func RunTo(ctx context.Context, s *models.Store, id string) error {
	db := s.DB.WithContext(context.WithoutCancel(ctx))
	if s.Dialect == "mysql" {
		// Set returns an instance that shares its statement; Session makes
		// it safe to reuse for every step.
		db = db.Set("gorm:table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci").Session(&gorm.Session{})
	}
	m := gormigrate.New(db, &gormigrate.Options{
		TableName:                 "migrations",
		IDColumnName:              "id",
		IDColumnSize:              191,
		UseTransaction:            s.Dialect == "sqlite", // MySQL DDL commits implicitly
		ValidateUnknownMigrations: true,
	}, migrations)
	migrate := m.Migrate
	if id != "" {
		migrate = func() error { return m.MigrateTo(id) }
	}
	if err := migrate(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Applied lists the steps recorded as done, in order.
func Applied(ctx context.Context, s *models.Store) ([]string, error) {
	var ids []string
	err := s.DB.WithContext(ctx).Table("migrations").Order("id").Pluck("id", &ids).Error
	return ids, err
}

// IDs lists the ids of every step, in order: what a restored database must
// have run, and nothing else.
func IDs() []string {
	ids := make([]string, len(migrations))
	for i, m := range migrations {
		ids[i] = m.ID
	}
	return ids
}
