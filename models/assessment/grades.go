package assessment

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// autoResults reads the automatic results of the plan's score run for the
// assessed departments (dept 0: all of them), in department order.
func (s *Store) autoResults(ctx context.Context, p *Plan, dept uint) ([]scoring.DepartmentResult, error) {
	q := s.m.DB.WithContext(ctx).Where("run_id = ?", p.RunID).
		Where("department_id IN (?)", s.m.DB.Model(&Member{}).Select("department_id").Where("plan_id = ?", p.ID)).Order("department_id")
	if dept != 0 {
		q = q.Where("department_id = ?", dept)
	}
	var rows []scoreruns.DepartmentScore
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read plan scores: %w", err)
	}
	out := make([]scoring.DepartmentResult, 0, len(rows))
	for _, r := range rows {
		res, err := r.Result()
		if err != nil {
			return nil, err
		}
		out = append(out, *res)
	}
	return out, nil
}

// changes reads the accepted objections and the adjustments of a plan
// (dept 0: every department).
func (s *Store) changes(ctx context.Context, plan, dept uint) ([]Change, error) {
	var objs []Objection
	q := s.m.DB.WithContext(ctx).Where("plan_id = ? AND status = ?", plan, ObjectionAccepted)
	if dept != 0 {
		q = q.Where("department_id = ?", dept)
	}
	if err := q.Order("id").Find(&objs).Error; err != nil {
		return nil, fmt.Errorf("read accepted objections: %w", err)
	}
	var adjs []Adjustment
	q = s.m.DB.WithContext(ctx).Where("plan_id = ?", plan)
	if dept != 0 {
		q = q.Where("department_id = ?", dept)
	}
	if err := q.Order("id").Find(&adjs).Error; err != nil {
		return nil, fmt.Errorf("read adjustments: %w", err)
	}
	out := make([]Change, 0, len(objs)+len(adjs))
	for _, o := range objs {
		out = append(out, Change{Dept: o.DepartmentID, Indicator: o.Indicator, Points: o.PointsRat()})
	}
	for _, a := range adjs {
		out = append(out, Change{Dept: a.DepartmentID, Indicator: a.Indicator, Points: a.PointsRat()})
	}
	return out, nil
}

// scheme reads the plan's scheme version (approved versions never change).
func (s *Store) scheme(ctx context.Context, p *Plan) (*scoring.Scheme, error) {
	sv, err := s.m.SchemeByVersion(ctx, p.SchemeVersion)
	if err != nil {
		return nil, err
	}
	return sv.Scheme()
}

// preliminary grades every assessed department from its adjusted total.
func (s *Store) preliminary(ctx context.Context, p *Plan) ([]Grade, error) {
	auto, err := s.autoResults(ctx, p, 0)
	if err != nil {
		return nil, err
	}
	ch, err := s.changes(ctx, p.ID, 0)
	if err != nil {
		return nil, err
	}
	sc, err := s.scheme(ctx, p)
	if err != nil {
		return nil, err
	}
	adjusted := Adjusted(auto, ch)
	// Accountability decisions as they stand now, not as when the plan's run
	// was computed: a decision or a revocation since then is what a
	// re-opening is for.
	decisions, err := accountability.Decisions(s.m)(ctx, p.Year)
	if err != nil {
		return nil, err
	}
	caps := map[uint][]uint{}
	for _, dec := range decisions {
		if sc.Caps(dec) {
			caps[dec.Dept] = append(caps[dec.Dept], dec.ID)
		}
	}
	for i := range adjusted {
		adjusted[i].CapDecisions = caps[adjusted[i].Dept]
	}
	graded := Preliminary(sc, adjusted)
	out := make([]Grade, len(graded))
	for i, d := range graded {
		g := Grade{PlanID: p.ID, DepartmentID: d.Dept, Unrated: d.Unrated, Grade: string(d.Grade), Rank: d.Rank, Veto: d.Veto, CapReason: string(d.CapReason), Ineligible: len(d.CapDecisions) > 0}
		if !d.Unrated {
			g.AutoTotal, g.Total, g.Rounded = auto[i].Total.RatString(), d.Total.RatString(), scoring.Float2(d.Total)
			var cs []string
			for _, c := range Criticised(sc, d) {
				cs = append(cs, string(c))
			}
			g.Criticised = strings.Join(cs, "、")
		}
		out[i] = g
	}
	return out, nil
}

// TotalRat is the exact adjusted total; nil when not rated.
func (g Grade) TotalRat() *big.Rat {
	if g.Unrated {
		return nil
	}
	return ratOf(g.Total)
}

// AutoRat is the exact automatic total; nil when not rated.
func (g Grade) AutoRat() *big.Rat {
	if g.Unrated {
		return nil
	}
	return ratOf(g.AutoTotal)
}

// Criticisms are the reasons the unit is criticised.
func (g Grade) Criticisms() []Criticism {
	var out []Criticism
	for _, c := range models.SplitNames(g.Criticised) {
		out = append(out, Criticism(c))
	}
	return out
}

func labels(gs []Grade) map[uint]string {
	out := make(map[uint]string, len(gs))
	for _, g := range gs {
		out[g.DepartmentID] = i18n.T(i18n.Chinese, "asmt.unrated")
		if !g.Unrated {
			out[g.DepartmentID] = fmt.Sprintf("%s %.2f 第%d名", g.Grade, g.Rounded, g.Rank)
		}
	}
	return out
}

func gradeLabels(db *gorm.DB, plan uint) (map[uint]string, error) {
	var gs []Grade
	if err := db.Where("plan_id = ?", plan).Find(&gs).Error; err != nil {
		return nil, fmt.Errorf("read grades: %w", err)
	}
	return labels(gs), nil
}

// Grades lists a plan's grades by rank (those not rated last), as the
// viewer may see them: the bureau-wide roles see proposed and approved
// grades; a head sees only their own, and only once approved (未审定 until
// then), as the public sees only published ones.
func (s *Store) Grades(ctx context.Context, v models.Viewer, plan uint) ([]Grade, error) {
	p, err := s.Plan(ctx, v, plan)
	if err != nil {
		return nil, err
	}
	q := s.m.DB.WithContext(ctx).Where("plan_id = ?", plan).Order("CASE WHEN rank_no = 0 THEN 1 ELSE 0 END, rank_no, department_id")
	if !v.CanReadAssessments() {
		if !p.Status.Frozen() {
			return nil, nil
		}
		id, _ := v.OwnDepartment()
		q = q.Where("department_id = ?", id)
	}
	var out []Grade
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read grades: %w", err)
	}
	return out, nil
}
