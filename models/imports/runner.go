// Package imports runs the office's file imports in the background: the
// upload spooled to a temporary file, the import in its own goroutine, its
// progress stored every tick for any instance to show, and its cancel
// button obeyed at once on this instance and within a tick on another.
// The runner takes its dependencies explicitly (Config): the job records
// (JobStore, models.Store's) and the importer (Importer, ingest's), so it
// imports neither the handlers nor ingest.
package imports

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongkai/gongkai/models"
)

// JobTick is how often a running job stores its progress and looks for a
// cancel request made on another instance.
const JobTick = time.Second

// JobStore keeps the jobs' records (ImportJob), so that any instance
// behind a load balancer shows a job's page and takes its cancel request.
type JobStore interface {
	StartImportJob(ctx context.Context, v models.Viewer, j *ImportJob) error
	ImportJobProgress(ctx context.Context, id string, done, total int64, writing bool) (cancel bool, err error)
	FinishImportJob(id, message, report string) error
	ImportJobOf(ctx context.Context, v models.Viewer, id string) (*ImportJob, error)
	RequestImportCancel(ctx context.Context, v models.Viewer, id string) error
}

// Upload is a file the office chose to import.
type Upload struct {
	Viewer   models.Viewer
	Kind     string
	FileName string
	Partial  bool // keep the good rows, return the bad ones
}

// Progress is how a running import reports: Read with the rows read of
// the rows expected, Write with the rows written once it writes them.
type Progress struct {
	Read, Write func(done, total int)
}

// Importer imports a spooled upload (ingest.Importer). It answers what the
// job's page shows (message, and the report as JSON), and failure, an
// error worth logging (anything but the file's own rejection).
type Importer interface {
	ImportUpload(ctx context.Context, u Upload, file io.Reader, p Progress) (message, report string, failure error)
}

// Config is what a Runner needs.
type Config struct {
	Store    JobStore
	Importer Importer
	// Background ends every job when it is done (SIGTERM): each is rolled
	// back and its run marked failed with context.Cause. Default: never.
	Background context.Context
	// Running counts the jobs under way, so that the caller can wait for
	// them to end on shutdown. Default: the Runner's own.
	Running *sync.WaitGroup
	Log     *slog.Logger     // default: discard
	Now     func() time.Time // default: time.Now
	Tick    time.Duration    // default: JobTick
}

// Runner runs the background imports of this process.
type Runner struct {
	cfg  Config
	mu   sync.Mutex
	jobs map[string]*job // by id, for a cancel pressed on this instance
}

// NewRunner returns a Runner over cfg, its defaults filled in.
func NewRunner(cfg Config) *Runner {
	if cfg.Background == nil {
		cfg.Background = context.Background()
	}
	if cfg.Running == nil {
		cfg.Running = &sync.WaitGroup{}
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Tick <= 0 {
		cfg.Tick = JobTick
	}
	return &Runner{cfg: cfg, jobs: map[string]*job{}}
}

// job is a background import running in this process: its progress
// counters and what stops it.
type job struct {
	id          string
	cancel      context.CancelCauseFunc
	done, total atomic.Int64
	writing     atomic.Bool
}

func (j *job) read(done, total int) {
	j.done.Store(int64(done))
	j.total.Store(int64(total))
}

func (j *job) write(written, total int) {
	j.writing.Store(true)
	j.read(written, total)
}

// Start copies the upload's body to a temporary file (the request's memory
// is not the job's), records the job and imports it in the background; it
// answers the job's id, for its page.
func (r *Runner) Start(ctx context.Context, u Upload, body io.Reader) (string, error) {
	path, err := spool(body)
	if err != nil {
		return "", err
	}
	id, err := jobID()
	if err != nil {
		os.Remove(path)
		return "", err
	}
	// The job's context ends with the server (SIGTERM) or its cancel.
	jctx, cancel := context.WithCancelCause(r.cfg.Background)
	j := &job{id: id, cancel: cancel}
	rec := ImportJob{ID: id, UserID: u.Viewer.UserID, Kind: u.Kind, FileName: u.FileName, StartedAt: r.cfg.Now().UTC()}
	if err := r.cfg.Store.StartImportJob(ctx, u.Viewer, &rec); err != nil {
		cancel(nil)
		os.Remove(path)
		return "", err
	}
	r.add(j)
	r.cfg.Running.Add(1)
	go func() {
		defer r.cfg.Running.Done()
		defer cancel(nil)
		defer r.remove(id)
		r.run(jctx, j, u, path)
	}()
	return id, nil
}

// Cancel asks the viewer's job to stop: its transaction is rolled back and
// its run recorded as failed. On the instance running it, it stops at once;
// on another, within a tick.
func (r *Runner) Cancel(ctx context.Context, v models.Viewer, id string) error {
	if _, err := r.cfg.Store.ImportJobOf(ctx, v, id); err != nil {
		return err
	}
	if err := r.cfg.Store.RequestImportCancel(ctx, v, id); err != nil {
		return err
	}
	r.mu.Lock()
	j := r.jobs[id]
	r.mu.Unlock()
	if j != nil {
		j.cancel(ErrCancelled)
	}
	return nil
}

// ErrCancelled is the cause of a job stopped by its cancel request
// (ingest.ErrCancelled is this error).
var ErrCancelled = errors.New("导入已被取消，未导入任何数据")

// run runs one job to the end; the request that started it is gone. Every
// tick it stores its progress and stops if it was asked to.
func (r *Runner) run(ctx context.Context, j *job, u Upload, path string) {
	defer os.Remove(path)
	ticking := make(chan struct{})
	tickerDone := make(chan struct{})
	go func() {
		defer close(tickerDone)
		t := time.NewTicker(r.cfg.Tick)
		defer t.Stop()
		for {
			select {
			case <-ticking:
				return
			case <-t.C:
				tctx, done := context.WithTimeout(context.Background(), r.cfg.Tick)
				stop, err := r.cfg.Store.ImportJobProgress(tctx, j.id, j.done.Load(), j.total.Load(), j.writing.Load())
				done()
				if err == nil && stop {
					j.cancel(ErrCancelled)
				}
			}
		}
	}()
	message, report, failure := r.importFile(ctx, u, path, Progress{Read: j.read, Write: j.write})
	close(ticking)
	<-tickerDone
	if failure != nil {
		r.cfg.Log.Warn("import failed", "kind", u.Kind, "file", u.FileName, "err", failure)
	}
	if err := r.cfg.Store.FinishImportJob(j.id, message, report); err != nil {
		r.cfg.Log.Error("import job outcome not stored", "job", j.id, "err", err)
	}
}

func (r *Runner) importFile(ctx context.Context, u Upload, path string, p Progress) (message, report string, failure error) {
	f, err := os.Open(path)
	if err != nil {
		return "导入文件无法读取", "", err
	}
	defer f.Close()
	return r.cfg.Importer.ImportUpload(ctx, u, f, p)
}

func (r *Runner) add(j *job) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.jobs[j.id] = j
}

func (r *Runner) remove(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.jobs, id)
}

// spool copies body to a new temporary file and answers its path.
func spool(body io.Reader) (string, error) {
	tmp, err := os.CreateTemp("", TempPattern())
	if err != nil {
		return "", fmt.Errorf("spool upload: %w", err)
	}
	_, err = io.Copy(tmp, body)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("spool upload: %w", err)
	}
	return tmp.Name(), nil
}

// jobID is a new job's id: 16 random hex digits.
func jobID() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("job id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}
