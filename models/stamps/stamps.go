// Package stamps says where every change stands: the audit chain's head,
// each kind of record's last audited change and the heads of what is not
// audited (sessions, inboxes), read in one query for many requests at
// once. A cache keyed by a stamp (models/cache) is never stale and is never
// told to forget.
package stamps

import (
	"context"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Stamps is where every change stood at one moment, read in one query:
// the audit chain's head (Changes), each kind of record's last audited
// change (models.AuditEntityHead) and each Head. A cache keyed by a stamp
// (models/cache) is never stale and is never told to forget: a change
// moves the stamp, and the old key is not asked again.
type Stamps struct {
	// Changes is the number of audited changes ever made: the chain
	// head's Seq. Every change the application makes (an import, a run,
	// a form) is audited in its own transaction, which moves the head
	// before it commits, so it moves with each change in commit order,
	// on every node of a cluster.
	Changes  int64
	entities map[string]int64
	heads    map[string]int64
}

// To is the count of changes at which a record of one of entities (the
// names audit entries give them) last changed, 0 before any: a cache of
// what only those records decide is keyed by it and outlives every other
// change.
func (st Stamps) To(entities ...string) int64 {
	var seq int64
	for _, e := range entities {
		seq = max(seq, st.entities[e])
	}
	return seq
}

// Head is how many times the head name has moved (Bump).
func (st Stamps) Head(name string) int64 { return st.heads[name] }

// Head counts the changes of what the audit log does not record, one row
// per name: the sessions (a flash message, a sign-in's new id) and the
// inboxes (a notification arrives or is read). Its writer moves it in the
// transaction of its change (Bump).
type Head struct {
	Name string `gorm:"primaryKey;size:32"`
	Seq  int64  `gorm:"not null"`
}

// TableName names the table.
func (Head) TableName() string { return "heads" }

// The heads of what is not audited.
const (
	Sessions = "sessions" // any session written or ended
	Inboxes  = "inboxes"  // a notification sent or read
)

// Bump moves head name inside the transaction db of the change it counts,
// so that the stamp and the change are seen together.
func Bump(db *gorm.DB, name string) error {
	err := db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "name"}},
		DoUpdates: clause.Assignments(map[string]any{"seq": gorm.Expr("seq + 1")}),
	}).Create(&Head{Name: name, Seq: 1}).Error
	if err != nil {
		return fmt.Errorf("move the %s head: %w", name, err)
	}
	return nil
}

// Read reads where every change stands now, from db. A read begun before
// the call is never the answer: the caller joins the next read, which
// begins once the one under way has ended and serves everybody who asked
// meanwhile. So a change committed before the call is always seen, and
// fifty requests at once cost a query or two, not fifty. A read runs for
// all who joined it, under timeout rather than any one caller's deadline.
// Within a context of Once the first answer is kept until the context
// writes anything.
func (rs *Reader) Read(ctx context.Context, db *gorm.DB, timeout time.Duration) (Stamps, error) {
	m, _ := ctx.Value(stampsKey{}).(*stampMemo)
	if st, ok := m.get(); ok {
		return st, nil
	}
	r := rs.join(db, timeout)
	select {
	case <-r.done:
		if r.err == nil {
			m.keep(r.st)
		}
		return r.st, r.err
	case <-ctx.Done():
		return Stamps{}, ctx.Err()
	}
}

// Once returns a context whose Stamps are read once, for the pages
// of one request: every cache a page asks then agrees on one moment, and
// the request waits for one read. Once the context writes (any statement
// that changes rows, through GORM), each later call reads again, so a
// request always sees its own change.
func Once(ctx context.Context) context.Context {
	return context.WithValue(ctx, stampsKey{}, &stampMemo{})
}

type stampsKey struct{}

// stampMemo is a request's Stamps, until it writes.
type stampMemo struct {
	mu    sync.Mutex
	st    Stamps
	ok    bool
	wrote bool
}

