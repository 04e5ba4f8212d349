package models

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"gorm.io/gorm/clause"
)

// The audit log is a hash chain: each entry carries the hash of the entry
// before it and its own hash over that and its content, in the order of its
// Seq. An entry edited in the database no longer matches its hash; one
// deleted leaves a gap in Seq and a broken link; one inserted has no place
// in the chain or follows the head. The head (audit_heads, one row) holds
// the last Seq and hash, so that cutting entries off the end shows too.
//
// Appends are serialised: a transaction writes its entries at its end,
// after it has updated the head row, which the database lets only one
// transaction hold until commit (MySQL's row lock, SQLite's single writer;
// on a Galera cluster the second of two nodes to commit fails
// certification on the head row and Audited runs it again). So the chain
// order is the commit order, on every engine, with no LOCK TABLES.

// AuditHead is the end of the chain.
type AuditHead struct {
	ID   uint   `gorm:"primaryKey;autoIncrement:false"`
	Seq  int64  `gorm:"not null"`
	Hash string `gorm:"size:64;not null"`
}

// AuditEntityHead is the Seq of the last entry of an entity (the kind of
// record audit entries name), moved with the chain's head: what
// audit.Store.ChangesTo reads, one short row per kind of record.
type AuditEntityHead struct {
	Entity string `gorm:"primaryKey;size:64"`
	Seq    int64  `gorm:"not null"`
}

// auditSpillAt bounds the entries a transaction keeps in memory: past it
// they go to its spill file until the transaction's end.
const auditSpillAt = 1000

func (tx *Tx) add(e AuditEntry) error {
	e.At = e.At.UTC().Truncate(time.Millisecond) // what MySQL's DATETIME(3) keeps
	e.DepartmentID = auditDepartment(tx.Viewer, e)
	tx.pending = append(tx.pending, e)
	if len(tx.pending) < auditSpillAt {
		return nil
	}
	if tx.spill == nil {
		var err error
		if tx.spill, err = newAuditSpill(); err != nil {
			return err
		}
	}
	if err := tx.spill.write(tx.pending); err != nil {
		return err
	}
	tx.pending = tx.pending[:0]
	return nil
}

// flush chains the spilled and pending entries after the head and writes
// them, at the end of the transaction's work.
func (tx *Tx) flush() error {
	if len(tx.pending) == 0 && tx.spill == nil {
		return nil
	}
	// Taking the head first makes this transaction the only appender
	// until it ends.
	if err := tx.DB.Exec("UPDATE audit_heads SET seq = seq WHERE id = 1").Error; err != nil {
		return fmt.Errorf("take the audit chain: %w", err)
	}
	var head AuditHead
	if err := tx.ForUpdate().First(&head, 1).Error; err != nil {
		return fmt.Errorf("read the audit chain's head: %w", err)
	}
	newest := map[string]int64{} // each entity's last entry, for audit.Store.ChangesTo
	write := func(entries []AuditEntry) error {
		for i := range entries {
			e := &entries[i]
			head.Seq++
			e.Seq, e.PrevHash = head.Seq, head.Hash
			e.Hash = e.ComputeHash()
			head.Hash = e.Hash
			newest[e.Entity] = head.Seq
		}
		if err := tx.DB.CreateInBatches(entries, 200).Error; err != nil {
			return fmt.Errorf("write audit entries: %w", err)
		}
		return nil
	}
	if tx.spill != nil {
		if err := tx.spill.each(write); err != nil {
			return err
		}
	}
	if err := write(tx.pending); err != nil {
		return err
	}
	tx.pending = tx.pending[:0]
	if err := tx.DB.Model(&AuditHead{ID: 1}).Updates(map[string]any{"seq": head.Seq, "hash": head.Hash}).Error; err != nil {
		return fmt.Errorf("move the audit chain's head: %w", err)
	}
	heads := make([]AuditEntityHead, 0, len(newest))
	for entity, seq := range newest {
		heads = append(heads, AuditEntityHead{Entity: entity, Seq: seq})
	}
	if err := tx.DB.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "entity"}}, DoUpdates: clause.AssignmentColumns([]string{"seq"})}).Create(&heads).Error; err != nil {
		return fmt.Errorf("move the heads of the entities changed: %w", err)
	}
	return nil
}

// auditSpill is a transaction's file of audit entries waiting for its end:
// batches of entries, gob-encoded one after the other.
type auditSpill struct {
	f   *os.File
	buf *bufio.Writer
	enc *gob.Encoder
}

func newAuditSpill() (*auditSpill, error) {
	f, err := os.CreateTemp("", "gongkai-audit-*")
	if err != nil {
		return nil, fmt.Errorf("spill audit entries: %w", err)
	}
	buf := bufio.NewWriter(f)
	return &auditSpill{f: f, buf: buf, enc: gob.NewEncoder(buf)}, nil
}

func (sp *auditSpill) write(entries []AuditEntry) error {
	if err := sp.enc.Encode(entries); err != nil {
		return fmt.Errorf("spill audit entries: %w", err)
	}
	return nil
}

