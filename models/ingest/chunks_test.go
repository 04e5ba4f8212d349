package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	cases "github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
)

// chunkedImport sets up a SQLite bureau whose importer copies new rows in
// chunks of 1,000, a file of 5,500 new publications, and a second store on
// the same database: another instance, or the next process.
func chunkedImport(t *testing.T) (im *Importer, other *models.Store, file []byte) {
	t.Helper()
	stores := modelstest.Instances(t, "sqlite", 2)
	im, other = bureau(t, stores[0], ""), stores[1]
	im.chunk = 1000
	var b bytes.Buffer
	b.WriteString("部门,目录序号,标题,公开形式,公开日期,索引号\n")
	for i := range 5500 {
		fmt.Fprintf(&b, "ZA,1,案例%d,网站,2024-03-05,B-%d\n", i, i)
	}
	return im, other, b.Bytes()
}

// A large SQLite import leaves the write lock between its chunks: another
// writer (signing in, saving a form) gets through while the import is still
// writing, instead of waiting behind it for the busy timeout and failing.
func TestSQLiteImportLetsWritersInBetweenChunks(t *testing.T) {
	t.Parallel()
	im, other, file := chunkedImport(t)
	var calls []int
	var writeErr error
	rep, err := im.File(t.Context(), Publications, "p.csv", bytes.NewReader(file), Options{Viewer: office, Writing: func(written, total int) {
		calls = append(calls, written)
		if len(calls) == 1 { // signing in, as another instance would
			writeErr = accounts.New(other).Sessions().Set("between-chunks", []byte("v"), time.Hour)
		}
	}})
	modelstest.Must(t, err)
	if writeErr != nil {
		t.Fatalf("a small write between two chunks: %v", writeErr)
	}
	if want := []int{1000, 2000, 3000, 4000, 5000, 5500}; fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Errorf("chunks written: %v, want %v", calls, want)
	}
	if rep.Inserted != 5500 || count(t, other, "publications") != 5500 {
		t.Errorf("inserted %d, stored %d, want 5500", rep.Inserted, count(t, other, "publications"))
	}
	if n := count(t, other, "import_undo"); n != 0 {
		t.Errorf("%d notes of chunks left after the import completed", n)
	}
}

// Scoring never reads a part of an import: asked while the chunks are
// being copied, it waits until the import has completed.
func TestScoringInputWaitsForChunksToSettle(t *testing.T) {
	t.Parallel()
	im, other, file := chunkedImport(t)
	read := make(chan int, 1)
	_, err := im.File(t.Context(), Publications, "p.csv", bytes.NewReader(file), Options{Viewer: office, Writing: func(written, total int) {
		if written == 1000 {
			go func() {
				in, err := scoreruns.New(other).Deciding(cases.Decisions(other)).ScoringInput(t.Context(), 2024)
				if err != nil {
					t.Error(err)
					read <- -1
					return
				}
				read <- len(in.Publications)
			}()
		}
	}})
	modelstest.Must(t, err)
	if n := <-read; n != 5500 {
		t.Errorf("scoring read %d publications during the import, want all 5500", n)
	}
}

// An import that stops after some chunks are committed, cancelled or
// failed, takes their rows out: nothing is half-written.
func TestSQLiteImportStoppedMidCopyLeavesNothing(t *testing.T) {
	t.Parallel()
	im, other, file := chunkedImport(t)
	ctx, cancel := context.WithCancelCause(t.Context())
	defer cancel(nil)
	seen := 0
	rep, err := im.File(ctx, Publications, "p.csv", bytes.NewReader(file), Options{Viewer: office, Writing: func(written, total int) {
		if written == 3000 {
			seen = count(t, other, "publications")
			cancel(ErrCancelled)
		}
	}})
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("cancelled mid-copy: %v", err)
	}
	if seen != 3000 {
		t.Errorf("rows committed before the cancel: %d, want 3000 (the chunks are their own transactions)", seen)
	}
	if n := count(t, other, "publications"); n != 0 {
		t.Errorf("%d publications kept from a cancelled import", n)
	}
	if n := count(t, other, "import_undo"); n != 0 {
		t.Errorf("%d notes of chunks left", n)
	}
	var run imports.ImportRun
	modelstest.Must(t, other.DB.First(&run, rep.RunID).Error)
	if run.Status != imports.RunFailed || run.Inserted != 0 {
		t.Errorf("the run of a cancelled import: %s, %d inserted", run.Status, run.Inserted)
	}
}

// A process that dies in the middle of the copy leaves committed chunks;
// the next start takes them out with the run it marks failed, and a
// process stopping (SIGTERM) does the same for its own. The dead process
// had this process's id (a container's PID 1, issue 21): its heartbeat,
// not its id, tells that it is gone. Scoring, which waits for chunks to
// settle, does not wait for a dead run's: it takes them out by the same
// rule.
func TestSQLiteImportInterruptedMidCopyUndoneAtStart(t *testing.T) {
	t.Parallel()
	host, _ := os.Hostname()
	for _, tc := range []struct {
		name  string
		mine  bool
		sweep func(s *models.Store, mine bool) (int, error)
	}{
		{"next start after a crash", false, func(s *models.Store, mine bool) (int, error) {
			return imports.New(s).FailInterruptedRuns(t.Context(), imports.ReasonInterrupted, mine)
		}},
		{"stopping", true, func(s *models.Store, mine bool) (int, error) {
			return imports.New(s).FailInterruptedRuns(t.Context(), imports.ReasonInterrupted, mine)
		}},
		{"scoring after a crash", false, func(s *models.Store, _ bool) (int, error) {
			ctx, done := context.WithTimeout(t.Context(), 10*time.Second)
			defer done()
			_, err := scoreruns.New(s).Deciding(cases.Decisions(s)).ScoringInput(ctx, 2024)
			return 1, err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im, other, file := chunkedImport(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var marked int
			var markErr error
			rep, _ := im.File(ctx, Publications, "p.csv", bytes.NewReader(file), Options{Viewer: office, Writing: func(written, total int) {
				if written != 2000 {
					return
				}
				if !tc.mine { // as if this process had died: another instance with the same pid, silent for two minutes
					markErr = other.DB.Model(&imports.ImportRun{}).Where("status = ?", imports.RunRunning).
						Updates(map[string]any{"owner": fmt.Sprintf("%s:%d:0123456789abcdef", host, os.Getpid()), "heartbeat_at": time.Now().UTC().Add(-2 * time.Minute)}).Error
				}
				if markErr == nil {
					marked, markErr = tc.sweep(other, tc.mine)
				}
				cancel() // the process is gone: it writes nothing more
			}})
			modelstest.Must(t, markErr)
			if marked != 1 {
				t.Errorf("runs marked failed: %d, want 1", marked)
			}
			if n := count(t, other, "publications"); n != 0 {
				t.Errorf("%d publications kept from an interrupted import", n)
			}
			var run imports.ImportRun
			modelstest.Must(t, other.DB.First(&run, rep.RunID).Error)
			if run.Status != imports.RunFailed {
				t.Errorf("the interrupted run: %s", run.Status)
			}
		})
	}
}
