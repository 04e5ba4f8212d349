package models_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
)

// record writes n audited changes, one transaction each.
func record(t *testing.T, s *models.Store, n int) {
	t.Helper()
	for i := range n {
		modelstest.Must(t, s.Audited(context.Background(), models.System, func(tx *models.Tx) error {
			return tx.Record("update", "department", i, map[string]int{"n": i}, map[string]int{"n": i + 1})
		}))
	}
}

func verify(t *testing.T, s *models.Store) models.ChainState {
	t.Helper()
	st, err := s.VerifyAudit(context.Background())
	modelstest.Must(t, err)
	return st
}

func entryID(t *testing.T, s *models.Store, seq int64) uint {
	t.Helper()
	var e models.AuditEntry
	modelstest.Must(t, s.DB.Where("seq = ?", seq).First(&e).Error)
	return e.ID
}

// The audit chain names the first entry edited, deleted or inserted behind
// the application's back.
func TestAuditChainNamesTheFirstTamperedEntry(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		for _, tc := range []struct {
			name   string
			tamper func(s *models.Store) (badID uint)
			want   string
		}{
			{"edited", func(s *models.Store) uint {
				id := entryID(t, s, 3)
				modelstest.Must(t, s.DB.Exec("UPDATE audit_entries SET after = ? WHERE id = ?", `{"n":99}`, id).Error)
				return id
			}, "audit.problem.edited"},
			{"edited actor", func(s *models.Store) uint {
				id := entryID(t, s, 2)
				modelstest.Must(t, s.DB.Exec("UPDATE audit_entries SET user_name = ? WHERE id = ?", "别人", id).Error)
				return id
			}, "audit.problem.edited"},
			{"deleted", func(s *models.Store) uint {
				modelstest.Must(t, s.DB.Exec("DELETE FROM audit_entries WHERE seq = 2").Error)
				return 0
			}, "audit.problem.deleted"},
			{"deleted at the end", func(s *models.Store) uint {
				modelstest.Must(t, s.DB.Exec("DELETE FROM audit_entries WHERE seq = 5").Error)
				return 0
			}, "audit.problem.tail"},
			{"inserted outside the chain", func(s *models.Store) uint {
				modelstest.Must(t, s.DB.Exec("INSERT INTO audit_entries (at, user_id, user_name, action, entity, entity_id, `before`, `after`) VALUES (?, 0, 'x', 'update', 'user', '1', '', '')", "2026-01-01 00:00:00").Error)
				var e models.AuditEntry
				modelstest.Must(t, s.DB.Order("id desc").First(&e).Error)
				return e.ID
			}, "audit.problem.outside"},
			{"inserted after the head", func(s *models.Store) uint {
				var last models.AuditEntry
				modelstest.Must(t, s.DB.Order("seq desc").First(&last).Error)
				forged := models.AuditEntry{Seq: last.Seq + 1, At: last.At, UserName: "x", Action: "update", Entity: "user", EntityID: "1", PrevHash: last.Hash}
				forged.Hash = forged.ComputeHash()
				modelstest.Must(t, s.DB.Create(&forged).Error)
				return forged.ID
			}, "audit.problem.afterhead"},
			{"replaced", func(s *models.Store) uint {
				// A new entry put in the place of the fourth, with a hash of its own.
				id := entryID(t, s, 4)
				forged := models.AuditEntry{Seq: 4, UserName: "x", Action: "update", Entity: "user", EntityID: "1", PrevHash: strings.Repeat("0", 64)}
				modelstest.Must(t, s.DB.Exec("DELETE FROM audit_entries WHERE id = ?", id).Error)
				forged.Hash = forged.ComputeHash()
				modelstest.Must(t, s.DB.Create(&forged).Error)
				return forged.ID
			}, "audit.problem.unlinked"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				s := modelstest.Open(t, engine)
				record(t, s, 5)
				if st := verify(t, s); !st.OK || st.Entries != 5 || st.HeadSeq != 5 {
					t.Fatalf("untouched chain: %+v", st)
				}
				bad := tc.tamper(s)
				st := verify(t, s)
				if st.OK || st.Problem != tc.want || st.BadID != bad || (bad != 0 && !slices.Contains(st.Args, any(bad))) {
					t.Errorf("after %s: %+v, want a problem naming %q (id %d)", tc.name, st, tc.want, bad)
				}
			})
		}
	})
}

