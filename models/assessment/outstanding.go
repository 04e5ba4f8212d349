package assessment

import (
	"context"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Outstanding is what the assessed departments still owe in the current
// assessment, for the office's home: who has not signed for the notice
// (签收) or filed the self-inspection (自查报告) while the assessment is
// open, and which findings still wait for their rectification report (整改).
type Outstanding struct {
	Plan       Plan
	NotSigned  []DepartmentStatus
	NotFiled   []DepartmentStatus
	Unanswered []Finding // numbered within their department (No)
}

// Outstanding reads the current assessment, the newest whose notice is out,
// and what its departments still owe; nil when no assessment has started.
// The bureau-wide roles only.
func (s *Store) Outstanding(ctx context.Context, v models.Viewer, today scoring.Date) (*Outstanding, error) {
	if !v.CanReadAssessments() {
		return nil, models.ErrNotFound
	}
	plans, err := s.Plans(ctx, v)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(plans, func(p Plan) bool { return p.Status.Started() })
	if i < 0 {
		return nil, nil
	}
	out := &Outstanding{Plan: plans[i]}
	if out.Plan.Status.Open() {
		statuses, err := s.Statuses(ctx, v, out.Plan.ID, today)
		if err != nil {
			return nil, err
		}
		for _, d := range statuses {
			if d.NoticeReadAt == nil {
				out.NotSigned = append(out.NotSigned, d)
			}
			if d.SelfFiledAt == nil {
				out.NotFiled = append(out.NotFiled, d)
			}
		}
	}
	open, err := s.OpenRectifications(ctx, v, out.Plan.ID)
	if err != nil {
		return nil, err
	}
	out.Unanswered = slices.DeleteFunc(open, func(f Finding) bool { return f.Status != FindingOpen })
	return out, nil
}
