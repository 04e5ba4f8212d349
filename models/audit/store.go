// Package audit reads the audit log: the entries a viewer may see, their
// export, and the chain's anchor kept outside the database. Writing the log
// (Store.Audited, Tx.Record, the hash chain) stays in the core, which every
// change goes through.
package audit

import (
	"github.com/gongkai/gongkai/models"
)

// Store reads the audit log of the application's database.
type Store struct{ *models.Store }

// New returns the audit log reader on s.
func New(s *models.Store) *Store { return &Store{s} }
