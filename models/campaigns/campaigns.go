// Package campaigns holds the office's campaigns (专项行动, 工作方案): a
// plan with dated phases (阶段) and tasks (任务) for lead and responsible
// units, approved by the leading group as an assessment plan is; the
// units' progress reports with their evidence; the office's check at each
// phase's end (完成, 部分完成, 未完成, with findings and rectification);
// the progress board; and each phase's 通报, issued as a numbered document
// and, when the office chooses, posted on the public site.
package campaigns

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Status is where a campaign stands: drafted and changed by the office,
// submitted to the leading group, approved (then its units work), or
// returned to the office with a reason.
type Status string

// The statuses of a campaign.
const (
	Draft     Status = "draft"
	Submitted Status = "submitted"
	Returned  Status = "returned"
	Approved  Status = "approved"
)

// Campaign is a 专项行动 or 工作方案 of the office.
type Campaign struct {
	ID         uint   `gorm:"primaryKey"`
	Title      string `gorm:"size:200;not null"`
	Basis      string `gorm:"type:text"` // 依据
	Scope      string `gorm:"size:500"`  // 范围: the units or groups it covers, in words
	Status     Status `gorm:"size:16;not null"`
	Reason     string `gorm:"type:text"` // the leading group's reason when returned
	CreatedBy  string `gorm:"size:64;not null"`
	CreatedAt  time.Time
	ApprovedBy string `gorm:"size:64"`
	ApprovedAt *time.Time
}

// TableName names the table.
func (Campaign) TableName() string { return "campaigns" }

// Phase is a dated phase (阶段) of a campaign; the office checks it at its
// end (CheckedAt) and issues its 通报 (BulletinID).
type Phase struct {
	ID         uint      `gorm:"primaryKey"`
	CampaignID uint      `gorm:"not null;index"`
	Seq        int       `gorm:"not null"`
	Name       string    `gorm:"size:64;not null"`
	Starts     time.Time `gorm:"type:date;not null"`
	Ends       time.Time `gorm:"type:date;not null"`
	Asks       string    `gorm:"type:text"` // what the phase asks of the units
	CheckedBy  string    `gorm:"size:64"`
	CheckedAt  *time.Time
	BulletinID uint `gorm:"not null;default:0"`
}

// TableName names the table.
func (Phase) TableName() string { return "campaign_phases" }

// Start and End are the phase's dates.
func (p Phase) Start() scoring.Date { return scoring.DateOf(p.Starts) }

// End is the phase's last day.
func (p Phase) End() scoring.Date { return scoring.DateOf(p.Ends) }

// Checked reports whether the office has checked the phase.
func (p Phase) Checked() bool { return p.CheckedAt != nil }

// Task is what a phase asks: a catalog item's or a written task, with its
// lead unit (牵头单位, 0 for none) and a due date inside its phase; its
// responsible units (责任单位) are its Assignments.
type Task struct {
	ID               uint      `gorm:"primaryKey"`
	CampaignID       uint      `gorm:"not null;index"`
	PhaseID          uint      `gorm:"not null;index"`
	Seq              int       `gorm:"not null"`
	Category         string    `gorm:"size:64;not null"` // 信息类别
	Content          string    `gorm:"type:text;not null"`
	CatalogSeq       int       `gorm:"not null;default:0"` // the catalog item it was drawn from, 0 when written freely
	LeadDepartmentID uint      `gorm:"not null;default:0"`
	Due              time.Time `gorm:"type:date;not null"`
}

// TableName names the table.
func (Task) TableName() string { return "campaign_tasks" }

// Outcome is the office's finding on a unit's task at its phase's check.
type Outcome string

// The outcomes of a check (完成 / 部分完成 / 未完成).
const (
	Done    Outcome = "done"
	Partial Outcome = "partial"
	Undone  Outcome = "undone"
)

// Outcomes lists the outcomes in display order.
var Outcomes = []Outcome{Done, Partial, Undone}

// Assignment is one responsible unit's part of a task: what it reported,
// and the office's outcome, finding and rectification once checked.
type Assignment struct {
	ID            uint    `gorm:"primaryKey"`
	TaskID        uint    `gorm:"not null;uniqueIndex:uk_campaign_assignment,priority:1"`
	DepartmentID  uint    `gorm:"not null;uniqueIndex:uk_campaign_assignment,priority:2;index"`
	Outcome       Outcome `gorm:"size:16;not null;default:''"`
	Finding       string  `gorm:"type:text"` // 存在问题
	Rectification string  `gorm:"type:text"` // 整改要求
	CheckedAt     *time.Time
}

// TableName names the table.
func (Assignment) TableName() string { return "campaign_assignments" }

