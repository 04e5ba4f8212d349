// Package audit reads the audit log: the entries a viewer may see, their
// export, and the chain's anchor kept outside the database. Writing the log
// (Store.Audited, Tx.Record, the hash chain) stays in the core, which every
// change goes through.
package audit

import (
	"context"

	"github.com/gongkai/gongkai/models"
)

// Store reads the audit log of the application's database.
type Store struct{ *models.Store }

// New returns the audit log reader on s.
func New(s *models.Store) *Store { return &Store{s} }

// ChangesTo is the count of changes (models.Store.Changes) at which a
// record of one of entities (the names audit entries give them) last
// changed, 0 before any: a cache of what only those records decide is
// keyed by it, and outlives every other change (models.Stamps.To).
func (s *Store) ChangesTo(ctx context.Context, entities ...string) (int64, error) {
	st, err := s.Stamps(ctx)
	return st.To(entities...), err
}
