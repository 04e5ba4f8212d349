// Package audit reads the audit log: the entries a viewer may see, their
// export, and the chain's anchor kept outside the database. Writing the log
// (Store.Audited, Tx.Record, the hash chain) stays in the core, which every
// change goes through.
package audit

import (
	"context"
	"database/sql"
	"strings"

	"github.com/gongkai/gongkai/models"
)

// Store reads the audit log of the application's database.
type Store struct{ *models.Store }

// New returns the audit log reader on s.
func New(s *models.Store) *Store { return &Store{s} }

// ChangesTo is the count of changes (models.Store.Changes) at which a record of one of entities (the
// names audit entries give them) last changed, 0 before any: a cache of
// what only those records decide is keyed by it, and outlives every other
// change. One index dive per entity (idx_audit_entity_seq).
func (s *Store) ChangesTo(ctx context.Context, entities ...string) (int64, error) {
	parts := make([]string, len(entities))
	args := make([]any, len(entities))
	for i, e := range entities {
		parts[i], args[i] = "SELECT MAX(seq) AS seq FROM audit_entries WHERE entity = ?", e
	}
	var seq sql.NullInt64
	err := s.DB.WithContext(ctx).Raw("SELECT MAX(seq) FROM ("+strings.Join(parts, " UNION ALL ")+") AS newest", args...).Scan(&seq).Error
	return seq.Int64, err
}