// Report is a unit's progress report on its part of a task, with its
// evidence: a note, a publication registered in the app, a file.
type Report struct {
	ID            uint   `gorm:"primaryKey"`
	AssignmentID  uint   `gorm:"not null;index"`
	Note          string `gorm:"type:text;not null"`
	PublicationID uint   `gorm:"not null;default:0"`
	FileName      string `gorm:"size:255"`
	FileMIME      string `gorm:"size:128"`
	FileData      []byte `gorm:"type:longblob"`
	ReportedBy    string `gorm:"size:64;not null"`
	ReportedAt    time.Time
}

// TableName names the table.
func (Report) TableName() string { return "campaign_reports" }

// Store is the campaigns' room.
type Store struct{ *models.Store }

// New opens the room on the core's Store.
func New(s *models.Store) *Store { return &Store{s} }

// Audit entities and the document's subject.
const (
	entity     = "campaign"
	entityTask = "campaign_task"
)

// Create drafts a campaign with its phases and tasks, checked first
// (Input.check): audit-logged.
func (s *Store) Create(ctx context.Context, v models.Viewer, in Input, now time.Time) (*Campaign, error) {
	if !v.Can(models.ActManageCampaigns) {
		return nil, models.ErrForbidden
	}
	c := &Campaign{Status: Draft, CreatedBy: v.Name, CreatedAt: now.UTC()}
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		if err := in.check(tx); err != nil {
			return err
		}
		c.Title, c.Basis, c.Scope = in.Title, in.Basis, in.Scope
		if err := tx.DB.Create(c).Error; err != nil {
			return fmt.Errorf("store campaign: %w", err)
		}
		if err := writePlan(tx, c.ID, in); err != nil {
			return err
		}
		return tx.Record("create", entity, c.ID, nil, map[string]any{"title": c.Title, "phases": len(in.Phases), "tasks": len(in.Tasks)})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// writePlan stores the checked phases and tasks of campaign id, each task's
// responsible units as its assignments.
func writePlan(tx *models.Tx, id uint, in Input) error {
	phases := make([]Phase, len(in.Phases))
	for i, p := range in.Phases {
		phases[i] = Phase{CampaignID: id, Seq: i + 1, Name: p.Name, Starts: p.Start.Time(), Ends: p.End.Time(), Asks: p.Asks}
		if err := tx.DB.Create(&phases[i]).Error; err != nil {
			return fmt.Errorf("store phase: %w", err)
		}
	}
	for i, t := range in.Tasks {
		row := Task{CampaignID: id, PhaseID: phases[t.Phase-1].ID, Seq: i + 1, Category: t.Category, Content: t.Content,
			CatalogSeq: t.CatalogSeq, LeadDepartmentID: t.Lead, Due: t.Due.Time()}
		if err := tx.DB.Create(&row).Error; err != nil {
			return fmt.Errorf("store task: %w", err)
		}
		for _, d := range t.Units {
			if err := tx.DB.Create(&Assignment{TaskID: row.ID, DepartmentID: d}).Error; err != nil {
				return fmt.Errorf("store assignment: %w", err)
			}
		}
	}
	return nil
}

// Step is a step of a campaign's approval.
type Step string

// The steps: the office submits, the leading group approves or returns.
const (
	Submit  Step = "submit"
	Approve Step = "approve"
	Return  Step = "return"
)

// stepActions says which action of the permission table takes each step.
var stepActions = map[Step]models.Action{Submit: models.ActManageCampaigns, Approve: models.ActApproveCampaign, Return: models.ActApproveCampaign}

// next is the approval's rule: the status a step leaves, and whether the
// status st allows it.
func next(st Status, step Step) (Status, bool) {
	switch {
	case step == Submit && (st == Draft || st == Returned):
		return Submitted, true
	case step == Approve && st == Submitted:
		return Approved, true
	case step == Return && st == Submitted:
		return Returned, true
	}
	return "", false
}

// Take takes an approval step on campaign id: a step its status does not
// allow (approving twice, submitting an approved one) is refused in
// Chinese; returning needs a reason.
func (s *Store) Take(ctx context.Context, v models.Viewer, id uint, step Step, reason string, now time.Time) error {
	act, known := stepActions[step]
	if !known || !v.Can(act) {
		return models.ErrForbidden
	}
	if step == Return {
		var err error
		if reason, err = models.CheckText("reason", "campaign.field.reason", reason, models.MaxText, true); err != nil {
			return err
		}
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var c Campaign
		if err := tx.ForUpdate().First(&c, id).Error; err != nil {
			return models.NotFound(err, "read campaign")
		}
		to, ok := next(c.Status, step)
		switch {
		case !ok && c.Status == Approved:
			return models.Invalid("status", "campaign.refuse.approved", c.Title)
		case !ok:
			return models.Invalid("status", "campaign.refuse.step", c.Title)
		}
		before := map[string]any{"status": c.Status}
		c.Status = to
		updates := map[string]any{"status": to}
		switch step {
		case Approve:
			t := now.UTC()
			updates["approved_by"], updates["approved_at"] = v.Name, t
		case Return:
			updates["reason"] = reason
		}
		if err := tx.DB.Model(&Campaign{}).Where("id = ?", id).Updates(updates).Error; err != nil {
			return fmt.Errorf("step campaign: %w", err)
		}
		if err := tell(tx, &c, step, now); err != nil {
			return err
		}
		return tx.Record(string(step), entity, id, before, updates)
	})
}

