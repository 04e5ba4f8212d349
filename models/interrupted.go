package models

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// An import run records the process that runs it (host:pid), so that a
// process starting after a crash, or stopping on SIGTERM, can mark failed
// the runs that can no longer finish: its own, and those of dead processes
// on its host. Runs of other hosts are theirs to clean up.

// processOwner names this process in import_runs.owner.
var processOwner = func() string {
	host, _ := os.Hostname()
	return host + ":" + strconv.Itoa(os.Getpid())
}()

// ReasonInterrupted is why a run left running by a process that died (a
// crash, SIGKILL, power loss) is marked failed at the next start.
const ReasonInterrupted = "导入被中断（服务异常退出），未导入任何数据；请重新导入"

// FailInterruptedRuns marks failed, with reason, the runs still "running"
// that belong to no live process of this host (or, with mine, to this
// process: it is stopping), after taking out the rows such a run had
// already written in chunks. Runs without an owner predate owners and are
// failed too. It returns how many it marked.
func (s *Store) FailInterruptedRuns(ctx context.Context, reason string, mine bool) (int, error) {
	var runs []ImportRun
	if err := s.DB.WithContext(ctx).Where("status = ?", RunRunning).Find(&runs).Error; err != nil {
		return 0, fmt.Errorf("list running imports: %w", err)
	}
	host, _, _ := strings.Cut(processOwner, ":")
	n := 0
	now := time.Now().UTC()
	for _, r := range runs {
		h, pid, _ := strings.Cut(r.Owner, ":")
		switch {
		case r.Owner == "":
		case h != host:
			continue
		case r.Owner == processOwner:
			if !mine {
				continue
			}
		case processAlive(pid):
			continue
		}
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
// upload: the process id in the name tells whose it is.
func TempPattern() string { return "gongkai-import-" + strconv.Itoa(os.Getpid()) + "-*" }

// RemoveOrphanTempFiles deletes the upload copies of processes that are no
// longer running (or, with mine, of this one: it is stopping), and returns
// how many it removed.
func RemoveOrphanTempFiles(mine bool) int {
	paths, _ := filepath.Glob(filepath.Join(os.TempDir(), "gongkai-import-*"))
	n := 0
	for _, p := range paths {
		pid, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(p), "gongkai-import-"), "-")
		if pid == strconv.Itoa(os.Getpid()) && !mine {
			continue
		}
		if pid != strconv.Itoa(os.Getpid()) && processAlive(pid) {
			continue
		}
		if os.Remove(p) == nil {
			n++
		}
	}
	return n
}
