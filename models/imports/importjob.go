package imports

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
)

// ImportJob is an upload being imported in the background, as every
// instance of the app sees it: the page that shows its progress, its cancel
// button and its error file may be served by any instance behind the load
// balancer, while one instance (Owner) runs it. The import history
// (import_runs) remains the permanent record; jobs are kept for a day.
type ImportJob struct {
	ID        string    `gorm:"primaryKey;size:32"`
	UserID    uint      `gorm:"not null;index"`
	Kind      string    `gorm:"size:32;not null"`
	FileName  string    `gorm:"size:255;not null"`
	Owner     string    `gorm:"size:96;not null"` // host:pid:instance of the process running it
	StartedAt time.Time `gorm:"not null;index"`
	Done      int64     `gorm:"not null;default:0"` // bytes read
	Total     int64     `gorm:"not null;default:0"` // bytes in the file
	Finished  bool      `gorm:"not null;default:false"`
	// Writing: every row is read and checked, and the new ones are being
	// written in chunks (SQLite); Done and Total then count rows written.
	Writing bool `gorm:"not null;default:false"`
	// CancelRequested is set by the cancel button on any instance; the
	// instance running the job sees it at its next progress report.
	CancelRequested bool   `gorm:"not null;default:false"`
	Message         string `gorm:"type:text"`     // the outcome, or why it failed, in Chinese
	Report          string `gorm:"type:longtext"` // the import's report (JSON) once finished
	UpdatedAt       time.Time
	// HeartbeatAt is renewed with the job's progress: a job whose
	// heartbeat is stale was left by a process that died.
	HeartbeatAt *time.Time
}

// importJobLife is how long a finished job's page stays available.
const importJobLife = 24 * time.Hour

// StartImportJob records a job about to run in this process for v, and
// forgets jobs older than a day. Only the office loads files.
func (s *Store) StartImportJob(ctx context.Context, v models.Viewer, j *ImportJob) error {
	if !v.Can(models.ActAdminister) {
		return models.ErrForbidden
	}
	j.Owner = processOwner
	now := time.Now().UTC()
	j.HeartbeatAt = &now
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("started_at < ?", j.StartedAt.Add(-importJobLife)).Delete(&ImportJob{}).Error; err != nil {
			return fmt.Errorf("forget old import jobs: %w", err)
		}
		if err := tx.Create(j).Error; err != nil {
			return fmt.Errorf("record import job: %w", err)
		}
		return nil
	})
}

// ImportJobProgress stores how far a job has read, or written, and answers
// whether someone has asked, on any instance, to cancel it.
func (s *Store) ImportJobProgress(ctx context.Context, id string, done, total int64, writing bool) (cancel bool, err error) {
	db := s.DB.WithContext(ctx)
	if err := db.Model(&ImportJob{}).Where("id = ?", id).Updates(map[string]any{"done": done, "total": total, "writing": writing, "heartbeat_at": time.Now().UTC()}).Error; err != nil {
		return false, fmt.Errorf("import job progress: %w", err)
	}
	var j ImportJob
	if err := db.Select("cancel_requested").Where("id = ?", id).Take(&j).Error; err != nil {
		return false, fmt.Errorf("import job progress: %w", err)
	}
	return j.CancelRequested, nil
}

// FinishImportJob stores a job's outcome. Like FinishImportRun it needs no
// context: a cancelled job must still be marked finished.
func (s *Store) FinishImportJob(id, message, report string) error {
	err := s.DB.Model(&ImportJob{}).Where("id = ?", id).
		Updates(map[string]any{"finished": true, "message": message, "report": report}).Error
	if err != nil {
		return fmt.Errorf("finish import job %s: %w", id, err)
	}
	return nil
}

// ImportJobOf returns a job to the user who started it, and to nobody else.
// A job whose process died shows as finished with ReasonInterrupted, as
// FailInterruptedRuns will record it.
func (s *Store) ImportJobOf(ctx context.Context, v models.Viewer, id string) (*ImportJob, error) {
	var j ImportJob
	err := s.DB.WithContext(ctx).Where("id = ? AND user_id = ?", id, v.UserID).Take(&j).Error
	if err != nil {
		return nil, models.NotFound(err, "read import job")
	}
	if !j.Finished {
		var n int64
		if err := dead(s.DB.WithContext(ctx).Model(&ImportJob{}).Where("id = ?", id), time.Now().UTC()).Count(&n).Error; err != nil {
			return nil, fmt.Errorf("read import job: %w", err)
		}
		if n > 0 {
			j.Finished, j.Message = true, ReasonInterrupted
		}
	}
	return &j, nil
}

// RequestImportCancel asks for the user's own running job to stop; the
// instance running it stops it at its next progress report. A job whose
// process died is finished at once, with ReasonInterrupted.
func (s *Store) RequestImportCancel(ctx context.Context, v models.Viewer, id string) error {
	mine := func() *gorm.DB {
		return s.DB.WithContext(ctx).Model(&ImportJob{}).Where("id = ? AND user_id = ? AND finished = ?", id, v.UserID, false)
	}
	err := dead(mine(), time.Now().UTC()).Updates(map[string]any{"finished": true, "message": ReasonInterrupted}).Error
	if err == nil {
		err = mine().Update("cancel_requested", true).Error
	}
	if err != nil {
		return fmt.Errorf("cancel import job: %w", err)
	}
	return nil
}
