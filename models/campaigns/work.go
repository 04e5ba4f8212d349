package campaigns

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

// ReportInput is a unit's progress report on its part of a task: a note,
// and as evidence a publication registered in the app (0 for none) and a
// file (nil for none).
type ReportInput struct {
	Note          string
	PublicationID uint
	File          *upload.Upload
}

// assignmentOf reads an assignment with its task and phase, locking the
// phase: a report and the phase's check never pass each other.
func assignmentOf(tx *models.Tx, id uint) (*Assignment, *Task, *Phase, error) {
	var a Assignment
	if err := tx.DB.First(&a, id).Error; err != nil {
		return nil, nil, nil, models.NotFound(err, "read assignment")
	}
	var t Task
	if err := tx.DB.First(&t, a.TaskID).Error; err != nil {
		return nil, nil, nil, fmt.Errorf("read task: %w", err)
	}
	var p Phase
	if err := tx.ForUpdate().First(&p, t.PhaseID).Error; err != nil {
		return nil, nil, nil, fmt.Errorf("read phase: %w", err)
	}
	return &a, &t, &p, nil
}

// approved refuses a campaign not approved by the leading group.
func approved(db *gorm.DB, id uint) (*Campaign, error) {
	var c Campaign
	if err := db.First(&c, id).Error; err != nil {
		return nil, models.NotFound(err, "read campaign")
	}
	if c.Status != Approved {
		return nil, models.Invalid("status", "campaign.refuse.not_approved", c.Title)
	}
	return &c, nil
}

// Report files a unit's progress report on assignment id: the unit's head
// or clerk for their own unit only (another unit's is a 404), while the
// campaign is approved and the phase not yet checked. Audit-logged.
func (s *Store) Report(ctx context.Context, v models.Viewer, id uint, in ReportInput, now time.Time) error {
	if !v.Can(models.ActReportCampaign) {
		return models.ErrForbidden
	}
	note, err := models.CheckText("note", "campaign.field.note", in.Note, models.MaxText, true)
	if err != nil {
		return err
	}
	r := Report{Note: note, PublicationID: in.PublicationID, ReportedBy: v.Name, ReportedAt: now.UTC()}
	if in.File != nil {
		mime, err := upload.CheckUpload(*in.File)
		if err != nil {
			return err
		}
		r.FileName, r.FileMIME, r.FileData = upload.CleanName(in.File.Name), mime, in.File.Data
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		a, t, p, err := assignmentOf(tx, id)
		if err != nil {
			return err
		}
		if err := v.MayForDepartment(models.ActReportCampaign, a.DepartmentID); err != nil {
			return err
		}
		if _, err := approved(tx.DB, t.CampaignID); err != nil {
			return err
		}
		if p.Checked() {
			return models.Invalid("phase", "campaign.refuse.phase_checked", p.Name)
		}
		if r.PublicationID != 0 {
			var pub models.Publication
			if tx.DB.Select("id", "department_id").Limit(1).Find(&pub, r.PublicationID).RowsAffected == 0 || pub.DepartmentID != a.DepartmentID {
				return models.Invalid("publication", "campaign.refuse.publication", r.PublicationID)
			}
		}
		r.AssignmentID = a.ID
		if err := tx.DB.Create(&r).Error; err != nil {
			return fmt.Errorf("store report: %w", err)
		}
		return tx.Record("report", entityTask, t.ID, nil, map[string]any{"department_id": a.DepartmentID, "note": note,
			"publication_id": r.PublicationID, "file": r.FileName})
	})
}

// CheckInput is the office's finding on one assignment of a phase.
type CheckInput struct {
	AssignmentID  uint
	Outcome       Outcome
	Finding       string
	Rectification string
}

// CheckPhase records the office's check of a phase at its end: an outcome
// for every unit's part of every task of the phase, with findings and
// rectification. Refused before the phase's last day, before approval,
// and a second time. Audit-logged.
func (s *Store) CheckPhase(ctx context.Context, v models.Viewer, campaign, phase uint, checks []CheckInput, now time.Time) error {
	if !v.Can(models.ActManageCampaigns) {
		return models.ErrForbidden
	}
	byID := map[uint]CheckInput{}
	for _, c := range checks {
		var err error
		if c.Finding, err = models.CheckText("finding", "campaign.field.finding", c.Finding, models.MaxText, false); err != nil {
			return err
		}
		if c.Rectification, err = models.CheckText("rectification", "campaign.field.rectification", c.Rectification, models.MaxText, false); err != nil {
			return err
		}
		byID[c.AssignmentID] = c
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		if _, err := approved(tx.DB, campaign); err != nil {
			return err
		}
		var p Phase
		if err := tx.ForUpdate().Where("campaign_id = ?", campaign).First(&p, phase).Error; err != nil {
			return models.NotFound(err, "read phase")
		}
		if err := checkable(p, scoring.DateOf(now)); err != nil {
			return err
		}
		parts, err := partsOf(tx.DB, p.ID)
		if err != nil {
			return err
		}
		at := now.UTC()
		counts := map[Outcome]int{}
		for _, part := range parts {
			c, ok := byID[part.ID]
			if !ok || !validOutcome(c.Outcome) {
				return models.Invalid("outcome", "campaign.refuse.outcome", part.Department, part.TaskSeq)
			}
			counts[c.Outcome]++
			if err := tx.DB.Model(&Assignment{}).Where("id = ?", part.ID).Updates(map[string]any{
				"outcome": c.Outcome, "finding": c.Finding, "rectification": c.Rectification, "checked_at": at}).Error; err != nil {
				return fmt.Errorf("store check: %w", err)
			}
		}
		if err := tx.DB.Model(&Phase{}).Where("id = ?", p.ID).Updates(map[string]any{"checked_by": v.Name, "checked_at": at}).Error; err != nil {
			return fmt.Errorf("close phase: %w", err)
		}
		return tx.Record("check", entity, campaign, nil, map[string]any{"phase": p.Name, "done": counts[Done], "partial": counts[Partial], "undone": counts[Undone]})
	})
}