// List lists the campaigns a viewer may read, newest first: the office
// and the bureau's readers every one; a unit the approved ones it has a
// task in.
func (s *Store) List(ctx context.Context, v models.Viewer) ([]Campaign, error) {
	var out []Campaign
	if err := s.visible(ctx, v).Order("id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list campaigns: %w", err)
	}
	return out, nil
}

// visible is the campaigns v may read: every one for the bureau's roles, a
// unit's approved campaigns that give it a part for a head or clerk.
func (s *Store) visible(ctx context.Context, v models.Viewer) *gorm.DB {
	q := s.DB.WithContext(ctx).Model(&Campaign{})
	if own, limited := v.OwnDepartment(); limited {
		q = q.Where("status = ? AND id IN (?)", Approved, s.DB.Model(&Task{}).Select("campaign_tasks.campaign_id").
			Joins("JOIN campaign_assignments a ON a.task_id = campaign_tasks.id").Where("a.department_id = ?", own))
	}
	return q
}

// Get reads a campaign a viewer may read; ErrNotFound otherwise.
func (s *Store) Get(ctx context.Context, v models.Viewer, id uint) (*Campaign, error) {
	var c Campaign
	res := s.visible(ctx, v).Where("id = ?", id).Limit(1).Find(&c)
	if res.Error != nil {
		return nil, fmt.Errorf("read campaign %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, models.ErrNotFound
	}
	return &c, nil
}

// Phases lists a campaign's phases in order.
func (s *Store) Phases(ctx context.Context, id uint) ([]Phase, error) {
	var out []Phase
	if err := s.DB.WithContext(ctx).Where("campaign_id = ?", id).Order("seq").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list phases: %w", err)
	}
	return out, nil
}

// phase reads a phase of campaign id.
func phaseOf(db *gorm.DB, campaign, phase uint) (*Phase, error) {
	var p Phase
	if err := db.Where("campaign_id = ?", campaign).First(&p, phase).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, models.ErrNotFound
		}
		return nil, fmt.Errorf("read phase: %w", err)
	}
	return &p, nil
}

// Update rewrites a draft or returned campaign with its phases and tasks,
// checked as at creation; refused once submitted or approved. Audit-logged.
func (s *Store) Update(ctx context.Context, v models.Viewer, id uint, in Input) error {
	if !v.Can(models.ActManageCampaigns) {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var c Campaign
		if err := tx.ForUpdate().First(&c, id).Error; err != nil {
			return models.NotFound(err, "read campaign")
		}
		if c.Status != Draft && c.Status != Returned {
			return models.Invalid("status", "campaign.refuse.locked", c.Title)
		}
		if err := in.check(tx); err != nil {
			return err
		}
		var tasks []uint
		if err := tx.DB.Model(&Task{}).Where("campaign_id = ?", id).Pluck("id", &tasks).Error; err != nil {
			return fmt.Errorf("read tasks: %w", err)
		}
		if len(tasks) > 0 {
			if err := tx.DB.Where("task_id IN ?", tasks).Delete(&Assignment{}).Error; err != nil {
				return fmt.Errorf("clear assignments: %w", err)
			}
		}
		if err := tx.DB.Where("campaign_id = ?", id).Delete(&Task{}).Error; err != nil {
			return fmt.Errorf("clear tasks: %w", err)
		}
		if err := tx.DB.Where("campaign_id = ?", id).Delete(&Phase{}).Error; err != nil {
			return fmt.Errorf("clear phases: %w", err)
		}
		if err := tx.DB.Model(&Campaign{}).Where("id = ?", id).Updates(map[string]any{"title": in.Title, "basis": in.Basis, "scope": in.Scope}).Error; err != nil {
			return fmt.Errorf("update campaign: %w", err)
		}
		if err := writePlan(tx, id, in); err != nil {
			return err
		}
		return tx.Record("update", entity, id, map[string]any{"title": c.Title}, map[string]any{"title": in.Title, "phases": len(in.Phases), "tasks": len(in.Tasks)})
	})
}
