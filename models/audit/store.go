// Package audit reads the audit log: the entries a viewer may see, their
// export, and the chain's anchor kept outside the database. Writing the log
// (Store.Audited, Tx.Record, the hash chain) stays in the core, which every
// change goes through.
package audit

import (
	"context"
	"database/sql"

	"github.com/gongkai/gongkai/models"
)

// Store reads the audit log of the application's database.
type Store struct{ *models.Store }

// New returns the audit log reader on s.
func New(s *models.Store) *Store { return &Store{s} }

// ChangesTo is the count of changes (models.Store.Changes) at which a
// record of one of entities (the names audit entries give them) last
// changed, 0 before any: a cache of what only those records decide is
// keyed by it, and outlives every other change. It reads one short row per
// entity (models.AuditEntityHead), which the chain moves in the same
// transaction as its head.
func (s *Store) ChangesTo(ctx context.Context, entities ...string) (int64, error) {
	var seq sql.NullInt64
	err := s.DB.WithContext(ctx).Model(&models.AuditEntityHead{}).Select("MAX(seq)").Where("entity IN ?", entities).Scan(&seq).Error
	return seq.Int64, err
}