// checkable is the rule of a phase's check: not before its last day, once.
func checkable(p Phase, today scoring.Date) error {
	switch {
	case p.Checked():
		return models.Invalid("phase", "campaign.refuse.checked", p.Name)
	case today < p.End():
		return models.Invalid("phase", "campaign.refuse.check_early", p.Name, p.End().String())
	}
	return nil
}

func validOutcome(o Outcome) bool { return o == Done || o == Partial || o == Undone }

// Part is a unit's part of a task as the pages show it.
type Part struct {
	Assignment
	TaskSeq    int
	Category   string
	Content    string
	Due        time.Time
	PhaseID    uint
	Department string
	Reports    int
}

// partsOf lists the parts of a phase's tasks, in task order then unit code.
func partsOf(db *gorm.DB, phase uint) ([]Part, error) {
	return parts(db.Where("t.phase_id = ?", phase))
}

func parts(q *gorm.DB) ([]Part, error) {
	var out []Part
	err := q.Table("campaign_assignments a").
		Select("a.*, t.seq AS task_seq, t.category, t.content, t.due, t.phase_id, d.name AS department, " +
			"(SELECT COUNT(*) FROM campaign_reports r WHERE r.assignment_id = a.id) AS reports").
		Joins("JOIN campaign_tasks t ON t.id = a.task_id").
		Joins("JOIN departments d ON d.id = a.department_id").
		Order("t.seq, d.code").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list tasks' units: %w", err)
	}
	return out, nil
}

// Parts lists the parts of a campaign a viewer may read (a unit: its own),
// of one phase or of all (phase 0).
func (s *Store) Parts(ctx context.Context, v models.Viewer, campaign, phase uint) ([]Part, error) {
	q := s.DB.WithContext(ctx).Where("t.campaign_id = ?", campaign)
	if phase != 0 {
		q = q.Where("t.phase_id = ?", phase)
	}
	if own, limited := v.OwnDepartment(); limited {
		q = q.Where("a.department_id = ?", own)
	}
	return parts(q)
}

// Tasks lists a campaign's tasks in order.
func (s *Store) Tasks(ctx context.Context, campaign uint) ([]Task, error) {
	var out []Task
	if err := s.DB.WithContext(ctx).Where("campaign_id = ?", campaign).Order("seq").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	return out, nil
}

// Reports lists the reports on a campaign's parts a viewer may read (a
// unit: its own), newest first, without their files' bytes.
func (s *Store) Reports(ctx context.Context, v models.Viewer, campaign uint) ([]Report, error) {
	q := s.DB.WithContext(ctx).Table("campaign_reports r").Select("r.id, r.assignment_id, r.note, r.publication_id, r.file_name, r.file_mime, r.reported_by, r.reported_at").
		Joins("JOIN campaign_assignments a ON a.id = r.assignment_id").
		Joins("JOIN campaign_tasks t ON t.id = a.task_id").Where("t.campaign_id = ?", campaign)
	if own, limited := v.OwnDepartment(); limited {
		q = q.Where("a.department_id = ?", own)
	}
	var out []Report
	if err := q.Order("r.reported_at DESC, r.id DESC").Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	return out, nil
}

// ReportFile reads a report's file for a viewer who may read its unit's
// evidence; ErrNotFound otherwise.
func (s *Store) ReportFile(ctx context.Context, v models.Viewer, campaign, id uint) (*Report, error) {
	var r Report
	if err := s.DB.WithContext(ctx).First(&r, id).Error; err != nil {
		return nil, models.NotFound(err, "read report")
	}
	var a Assignment
	if err := s.DB.WithContext(ctx).First(&a, r.AssignmentID).Error; err != nil {
		return nil, models.NotFound(err, "read assignment")
	}
	var t Task
	if err := s.DB.WithContext(ctx).First(&t, a.TaskID).Error; err != nil {
		return nil, models.NotFound(err, "read task")
	}
	if t.CampaignID != campaign || !v.CanSeeDepartment(a.DepartmentID) || r.FileName == "" {
		return nil, models.ErrNotFound
	}
	return &r, nil
}
