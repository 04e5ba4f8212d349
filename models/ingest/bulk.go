package ingest

import (
	"context"
	"database/sql"
	"strings"

	"gorm.io/gorm"
)

// bulk sends rows in multi-row statements. Full batches reuse one prepared
// statement; the last, shorter one is sent on its own.
type bulk struct {
	pool     gorm.ConnPool
	t        *table
	head     string // INSERT INTO t (columns) VALUES
	suffix   string
	tuple    string // (?, ?, ...)
	per      int
	stmt     *sql.Stmt
	args     []any
	stamps   []any
	n        int
	affected int64
}

// mysqlRowsPerStatement: MySQL takes large statements (up to 65535 bound
// parameters); SQLite's size is in upsert_sqlite.go.
const mysqlRowsPerStatement = 500

func (w *writer) bulk(pool gorm.ConnPool, t *table, suffix string, withCreated bool) *bulk {
	cols := t.columnList(withCreated)
	b := &bulk{
		pool:   pool,
		t:      t,
		head:   "INSERT INTO " + quote(t.name) + " (" + strings.Join(cols, ", ") + ") VALUES ",
		suffix: suffix,
		tuple:  "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")",
		per:    sqliteRowsPerStatement,
		stamps: []any{w.now},
	}
	if w.dialect == "mysql" {
		b.per = mysqlRowsPerStatement
	}
	if withCreated && t.created {
		b.stamps = append(b.stamps, w.now)
	}
	b.args = make([]any, 0, b.per*len(cols))
	return b
}

func (b *bulk) statement(n int) string {
	return b.head + strings.TrimSuffix(strings.Repeat(b.tuple+", ", n), ", ") + b.suffix
}

func (b *bulk) add(ctx context.Context, vals []string) error {
	for i, f := range b.t.fields {
		b.args = append(b.args, bind(f.typ, vals[i]))
	}
	b.args = append(b.args, b.stamps...)
	b.n++
	if b.n == b.per {
		return b.flush(ctx)
	}
	return nil
}

func (b *bulk) flush(ctx context.Context) error {
	if b.n == 0 {
		return nil
	}
	var res sql.Result
	var err error
	if b.n == b.per {
		if b.stmt == nil {
			if b.stmt, err = b.pool.PrepareContext(ctx, b.statement(b.per)); err != nil {
				return err
			}
		}
		res, err = b.stmt.ExecContext(ctx, b.args...)
	} else {
		res, err = b.pool.ExecContext(ctx, b.statement(b.n), b.args...)
	}
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	b.affected += n
	b.args, b.n = b.args[:0], 0
	return nil
}

func (b *bulk) close() {
	if b.stmt != nil {
		b.stmt.Close()
	}
}
