package models_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Two instances change the same department at once: the audit entry of the
// second says what it replaced, the first's change, not the row as it was
// before either began. (MySQL: on SQLite one writer runs at a time.)
func TestAuditBeforeIsTheRowTheChangeReplaced(t *testing.T) {
	s := modelstest.Open(t, "mysql")
	ctx := context.Background()
	d := models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept, Liaison: "何军"}
	modelstest.Must(t, s.DB.Create(&d).Error)

	// The other instance's transaction has changed the row and not yet
	// committed. Whatever happens, it ends before the test's database is
	// dropped (cleanups run last in, first out), or the drop would wait on
	// it for ever.
	other := s.DB.Begin()
	t.Cleanup(func() { other.Rollback() })
	modelstest.Must(t, other.Exec("UPDATE departments SET liaison = ? WHERE id = ?", "曾强", d.ID).Error)
	done := make(chan error, 1)
	go func() {
		done <- s.UpdateLiaison(ctx, models.System, d.ID, models.LiaisonUpdate{Liaison: "王五"}, time.Now())
	}()
	// Wait until this instance waits for the other's row lock, then let
	// the other commit. On a machine too busy to show the wait within
	// five seconds the other commits anyway: the change still reads the
	// row only after it, so what it replaced is still the other's.
	seen := time.After(5 * time.Second)
	for waiting := int64(0); waiting == 0; {
		select {
		case err := <-done:
			t.Fatalf("the update did not wait for the other transaction: %v", err)
		case <-seen:
			waiting = -1
		case <-time.After(10 * time.Millisecond):
			poll, cancel := context.WithTimeout(ctx, time.Second)
			s.DB.WithContext(poll).Raw("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'").Scan(&waiting)
			cancel()
		}
	}
	modelstest.Must(t, other.Commit().Error)
	modelstest.Must(t, <-done)

	var e models.AuditEntry
	modelstest.Must(t, s.DB.Where("entity = ? AND entity_id = ?", "department", d.ID).Order("seq desc").First(&e).Error)
	var before models.LiaisonUpdate
	modelstest.Must(t, json.Unmarshal([]byte(e.Before), &before))
	if before.Liaison != "曾强" {
		t.Errorf("audit before = %q, want the other instance's 曾强 that this change replaced", before.Liaison)
	}
}
