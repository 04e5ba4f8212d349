// Package imports keeps the bookkeeping of imports: the history of runs,
// the background jobs and their progress, the rows a running import has
// written in chunks (taken out again if it never finishes), and the
// recovery of runs a crash left behind.
package imports

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
)

// Store keeps the import bookkeeping in the application's database.
type Store struct{ *models.Store }

// New returns the imports store on s.
func New(s *models.Store) *Store { return &Store{s} }

// Import run statuses.
const (
	RunRunning  = "running"  // still reading or writing
	RunDone     = "done"     // every row loaded
	RunPartial  = "partial"  // good rows loaded, bad ones returned (--partial)
	RunRejected = "rejected" // bad rows, nothing loaded
	RunFailed   = "failed"   // the file could not be read, or the database failed
)

// ImportRun is one import, whatever its road (file upload, CLI, API, pull,
// seed): who, when, what, and what came of it. It is written when the import
// starts and finished when it ends, so the history shows running and failed
// imports too.
type ImportRun struct {
	ID           uint      `gorm:"primaryKey"`
	StartedAt    time.Time `gorm:"not null;index"`
	FinishedAt   *time.Time
	UserID       uint   `gorm:"index"` // 0: the system or an API token
	UserName     string `gorm:"size:64;not null"`
	Source       string `gorm:"size:16;not null"` // file, api, pull, seed, cli
	SourceID     *uint  `gorm:"index"`            // the registered source of a pull or an API token
	DepartmentID *uint  `gorm:"index"`            // set when the import was scoped to one department
	Kind         string `gorm:"size:32;not null"`
	FileName     string `gorm:"size:255"`
	Format       string `gorm:"size:8"` // csv, xlsx, json
	SHA256       string `gorm:"size:64"`
	Read         int    `gorm:"not null;default:0"`
	Inserted     int    `gorm:"not null;default:0"`
	Updated      int    `gorm:"not null;default:0"`
	Unchanged    int    `gorm:"not null;default:0"`
	Rejected     int    `gorm:"not null;default:0"`
	DurationMS   int64  `gorm:"not null;default:0"`
	Status       string `gorm:"size:16;not null;index"`
	Message      string `gorm:"type:text"` // a Chinese sentence: the outcome, or why it failed
	Owner        string `gorm:"size:96"`   // host:pid:instance of the process running it
	// HeartbeatAt is renewed while the run works: a run whose heartbeat is
	// stale is dead (FailInterruptedRuns).
	HeartbeatAt *time.Time

	stopBeat func() // stops the heartbeat; set by StartImportRun
}

// Duration is how long the run took.
func (r ImportRun) Duration() time.Duration { return time.Duration(r.DurationMS) * time.Millisecond }

// StartImportRun records that an import has begun; r.ID is set. The row is
// written even if ctx is already cancelled (SIGTERM or the cancel button the
// moment an upload arrived), so that every import leaves its history line.
func (s *Store) StartImportRun(ctx context.Context, r *ImportRun) error {
	ctx = context.WithoutCancel(ctx)
	r.Status = RunRunning
	r.Owner = processOwner
	now := time.Now().UTC()
	if r.StartedAt.IsZero() {
		r.StartedAt = now
	}
	r.HeartbeatAt = &now
	if err := s.DB.WithContext(ctx).Create(r).Error; err != nil {
		return fmt.Errorf("record import run: %w", err)
	}
	r.stopBeat = s.beatRun(r.ID)
	return nil
}

// FinishImportRun stores the outcome of a run started with StartImportRun.
// It uses its own context-free write on purpose: a run cancelled half-way
// must still be marked as failed rather than left "running".
func (s *Store) FinishImportRun(r *ImportRun) error {
	if r.stopBeat != nil {
		r.stopBeat()
	}
	now := time.Now().UTC()
	r.FinishedAt = &now
	if r.DurationMS == 0 {
		r.DurationMS = now.Sub(r.StartedAt).Milliseconds()
	}
	// The outcome is the run's history line: a write refused for a moment
	// (a busy SQLite file) is tried again rather than leave it "running".
	var err error
	for try := 0; try < 3; try++ {
		if err = s.DB.Save(r).Error; err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("finish import run %d: %w", r.ID, err)
}

// ImportRunFilter narrows the import history.
type ImportRunFilter struct {
	Kind     string
	Source   string
	SourceID uint
	Limit    int // default 100, at most 1000
}

// ImportRuns lists imports, newest first. The office, the leading group and
// auditors see every run; a department head sees the runs scoped to their
// department; the discipline office none.
func (s *Store) ImportRuns(ctx context.Context, v models.Viewer, f ImportRunFilter) ([]ImportRun, error) {
	q := s.DB.WithContext(ctx).Order("id desc")
	if !v.Can(models.ActReadImports) {
		return nil, models.ErrForbidden
	}
	if own, limited := v.OwnDepartment(); limited {
		q = q.Where("department_id = ?", own)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	q = q.Limit(f.Limit)
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Source != "" {
		q = q.Where("source = ?", f.Source)
	}
	if f.SourceID != 0 {
		q = q.Where("source_id = ?", f.SourceID)
	}
	var out []ImportRun
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list import runs: %w", err)
	}
	return out, nil
}

// ImportRun reads one run if the viewer may see it.
func (s *Store) ImportRun(ctx context.Context, v models.Viewer, id uint) (*ImportRun, error) {
	var r ImportRun
	if err := s.DB.WithContext(ctx).First(&r, id).Error; err != nil {
		return nil, models.NotFound(err, "read import run")
	}
	own, limited := v.OwnDepartment()
	if !v.Can(models.ActReadImports) || limited && (r.DepartmentID == nil || *r.DepartmentID != own) {
		return nil, models.ErrNotFound
	}
	return &r, nil
}

// LastImportID is the newest import run's id (0 for none): caches of
// figures drawn from records key on it.
func (s *Store) LastImportID(ctx context.Context) (uint, error) {
	var id uint
	err := s.DB.WithContext(ctx).Model(&ImportRun{}).Select("COALESCE(MAX(id), 0)").Scan(&id).Error
	return id, err
}
