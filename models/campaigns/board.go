package campaigns

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// State is a unit's part of a task as the board colours it: the check's
// outcome once the phase is checked, else reported, overdue (past its due
// date with nothing reported) or open.
type State string

// The states of the board besides the outcomes.
const (
	Reported State = "reported"
	Overdue  State = "overdue"
	Open     State = "open"
)

// StateOf is the state of a part on today.
func StateOf(p Part, today scoring.Date) State {
	switch {
	case p.Outcome != "":
		return State(p.Outcome)
	case p.Reports > 0:
		return Reported
	case scoring.DateOf(p.Due) < today:
		return Overdue
	}
	return Open
}

// Row is a unit's line of the board: its state in each task (by the
// task's id; absent where it has no part), and its counts.
type Row struct {
	DepartmentID uint
	Department   string
	States       map[uint]State
	Behind       int // 未完成 or overdue
	Partial      int
	Done         int
	Total        int
}

// Percent is the share of its parts the unit has completed.
func (r Row) Percent() int {
	if r.Total == 0 {
		return 0
	}
	return r.Done * 100 / r.Total
}

// Board is the progress board of a campaign: its tasks (of one phase or
// all) as columns, and the units as rows, the laggards first.
type Board struct {
	Tasks []Task
	Rows  []Row
}

// Board reads the board of a campaign on today for a viewer (a unit sees
// its own row), of one phase or every phase (phase 0).
func (s *Store) Board(ctx context.Context, v models.Viewer, campaign, phase uint, today scoring.Date) (*Board, error) {
	tasks, err := s.Tasks(ctx, campaign)
	if err != nil {
		return nil, err
	}
	ps, err := s.Parts(ctx, v, campaign, phase)
	if err != nil {
		return nil, err
	}
	b := &Board{}
	for _, t := range tasks {
		if phase == 0 || t.PhaseID == phase {
			b.Tasks = append(b.Tasks, t)
		}
	}
	idx := map[uint]int{}
	for _, p := range ps {
		i, ok := idx[p.DepartmentID]
		if !ok {
			i = len(b.Rows)
			idx[p.DepartmentID] = i
			b.Rows = append(b.Rows, Row{DepartmentID: p.DepartmentID, Department: p.Department, States: map[uint]State{}})
		}
		r := &b.Rows[i]
		st := StateOf(p, today)
		r.States[p.TaskID] = st
		r.Total++
		switch st {
		case State(Undone), Overdue:
			r.Behind++
		case State(Partial):
			r.Partial++
		case State(Done):
			r.Done++
		}
	}
	sortLaggards(b.Rows, func(r Row) (int, int, string) { return r.Behind, r.Partial, r.Department })
	return b, nil
}

// sortLaggards orders units the laggards first: most behind, then most
// partly done, then by name.
func sortLaggards[T any](xs []T, key func(T) (int, int, string)) {
	slices.SortStableFunc(xs, func(a, b T) int {
		ab, ap, an := key(a)
		bb, bp, bn := key(b)
		return cmp.Or(cmp.Compare(bb, ab), cmp.Compare(bp, ap), cmp.Compare(an, bn))
	})
}

// Due is an open part on a unit's home: its campaign, phase and due date.
type Due struct {
	Part
	CampaignID uint
	Campaign   string
	Phase      string
}

// Open lists a unit's parts of approved campaigns whose phase is not yet
// checked, soonest due first: its home's to-do. Nothing for a viewer of
// no unit.
func (s *Store) Open(ctx context.Context, v models.Viewer) ([]Due, error) {
	own, limited := v.OwnDepartment()
	if !limited || !v.Can(models.ActReportCampaign) {
		return nil, nil
	}
	var out []Due
	err := s.DB.WithContext(ctx).Table("campaign_assignments a").
		Select("a.*, t.seq AS task_seq, t.category, t.content, t.due, t.phase_id, c.id AS campaign_id, c.title AS campaign, p.name AS phase, "+
			"(SELECT COUNT(*) FROM campaign_reports r WHERE r.assignment_id = a.id) AS reports").
		Joins("JOIN campaign_tasks t ON t.id = a.task_id").
		Joins("JOIN campaign_phases p ON p.id = t.phase_id").
		Joins("JOIN campaigns c ON c.id = t.campaign_id").
		Where("a.department_id = ? AND c.status = ? AND p.checked_at IS NULL", own, Approved).
		Order("t.due, t.seq").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list open campaign tasks: %w", err)
	}
	return out, nil
}

// Pending is a phase waiting for the office: ended and not checked, or
// checked without its 通报.
type Pending struct {
	Phase
	Campaign string
}

// ToCheck lists the phases of approved campaigns that ended on or before
// today and wait for their check or their 通报: the office's home.
func (s *Store) ToCheck(ctx context.Context, v models.Viewer, today scoring.Date) ([]Pending, error) {
	if !v.Can(models.ActManageCampaigns) {
		return nil, nil
	}
	var out []Pending
	err := s.DB.WithContext(ctx).Table("campaign_phases p").Select("p.*, c.title AS campaign").
		Joins("JOIN campaigns c ON c.id = p.campaign_id").
		Where("c.status = ? AND p.ends <= ? AND (p.checked_at IS NULL OR p.bulletin_id = 0)", Approved, today.Time()).
		Order("p.ends, p.id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list phases to check: %w", err)
	}
	return out, nil
}

// ToApprove lists the campaigns submitted to the leading group: its home.
func (s *Store) ToApprove(ctx context.Context, v models.Viewer) ([]Campaign, error) {
	if !v.Can(models.ActApproveCampaign) {
		return nil, nil
	}
	var out []Campaign
	if err := s.DB.WithContext(ctx).Where("status = ?", Submitted).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list campaigns to approve: %w", err)
	}
	return out, nil
}

// Posted lists which of a campaign's documents are on the public site.
func (s *Store) Posted(ctx context.Context, campaign uint) (map[uint]time.Time, error) {
	ps, err := documents.Postings(ctx, s.DB, BulletinKind)
	if err != nil {
		return nil, err
	}
	out := map[uint]time.Time{}
	for _, p := range ps {
		if p.SubjectID == campaign && p.Subject == Subject {
			out[p.ID] = p.PostedAt
		}
	}
	return out, nil
}
