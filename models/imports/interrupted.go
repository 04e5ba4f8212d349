package imports

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gorm.io/gorm"
)

// An import run, and an upload's job, record the process that runs it
// (Owner) and a heartbeat (HeartbeatAt) that process renews while it works.
// A run or job whose heartbeat is older than importStale belongs to a
// process that died (a crash, SIGKILL, power loss), whatever its owner
// says: a restarted container's process is PID 1 again, so a process id
// tells nothing. The owner names the process only so that a stopping
// process (SIGTERM) can fail its own runs, and people can read who ran it.

// processOwner names this process in import_runs.owner and
// import_jobs.owner: host, process id and a random instance id drawn at
// start, which no other process, before or after, shares.
var processOwner = func() string {
	host, _ := os.Hostname()
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}()

// The heartbeat: renewed every ImportHeartbeat while a run works; a run
// not renewed for importStale is dead. The margin covers a heartbeat held
// up behind a long write on SQLite (one writer at a time).
const (
	ImportHeartbeat = 10 * time.Second
	importStale     = 6 * ImportHeartbeat
)

// dead narrows a query of import_runs or import_jobs to those of a
// process that died: the one rule. Another process's run whose heartbeat
// is stale, or missing (rows from before heartbeats), is dead; this
// process's own runs are alive while it runs.
func dead(q *gorm.DB, now time.Time) *gorm.DB {
	return q.Where(deadCond, processOwner, now.Add(-importStale))
}

const deadCond = "COALESCE(owner, '') <> ? AND (heartbeat_at IS NULL OR heartbeat_at < ?)"

// ReasonInterrupted is why a run left running by a process that died (a
// crash, SIGKILL, power loss) is marked failed.
const ReasonInterrupted = "导入被中断（服务异常退出），未导入任何数据；请重新导入"

// FailInterruptedRuns marks failed, with reason, the runs still "running"
// whose heartbeat is stale (or, with mine, that this process owns: it is
// stopping), after taking out the rows such a run had already written in
// chunks, and finishes their upload jobs with the same reason. It runs at
// start, every ImportHeartbeat while the server runs (a process that died
// a moment before this one started still had a fresh heartbeat), and
// before scoring waits for an import to settle. It returns how many runs
// it marked.
func (s *Store) FailInterruptedRuns(ctx context.Context, reason string, mine bool) (int, error) {
	now := time.Now().UTC()
	// Stopping, this process's own runs end with it.
	deadOrMine := func(q *gorm.DB) *gorm.DB {
		if mine {
			return q.Where("COALESCE(owner, '') = ? OR ("+deadCond+")", processOwner, processOwner, now.Add(-importStale))
		}
		return dead(q, now)
	}
	var runs []ImportRun
	if err := deadOrMine(s.DB.WithContext(ctx).Where("status = ?", RunRunning)).Find(&runs).Error; err != nil {
		return 0, fmt.Errorf("list running imports: %w", err)
	}
	n := 0
	for _, r := range runs {
		if _, err := s.UndoImport(ctx, r.ID); err != nil {
			return n, err
		}
		res := s.DB.WithContext(ctx).Model(&ImportRun{}).Where("id = ? AND status = ?", r.ID, RunRunning).
			Updates(map[string]any{"status": RunFailed, "message": reason, "finished_at": now})
		if res.Error != nil {
			return n, fmt.Errorf("mark import run %d failed: %w", r.ID, res.Error)
		}
		n += int(res.RowsAffected)
	}
	if err := deadOrMine(s.DB.WithContext(ctx).Model(&ImportJob{}).Where("finished = ?", false)).
		Updates(map[string]any{"finished": true, "message": reason}).Error; err != nil {
		return n, fmt.Errorf("finish interrupted import jobs: %w", err)
	}
	// An import that failed but could not take its chunks out (the
	// database went away) left their notes: take them out now.
	var left []uint
	if err := s.DB.WithContext(ctx).Model(&ImportUndo{}).Distinct("run_id").
		Where("run_id NOT IN (?)", s.DB.Model(&ImportRun{}).Select("id").Where("status = ?", RunRunning)).
		Pluck("run_id", &left).Error; err != nil {
		return n, fmt.Errorf("list unsettled imports: %w", err)
	}
	for _, run := range left {
		if _, err := s.UndoImport(ctx, run); err != nil {
			return n, err
		}
	}
	return n, nil
}

// beatRun renews the heartbeat of a run every ImportHeartbeat until the
// returned function is called. (An upload's job renews its own with its
// progress, ImportJobProgress.)
func (s *Store) beatRun(id uint) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(ImportHeartbeat)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-t.C:
				// A heartbeat that fails (the database busy or gone) is
				// tried again at the next tick; the margin allows a few.
				_ = s.DB.WithContext(ctx).Model(&ImportRun{}).Where("id = ?", id).Update("heartbeat_at", now.UTC()).Error
			}
		}
	}()
	return func() { cancel(); <-done }
}

// processAlive reports whether the process with this id runs on this host.
func processAlive(pid string) bool {
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 {
		return false
	}
	p, err := os.FindProcess(n)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}

// TempPattern is the os.CreateTemp pattern of an import's copy of its
// upload: the process id and instance id in the name tell whose it is.
func TempPattern() string { return tempPrefix + tempOwner() + "-*" }

const tempPrefix = "gongkai-import-"

// tempOwner is the pid-instance part of this process's upload copies.
func tempOwner() string {
	_, owner, _ := strings.Cut(processOwner, ":")
	return strings.Replace(owner, ":", "-", 1)
}

// RemoveOrphanTempFiles deletes the upload copies of processes that are no
// longer running (or, with mine, of this one: it is stopping), and returns
// how many it removed. A copy of another instance under this process's id
// is a dead process's: a restarted container runs as PID 1 again.
func RemoveOrphanTempFiles(mine bool) int {
	paths, _ := filepath.Glob(filepath.Join(os.TempDir(), tempPrefix+"*"))
	n := 0
	me := tempOwner()
	pidNow := strconv.Itoa(os.Getpid())
	for _, p := range paths {
		rest := strings.TrimPrefix(filepath.Base(p), tempPrefix)
		pid, _, _ := strings.Cut(rest, "-")
		ours := strings.HasPrefix(rest, me+"-")
		switch {
		case ours && !mine:
			continue
		case !ours && pid != pidNow && processAlive(pid):
			continue
		}
		if os.Remove(p) == nil {
			n++
		}
	}
	return n
}
