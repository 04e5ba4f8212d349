package models

import (
	"context"
	"fmt"
	"slices"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

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
}, ingestionSteps, scoringSteps, reportSteps, auditSteps, scoreRankSteps, clockSteps, annualSteps, assessmentSteps, accountabilitySteps, performanceSteps, boundsSteps, workSteps, securitySteps, jobSteps, undoSteps, auditDepartmentSteps, heartbeatSteps, usernameSteps, documentSteps, officialSteps, gateSteps)

// Migrate brings the schema up to date, one step at a time.
// A migration once started runs to the end even if ctx is cancelled: MySQL
// cannot roll DDL back, and a half-made schema is worse than a late exit.
func (s *Store) Migrate(ctx context.Context) error { return s.MigrateTo(ctx, "") }

// MigrateTo runs the steps up to and including the one with the given id
// ("" for every step): a database of an earlier release, for tests of the
// steps that follow.
func (s *Store) MigrateTo(ctx context.Context, id string) error {
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

// AppliedMigrations lists the steps recorded as done, in order.
func (s *Store) AppliedMigrations(ctx context.Context) ([]string, error) {
	var ids []string
	err := s.DB.WithContext(ctx).Table("migrations").Order("id").Pluck("id", &ids).Error
	return ids, err
}

// MigrationIDs lists the ids of every step, in order: what a restored
// database must have run, and nothing else.
func MigrationIDs() []string {
	ids := make([]string, len(migrations))
	for i, m := range migrations {
		ids[i] = m.ID
	}
	return ids
}