// Transactions that record at once, on several connections, still make one
// chain: appends are serialised on the head. A check made while they
// append finds the chain whole (entries committed after it read the head
// are not taken for entries inserted after the head).
func TestAuditChainHoldsUnderConcurrentWriters(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		done, checked := make(chan struct{}), make(chan []string)
		go func() {
			var problems []string
			for {
				select {
				case <-done:
					checked <- problems
					return
				default:
				}
				switch st, err := s.VerifyAudit(context.Background()); {
				case err != nil:
					problems = append(problems, err.Error())
				case !st.OK:
					problems = append(problems, st.Problem)
				}
			}
		}()
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 10 {
					err := s.Audited(context.Background(), models.System, func(tx *models.Tx) error {
						if err := tx.Record("update", "writer", w, nil, i); err != nil {
							return err
						}
						return tx.RecordAll([]models.Change{{Action: "update", Entity: "writer", ID: w, After: -i}})
					})
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(done)
		if problems := <-checked; len(problems) > 0 {
			t.Errorf("checks made while others appended found %d problems, first: %s", len(problems), problems[0])
		}
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if st := verify(t, s); !st.OK || st.Entries != 160 {
			t.Errorf("after concurrent writers: %+v", st)
		}
	})
}

// A transaction recording thousands of entries (an import updating many
// rows) does not hold the chain while it works: another audited change,
// a sign-in's, goes through meanwhile, and the chain holds both in commit
// order.
func TestLongAuditedWorkLeavesTheChainFree(t *testing.T) {
	spills := t.TempDir()
	t.Setenv("TMPDIR", spills)
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		const many = 2500
		var otherErr error
		err := s.AuditedOnce(t.Context(), models.System, func(tx *models.Tx) error {
			changes := make([]models.Change, many)
			for i := range changes {
				changes[i] = models.Change{Action: "update", Entity: "publication", ID: i, Before: map[string]int{"n": i}, After: map[string]int{"n": i + 1}}
			}
			if err := tx.RecordAll(changes); err != nil {
				return err
			}
			ctx, done := context.WithTimeout(t.Context(), 5*time.Second)
			defer done()
			otherErr = s.Audited(ctx, models.System, func(tx *models.Tx) error {
				return tx.Record("login", "user", 1, nil, nil)
			})
			return nil
		})
		modelstest.Must(t, err)
		if otherErr != nil {
			t.Fatalf("an audited change while another transaction recorded %d entries: %v", many, otherErr)
		}
		if st := verify(t, s); !st.OK || st.Entries != many+1 {
			t.Errorf("the chain: %+v", st)
		}
		var first models.AuditEntry
		modelstest.Must(t, s.DB.Order("seq").First(&first).Error)
		if first.Action != "login" {
			t.Errorf("the first entry of the chain is %q, want the change committed first", first.Action)
		}
		if left, _ := filepath.Glob(filepath.Join(spills, "gongkai-audit-*")); len(left) != 0 {
			t.Errorf("spill files left behind: %v", left)
		}
	})
}

// Entries written before the chain existed are chained by the migration.
func TestMigrationChainsTheExistingAuditLog(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		s := modelstest.OpenEmpty(t, engine)
		modelstest.Must(t, migrations.RunTo(ctx, s, "2026120501_user_session_epoch"))
		for i := range 3 {
			modelstest.Must(t, s.DB.Exec("INSERT INTO audit_entries (at, user_id, user_name, action, entity, entity_id, `before`, `after`) VALUES (?, 0, '吴良亮', 'update', 'department', ?, '', '{}')",
				fmt.Sprintf("2026-01-0%d 08:00:00.123456", i+1), i).Error)
		}
		modelstest.Must(t, migrations.Run(ctx, s))
		record(t, s, 2)
		if st := verify(t, s); !st.OK || st.Entries != 5 {
			t.Errorf("after migration: %+v", st)
		}
	})
}

// The office's page keeps its check of the chain while the head stays, and
// checks again once the head has moved: an edit shows at the next change.
func TestAuditChainStateFollowsTheHead(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	record(t, s, 3)
	st, err := s.AuditChainState(t.Context())
	modelstest.Must(t, err)
	if !st.OK || st.Entries != 3 {
		t.Fatalf("untouched chain: %+v", st)
	}
	modelstest.Must(t, s.DB.Exec("UPDATE audit_entries SET user_name = ? WHERE seq = 2", "别人").Error)
	record(t, s, 1)
	if st, err = s.AuditChainState(t.Context()); err != nil || st.OK || st.Problem != "audit.problem.edited" {
		t.Errorf("after an edit and a new change: %+v %v", st, err)
	}
}