func (m *stampMemo) get() (Stamps, bool) {
	if m == nil {
		return Stamps{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.st, m.ok && !m.wrote
}

func (m *stampMemo) keep(st Stamps) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.st, m.ok = st, true
}

// forgetStamps is the GORM callback after every statement that may write:
// its context's Stamps are read again from then on.
func forgetStamps(db *gorm.DB) {
	if m, _ := db.Statement.Context.Value(stampsKey{}).(*stampMemo); m != nil {
		m.mu.Lock()
		m.wrote = true
		m.mu.Unlock()
	}
}

// Register makes every write of db forget its context's Stamps
// (forgetStamps); the Store registers it when it opens.
func Register(db *gorm.DB) error {
	cb := db.Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("gongkai:forget_stamps", forgetStamps),
		cb.Update().After("gorm:update").Register("gongkai:forget_stamps", forgetStamps),
		cb.Delete().After("gorm:delete").Register("gongkai:forget_stamps", forgetStamps),
		cb.Raw().After("gorm:raw").Register("gongkai:forget_stamps", forgetStamps),
	} {
		if err != nil {
			return fmt.Errorf("register the stamps' callbacks: %w", err)
		}
	}
	return nil
}

// stampGap is the least time between the starts of two reads of Stamps:
// under a steady stream of requests, each asking for a read begun after it
// arrived, reads would follow each other without pause and keep a core
// busy; at most one a millisecond, each serving everybody who asked
// meanwhile, a request waits a millisecond more at worst.
const stampGap = time.Millisecond

// Reader runs the reads of Stamps one at a time: next collects those who
// asked while one was under way. Its zero value is ready; a Store has one.
type Reader struct {
	mu      sync.Mutex
	running bool
	next    *stampRead
}

type stampRead struct {
	done chan struct{}
	st   Stamps
	err  error
}

// join returns the read that will answer a call made now: a new one if
// none is under way, else the next, begun when the current ends.
func (rs *Reader) join(db *gorm.DB, timeout time.Duration) *stampRead {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.next == nil {
		rs.next = &stampRead{done: make(chan struct{})}
	}
	r := rs.next
	if !rs.running {
		rs.running, rs.next = true, nil
		go rs.run(db, timeout, r)
	}
	return r
}

// run reads r under its own deadline (not a caller's, who may leave), then
// starts the read that waited behind it, if any.
func (rs *Reader) run(db *gorm.DB, timeout time.Duration, r *stampRead) {
	var last time.Time
	for r != nil {
		time.Sleep(time.Until(last.Add(stampGap)))
		last = time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		r.st, r.err = read(ctx, db)
		cancel()
		close(r.done)
		rs.mu.Lock()
		r, rs.next = rs.next, nil
		rs.running = r != nil
		rs.mu.Unlock()
	}
}

// read reads the chain's head, the entities' heads and the Heads in one
// round trip.
func read(ctx context.Context, db *gorm.DB) (Stamps, error) {
	rows, err := db.WithContext(ctx).Raw(`SELECT 0, '', seq FROM audit_heads WHERE id = 1
		UNION ALL SELECT 1, entity, seq FROM audit_entity_heads
		UNION ALL SELECT 2, name, seq FROM heads`).Rows()
	if err != nil {
		return Stamps{}, fmt.Errorf("read the stamps: %w", err)
	}
	defer rows.Close()
	st := Stamps{entities: map[string]int64{}, heads: map[string]int64{}}
	for rows.Next() {
		var kind int
		var name string
		var seq int64
		if err := rows.Scan(&kind, &name, &seq); err != nil {
			return Stamps{}, fmt.Errorf("read the stamps: %w", err)
		}
		switch kind {
		case 0:
			st.Changes = seq
		case 1:
			st.entities[name] = seq
		default:
			st.heads[name] = seq
		}
	}
	if err := rows.Err(); err != nil {
		return Stamps{}, fmt.Errorf("read the stamps: %w", err)
	}
	return st, nil
}