// each reads the batches back in order.
func (sp *auditSpill) each(fn func([]AuditEntry) error) error {
	if err := sp.buf.Flush(); err != nil {
		return fmt.Errorf("spill audit entries: %w", err)
	}
	if _, err := sp.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read spilled audit entries: %w", err)
	}
	dec := gob.NewDecoder(bufio.NewReader(sp.f))
	for {
		var entries []AuditEntry
		switch err := dec.Decode(&entries); {
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return fmt.Errorf("read spilled audit entries: %w", err)
		}
		if err := fn(entries); err != nil {
			return err
		}
	}
}

// close removes the file, if there is one.
func (sp *auditSpill) close() {
	if sp != nil {
		sp.f.Close()
		os.Remove(sp.f.Name())
	}
}

// ComputeHash is the entry's hash: SHA-256 over its place, content and the
// previous entry's hash. The department the entry is about counts when it
// is known, so an entry of the chain hashes as it did before the column.
func (e AuditEntry) ComputeHash() string {
	fields := []any{e.Seq, e.At.UTC().UnixMilli(), e.UserID, e.UserName, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash}
	if e.DepartmentID != 0 {
		fields = append(fields, e.DepartmentID)
	}
	b, _ := json.Marshal(fields)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ChainState is what a check of the chain found.
type ChainState struct {
	Entries  int64  // entries in the chain that were checked
	HeadSeq  int64  // the head's Seq
	HeadHash string // the head's hash: kept outside the database, it shows a rewrite of the whole log
	OK       bool
	// Problem names the first entry found edited, inserted or deleted: a
	// message key (views, audit.problem.*) and its arguments; BadID is its
	// id (0 when the entry is gone).
	Problem string
	Args    []any
	BadID   uint
}

// SetProblem records what is wrong with the chain.
func (st *ChainState) SetProblem(bad uint, key string, args ...any) {
	st.Problem, st.Args, st.BadID = key, args, bad
}

// AuditChainState is VerifyAudit for the office's page, kept while the
// chain's head stays where it was: every audited change moves the head, so
// a page shows a check at most one change old without reading the whole log
// on every view. An edit behind the application's back shows at the next
// change; gongkai audit verify checks at once.
func (s *Store) AuditChainState(ctx context.Context) (ChainState, error) {
	var head AuditHead
	if err := s.DB.WithContext(ctx).First(&head, 1).Error; err != nil {
		return ChainState{}, fmt.Errorf("read the audit chain's head: %w", err)
	}
	return s.memo.chain.Get(fmt.Sprint(head.Seq, " ", head.Hash), func() (ChainState, error) { return s.VerifyAudit(ctx) })
}

// VerifyAudit checks the whole chain, from the first entry to the head.
func (s *Store) VerifyAudit(ctx context.Context) (ChainState, error) {
	db := s.DB.WithContext(ctx)
	var st ChainState
	var head AuditHead
	if err := db.First(&head, 1).Error; err != nil {
		return st, fmt.Errorf("read the audit chain's head: %w", err)
	}
	st.HeadSeq, st.HeadHash = head.Seq, head.Hash
	var outside AuditEntry
	if n := db.Where("seq <= 0").Order("id").Limit(1).Find(&outside).RowsAffected; n > 0 {
		st.SetProblem(outside.ID, "audit.problem.outside", outside.ID)
		return st, nil
	}
	prevSeq, prevHash := int64(0), ""
	for {
		var batch []AuditEntry
		if err := db.Where("seq > ?", prevSeq).Order("seq").Limit(1000).Find(&batch).Error; err != nil {
			return st, fmt.Errorf("read audit log: %w", err)
		}
		for _, e := range batch {
			if e.Seq > head.Seq { // committed since the head was read, with a head of its own; else inserted after it
				if err := db.First(&head, 1).Error; err != nil {
					return st, fmt.Errorf("read the audit chain's head: %w", err)
				}
			}
			switch {
			case e.Seq > head.Seq:
				st.SetProblem(e.ID, "audit.problem.afterhead", e.Seq, e.ID)
			case e.Seq != prevSeq+1:
				st.SetProblem(0, "audit.problem.deleted", prevSeq+1, e.Seq-1, e.ID)
			case e.ComputeHash() != e.Hash:
				st.SetProblem(e.ID, "audit.problem.edited", e.Seq, e.ID)
			case e.PrevHash != prevHash:
				st.SetProblem(e.ID, "audit.problem.unlinked", e.Seq, e.ID)
			}
			if st.Problem != "" {
				return st, nil
			}
			st.Entries++
			prevSeq, prevHash = e.Seq, e.Hash
		}
		if len(batch) == 0 || len(batch) < 1000 && prevSeq >= head.Seq { // else read up to a head read since
			break
		}
	}
	st.HeadSeq, st.HeadHash = head.Seq, head.Hash // moved if entries were appended meanwhile
	switch {
	case prevSeq < head.Seq:
		st.SetProblem(0, "audit.problem.tail", prevSeq+1, head.Seq)
	case prevHash != head.Hash:
		st.SetProblem(0, "audit.problem.head", prevSeq)
	default:
		st.OK = true
	}
	return st, nil
}
