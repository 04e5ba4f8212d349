package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"gorm.io/gorm"
)

// inserter writes new rows while the input is still being read: the
// database stores one batch while the next is parsed. Rows were found new
// when they were checked; if another writer stored one of them since, close
// fails with errConflict rather than overwrite it unseen.
type inserter interface {
	add(vals []string) // a failure is kept for close
	abort()            // write nothing more: the transaction will be rolled back
	close() error      // wait until every row added is written
}

// inserter picks the fastest way in: LOAD DATA on a MySQL server that allows
// it, on SQLite a stage copied in chunks when the table numbers its rows
// (all but the few rows of holiday_years, keyed by year), multi-row INSERT
// in the import's transaction otherwise.
func (w *writer) inserter(ctx context.Context, t *table) (inserter, error) {
	if w.dialect == "mysql" && !w.noLoadData {
		ok, err := w.localInfile(ctx)
		if err != nil {
			return nil, err
		}
		if ok {
			return w.loadData(ctx, t), nil
		}
	}
	if w.dialect == "sqlite" && t.id == "id" {
		return w.stagedInsert(ctx, t)
	}
	return w.bulkInsert(ctx, t), nil
}

// bulkInserter sends rows in multi-row INSERTs from its own goroutine.
type bulkInserter struct {
	rows    chan []string
	done    chan error
	stopped atomic.Bool
}

func (w *writer) bulkInsert(ctx context.Context, t *table) *bulkInserter {
	return w.bulkInto(ctx, t, w.tx.DB.Statement.ConnPool, "", nil, nil)
}

// bulkInto is bulkInsert through pool into the table named into ("" for t
// itself); finish, when set, runs once every row is sent and returns the
// rows it stored in t; release, when set, runs last in every case.
func (w *writer) bulkInto(ctx context.Context, t *table, pool gorm.ConnPool, into string, finish func() (int64, error), release func()) *bulkInserter {
	ins := &bulkInserter{rows: make(chan []string, 4096), done: make(chan error, 1)}
	go func() {
		if release != nil {
			defer release()
		}
		b := w.bulk(pool, t, "", true)
		if into != "" {
			b.head = strings.Replace(b.head, quote(t.name), into, 1)
		}
		defer b.close()
		var err error
		sent := 0
		for vals := range ins.rows { // drained to the end, so add never blocks for good
			if err == nil && !ins.stopped.Load() {
				err = b.add(ctx, vals)
				sent++
			}
		}
		if err == nil && !ins.stopped.Load() {
			err = b.flush(ctx)
		}
		if err == nil && !ins.stopped.Load() && finish != nil {
			b.affected, err = finish()
		}
		switch {
		case err != nil:
			err = w.writeError(t, err)
		case !ins.stopped.Load() && b.affected != int64(sent):
			err = errConflict
		}
		ins.done <- err
	}()
	return ins
}

func (ins *bulkInserter) add(vals []string) { ins.rows <- vals }

func (ins *bulkInserter) abort() { ins.stopped.Store(true) }

func (ins *bulkInserter) close() error {
	close(ins.rows)
	return <-ins.done
}

// update writes changed rows with a multi-row upsert on the natural key.
func (w *writer) update(ctx context.Context, t *table, rows []changedRow) error {
	b := w.bulk(w.tx.DB.Statement.ConnPool, t, w.upsertSuffix(t), true)
	defer b.close()
	for _, r := range rows {
		if err := b.add(ctx, r.vals); err != nil {
			return w.writeError(t, err)
		}
	}
	if err := b.flush(ctx); err != nil {
		return w.writeError(t, err)
	}
	return nil
}

// writeError names a duplicate key what it is here: a concurrent import.
func (w *writer) writeError(t *table, err error) error {
	if tr, ok := w.tx.DB.Dialector.(gorm.ErrorTranslator); ok && errors.Is(tr.Translate(err), gorm.ErrDuplicatedKey) {
		return fmt.Errorf("%w (%s)", errConflict, t.name)
	}
	return fmt.Errorf("write %s: %w", t.name, err)
}

// upsertSuffix makes an INSERT update the row whose natural key it hits.
func (w *writer) upsertSuffix(t *table) string {
	set := make([]string, 0, len(t.fields))
	for _, f := range slices.Concat(t.fields[t.nKey:], []field{{col: "updated_at"}}) {
		if w.dialect == "mysql" {
			set = append(set, quote(f.col)+"=VALUES("+quote(f.col)+")")
		} else {
			set = append(set, quote(f.col)+"=excluded."+quote(f.col))
		}
	}
	if w.dialect == "mysql" {
		return " ON DUPLICATE KEY UPDATE " + strings.Join(set, ", ")
	}
	keys := make([]string, t.nKey)
	for i, f := range t.fields[:t.nKey] {
		keys[i] = quote(f.col)
	}
	return " ON CONFLICT (" + strings.Join(keys, ", ") + ") DO UPDATE SET " + strings.Join(set, ", ")
}
