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

// LastID is the id of the newest audit entry. Every change the Store makes
// is audited in its own transaction, so the id grows with each: a cache
// keyed by it (with the newest import) never serves what a change has made
// stale.
func (s *Store) LastID(ctx context.Context) (uint, error) {
	var id uint
	err := s.DB.WithContext(ctx).Model(&models.AuditEntry{}).Select("COALESCE(MAX(id), 0)").Scan(&id).Error
	return id, err
}
