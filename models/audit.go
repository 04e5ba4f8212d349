package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AuditEntry is one change to data: who, when, what, before and after.
// Entries are written in the same transaction as the change they describe,
// so a change without its entry cannot be committed.
type AuditEntry struct {
	ID       uint      `gorm:"primaryKey"`
	At       time.Time `gorm:"not null;index"`
	UserID   uint      `gorm:"index"` // 0: the system (start-up, CLI)
	UserName string    `gorm:"size:64;not null"`
	Action   string    `gorm:"size:32;not null"` // create, update, delete, import, sign-in ...
	Entity   string    `gorm:"size:64;not null;index:idx_audit_entity"`
	EntityID string    `gorm:"size:64;index:idx_audit_entity"`
	Before   string    `gorm:"type:longtext"` // a score run records every department: more than TEXT's 64 KB on MySQL
	After    string    `gorm:"type:longtext"`
	// DepartmentID is the department the entry is about, 0 for none (or for
	// an entry written before the column): see auditDepartment.
	DepartmentID uint `gorm:"not null;default:0;index"`
	// The hash chain (audit_chain.go): the entry's place in the chain, the
	// hash of the entry before it and its own hash over both and its content.
	Seq      int64  `gorm:"not null;default:0;uniqueIndex:uk_audit_seq"`
	PrevHash string `gorm:"size:64;not null;default:''"`
	Hash     string `gorm:"size:64;not null;default:''"`
}

// Tx is a transaction that knows who is acting, so it can record audit entries.
type Tx struct {
	DB     *gorm.DB
	Viewer Viewer
	// pending entries are chained and written when the transaction's work
	// is done, holding the chain's head for as short a time as possible.
	// Past auditSpillAt they wait in a temporary file (spill), so that an
	// import updating a million rows neither holds the head, and with it
	// every other audited change, while it works, nor keeps its entries in
	// memory.
	pending []AuditEntry
	spill   *auditSpill
}

// Audited runs fn in one transaction on behalf of v. A transaction that
// MySQL aborts as a deadlock, or that a Galera cluster refuses to certify
// because another node changed the same rows first (both error 1213), is
// run again from the start, up to three times in all: fn must do nothing
// that it cannot do twice, except through tx. So is one that hits a unique
// key another transaction has just taken: a double submit, two identical
// posts at once, each checked before either was written. Run again, it
// sees the other's row and answers as the Store answers a second submit;
// a duplicate that still remains is refused (ErrDuplicate), never an
// error of the database.
func (s *Store) Audited(ctx context.Context, v Viewer, fn func(tx *Tx) error) error {
	err := again(ctx, func(err error) bool { return IsDeadlock(err) || IsDuplicate(err) }, func() error { return s.audited(ctx, v, nil, fn) })
	if IsDuplicate(err) {
		return ErrDuplicate
	}
	return err
}

// Transaction runs fn in one transaction of what the audit log does not
// record (a session, a notification read), after this process's other
// writers on SQLite, and again as Audited does on a deadlock or a Galera
// cluster's refusal: two instances moving one head (stamps.Bump) at once.
func (s *Store) Transaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return again(ctx, IsDeadlock, func() error {
		defer s.takeWriter(ctx)()
		return s.DB.WithContext(ctx).Transaction(fn)
	})
}

// again runs attempt up to three times in all while retry says its error
// is worth another, waiting a little longer each time.
func again(ctx context.Context, retry func(error) bool, attempt func() error) error {
	for n := 1; ; n++ {
		err := attempt()
		if n == 3 || !retry(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(n*n) * 50 * time.Millisecond):
		}
	}
}

// AuditedOnce runs fn in one transaction on behalf of v, once: for work
// that cannot be repeated, such as an import reading its file as it writes.
// On SQLite the transaction begins as a reader, unlike every other: an
// import writes its new rows through a connection of its own
// (models/ingest/upsert_sqlite.go) and takes the writer's lock only for
// its last statements, so other people's changes go on meanwhile.
func (s *Store) AuditedOnce(ctx context.Context, v Viewer, fn func(tx *Tx) error) error {
	var opts *sql.TxOptions
	if s.Dialect == "sqlite" {
		// The driver begins a transaction flagged read-only as BEGIN
		// DEFERRED, and SQLite has no read-only transaction to enforce:
		// this is the one way to ask for a reader's start beside
		// _txlock=immediate (store.go).
		opts = &sql.TxOptions{ReadOnly: true}
	}
	return s.audited(ctx, v, opts, fn)
}

func (s *Store) audited(ctx context.Context, v Viewer, opts *sql.TxOptions, fn func(tx *Tx) error) error {
	var o []*sql.TxOptions
	if opts != nil {
		o = append(o, opts)
	} else {
		defer s.takeWriter(ctx)()
	}
	return s.DB.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		tx := &Tx{DB: db, Viewer: v}
		defer func() { tx.spill.close() }() // the spill is made, if at all, by fn
		if err := fn(tx); err != nil {
			return err
		}
		return tx.flush()
	}, o...)
}

// ErrDuplicate refuses a change that would write a second copy of what
// another request has just written (a unique key taken at the same
// instant), when running it again did not tell more.
var ErrDuplicate = Invalid("", "refuse.duplicate")

// IsDuplicate reports a unique key taken: MySQL's error 1062 or SQLite's
// UNIQUE or PRIMARY KEY constraint, as GORM translates both.
func IsDuplicate(err error) bool {
	var me *mysql.MySQLError
	return errors.Is(err, gorm.ErrDuplicatedKey) || errors.As(err, &me) && me.Number == 1062
}

// IsDeadlock reports a MySQL deadlock or Galera certification failure:
// work worth running again from its start.
func IsDeadlock(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && me.Number == 1213
}

// Record writes an audit entry; before and after are stored as JSON
// (nil for a creation's before or a deletion's after).
func (tx *Tx) Record(action, entity string, id any, before, after any) error {
	return tx.RecordAll([]Change{{Action: action, Entity: entity, ID: id, Before: before, After: after}})
}

// JSONOrEmpty encodes v for an audit entry: "" for nil.
func JSONOrEmpty(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(b)
}

// ForUpdate reads rows locked until the transaction ends (MySQL's SELECT
// ... FOR UPDATE, which also reads the newest committed version rather than
// the transaction's snapshot). SQLite writes one transaction at a time and
// has no such clause.
func (tx *Tx) ForUpdate() *gorm.DB {
	if tx.DB.Dialector.Name() == "mysql" {
		return tx.DB.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return tx.DB
}
