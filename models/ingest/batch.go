package ingest

import (
	"context"
	"database/sql"
	"hash/maphash"
	"time"

	"github.com/gongkai/gongkai/models"
)

// batch is one kind's side of an import. It checks rows as they are read
// and, for the record kinds, hands the new ones to the database at once, so
// that checking and writing overlap; the rest is written when every row has
// been read. All of it is in the import's transaction, but for SQLite's
// new rows, which are copied in chunks of their own (upsert_sqlite.go).
type batch interface {
	// add checks the checker's current row; the checker holds any errors.
	add(c *checker)
	// abort says nothing of this import will be kept (a bad row, and no
	// Partial): stop writing, the transaction will be rolled back.
	abort()
	// finish runs the checks that need every row (a department's parent
	// may come later in the file) and returns rows rejected only now.
	finish(c *checker) []*badRow
	// write completes the writes once every row is read.
	write(ctx context.Context) (counts, error)
	// Close stops any write still running.
	Close()
}

// counts is what a write did.
type counts struct{ inserted, updated, unchanged int }

// writer is what a batch writes through: the import's transaction and, on
// SQLite, the connection that stages new rows and copies them in chunks.
type writer struct {
	tx         *models.Tx
	dialect    string
	now        time.Time
	noLoadData bool // use multi-row INSERT on MySQL too (tests of that path)
	run        uint // the import run, whose chunks import_undo remembers
	store      *models.Store
	pin        *sql.Conn                // SQLite's stage connection, taken by the first stage
	chunk      int64                    // rows per chunk on SQLite
	writing    func(written, total int) // Options.Writing
	chunked    bool                     // a chunk is committed: settle it, or undo it
}

// recordKind is a kind stored in one table with a natural key: everything
// but departments.
type recordKind struct {
	table  *table
	keyCol int                       // the input column a duplicate key is reported on
	build  func(c *checker) []string // checks a row and returns it aligned to table.fields
}

// tableBatch checks the rows of a record kind and sorts the good ones, by
// the keys and fingerprints of the rows already stored, into new (written
// at once), changed (written at the end, audit-logged) and unchanged
// (counted).
type tableBatch struct {
	ctx     context.Context // the import's; a batch lives for one import
	kind    recordKind
	w       *writer
	stored  map[string]stored
	seed    maphash.Seed
	ins     inserter // started by the first new row
	news    int
	changed []changedRow
	counts  counts
	only    uint
	aborted bool
	err     error // starting the inserter failed; returned by write
}

type changedRow struct {
	id   int64
	vals []string
}

// newTableBatch reads the stored keys. It reads outside the transaction on
// purpose: SQLite then takes its write lock with the first insert rather
// than upgrading a read lock, which fails if another writer came between.
func newTableBatch(ctx context.Context, store *models.Store, w *writer, k recordKind, only uint, rows int) (*tableBatch, error) {
	b := &tableBatch{ctx: ctx, kind: k, w: w, seed: maphash.MakeSeed(), only: only}
	var err error
	b.stored, err = k.table.loadStored(ctx, store.DB, only, b.seed, min(rows, 1<<22))
	return b, err
}

func (b *tableBatch) add(c *checker) {
	vals := b.kind.build(c)
	if !c.ok() {
		return
	}
	t := b.kind.table
	key := t.key(vals)
	s, found := b.stored[key]
	switch {
	case found && s.line != 0:
		c.fail(b.kind.keyCol, "与第 %d %s的%s相同，同一条记录出现了两次", s.line, c.lay.unit, t.keyName)
		return
	case found && b.only != 0 && t.deptField >= 0 && s.owner != b.only:
		c.fail(b.kind.keyCol, "该%s已登记在其他部门名下，本来源不能修改", t.keyName)
		return
	}
	s.line = c.row.line
	h := sum(b.seed, vals)
	switch {
	case !found:
		b.insert(vals)
	case s.sum == h:
		b.counts.unchanged++
	case s.worked:
		c.fail(b.kind.keyCol, "该申请在系统中登记办理，导入不能覆盖：本行与系统中的记录不同，请在系统中修改，或从文件中删去这一行")
		return
	default:
		b.changed = append(b.changed, changedRow{id: s.id, vals: vals})
	}
	b.stored[key] = s
}

func (b *tableBatch) insert(vals []string) {
	b.news++
	if b.aborted || b.err != nil {
		return
	}
	if b.ins == nil {
		if b.ins, b.err = b.w.inserter(b.ctx, b.kind.table); b.err != nil {
			return
		}
	}
	b.ins.add(vals)
}

func (b *tableBatch) abort() {
	b.aborted = true
	if b.ins != nil {
		b.ins.abort()
	}
}

func (b *tableBatch) finish(*checker) []*badRow { return nil }

func (b *tableBatch) write(ctx context.Context) (counts, error) {
	if b.err != nil {
		return counts{}, b.err
	}
	if b.ins != nil {
		err := b.ins.close()
		b.ins = nil
		if err != nil {
			return counts{}, err
		}
	}
	b.counts.inserted = b.news
	t := b.kind.table
	// Changed rows go in chunks: their old values for the audit log, the
	// upsert, and one audit entry each.
	for start := 0; start < len(b.changed); start += updateChunk {
		chunk := b.changed[start:min(start+updateChunk, len(b.changed))]
		ids := make([]int64, len(chunk))
		for i, r := range chunk {
			ids[i] = r.id
		}
		before, err := t.loadByID(ctx, b.w.tx, ids)
		if err != nil {
			return counts{}, err
		}
		if err := b.w.update(ctx, t, chunk); err != nil {
			return counts{}, err
		}
		changes := make([]models.Change, len(chunk))
		for i, r := range chunk {
			changes[i] = models.Change{Action: "update", Entity: t.entity, ID: r.id, Before: t.asMap(before[r.id]), After: t.asMap(r.vals)}
		}
		if err := b.w.tx.RecordAll(changes); err != nil {
			return counts{}, err
		}
	}
	b.counts.updated = len(b.changed)
	return b.counts, nil
}

// updateChunk bounds the memory of the audit entries of one round.
const updateChunk = 1000

func (b *tableBatch) Close() {
	if b.ins != nil {
		b.ins.abort()
		_ = b.ins.close() // the import has already failed; this only stops the writer
	}
}

// asMap names a canonical row's values by column, for the audit log.
func (t *table) asMap(vals []string) map[string]string {
	if vals == nil {
		return nil
	}
	m := make(map[string]string, len(t.fields))
	for i, f := range t.fields {
		m[f.col] = vals[i]
	}
	return m
}
