package assessment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
)

// Commend proposes a unit (person empty) or a named person of it for
// commendation, once the grades are approved and before publication. A unit
// vetoed, capped by an accountability decision or not graded 优秀 is
// refused with the reason, as is a person barred from awards that year.
func (s *Store) Commend(ctx context.Context, v models.Viewer, plan, dept uint, person, reason string, now time.Time) error {
	if !v.CanRunAssessment() {
		return models.ErrForbidden
	}
	p, _, err := s.forDepartment(ctx, v, plan, dept)
	if err != nil {
		return err
	}
	if p.Status != Final {
		return models.Invalid("status", "refuse.assessment.award_when")
	}
	if person, err = models.CheckText("person", "refuse.label.name", person, 64, false); err != nil {
		return err
	}
	if reason, err = models.CheckText("reason", "refuse.label.award", reason, MaxText, true); err != nil {
		return err
	}
	var g Grade
	if err := s.m.DB.WithContext(ctx).Where("plan_id = ? AND department_id = ?", plan, dept).First(&g).Error; err != nil {
		return models.NotFound(err, "read grade")
	}
	if person == "" {
		if err := UnitIneligible(g); err != nil {
			return err
		}
	} else {
		caseNo, barred, err := accountability.New(s.m, s).PersonBarred(ctx, person, p.Year)
		if err != nil {
			return err
		}
		if barred {
			return models.Invalid("person", "refuse.assessment.person_barred", person, caseNo, p.Year)
		}
	}
	c := Commendation{PlanID: plan, DepartmentID: dept, Person: person, Reason: reason, ProposedBy: v.Name, ProposedAt: now.UTC()}
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		var n int64
		if err := tx.DB.Model(&Commendation{}).Where("plan_id = ? AND department_id = ? AND person = ?", plan, dept, person).Count(&n).Error; err != nil {
			return fmt.Errorf("check commendation: %w", err)
		}
		if n > 0 {
			return models.Invalid("person", "refuse.assessment.award_dup")
		}
		if err := tx.DB.Create(&c).Error; err != nil {
			return fmt.Errorf("store commendation: %w", err)
		}
		who := deptNote(tx.DB, dept)
		if person != "" {
			who += " " + person
		}
		if err := event(tx, plan, "commend", who, now); err != nil {
			return err
		}
		return tx.Record("create", "assessment_commendation", c.ID, nil, map[string]any{"department": dept, "person": person, "reason": reason})
	})
}

// Results is the results notice (考核结果通报) of an assessment.
type Results struct {
	Plan       *Plan
	Lines      []ResultLine // by rank; those not rated apart
	Commended  []Commended
	Withdrawn  []Commended // withdrawn on re-opening, with the reason
	Criticised []CriticisedUnit
}

// ResultLine is a department's approved grade.
type ResultLine struct {
	Department string
	Grade      Grade
}

// Commended is a unit or person commended.
type Commended struct {
	Department, Person, Reason string
}

// CriticisedUnit is a unit named for criticism, with its reasons.
type CriticisedUnit struct {
	Department string
	Reasons    []Criticism
}

// Title is the notice's title.
func (r *Results) Title() string {
	return fmt.Sprintf("关于%d年度政府信息公开工作考核结果的通报", r.Plan.Year)
}

// Opening is the notice's first paragraph.
func (r *Results) Opening() string {
	scope := "全面考核"
	if !r.Plan.FullScope {
		scope = "重点考核"
	}
	return fmt.Sprintf("根据《政府信息公开考核评议制度》，领导小组办公室对%d个部门%d年度政府信息公开工作进行了%s。经各部门自查、实地考核，领导小组办公室提出初步考核等次，报领导小组审定。现将考核结果通报如下。",
		len(r.Lines), r.Plan.Year, scope)
}

// Closing is the notice's last paragraph.
func (r *Results) Closing() string {
	return "对受到表彰的单位和个人予以通报表扬；对该公开的信息未公开或不及时公开的单位予以通报批评，请限期整改。各部门要对照考核中发现的问题认真整改，切实做好政府信息公开工作。"
}

// Results builds the results notice of an assessment whose grades are
// approved, for the bureau-wide roles.
func (s *Store) Results(ctx context.Context, v models.Viewer, plan uint) (*Results, error) {
	if !v.CanReadAssessments() {
		return nil, models.ErrNotFound
	}
	p, err := s.plan(ctx, plan)
	if err != nil {
		return nil, err
	}
	if !p.Status.Frozen() {
		return nil, models.ErrNotFound
	}
	return s.results(ctx, p)
}

func (s *Store) results(ctx context.Context, p *Plan) (*Results, error) {
	names, err := s.m.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	db := s.m.DB.WithContext(ctx)
	var grades []Grade
	if err := db.Where("plan_id = ?", p.ID).Order("CASE WHEN rank_no = 0 THEN 1 ELSE 0 END, rank_no, department_id").Find(&grades).Error; err != nil {
		return nil, fmt.Errorf("read grades: %w", err)
	}
	var cs []Commendation
	if err := db.Where("plan_id = ?", p.ID).Order("CASE WHEN person = '' THEN 0 ELSE 1 END, id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("read commendations: %w", err)
	}
	r := &Results{Plan: p}
	for _, g := range grades {
		r.Lines = append(r.Lines, ResultLine{Department: names[g.DepartmentID], Grade: g})
		if c := g.Criticisms(); len(c) > 0 {
			r.Criticised = append(r.Criticised, CriticisedUnit{Department: names[g.DepartmentID], Reasons: c})
		}
	}
	for _, c := range cs {
		if c.WithdrawnAt != nil {
			r.Withdrawn = append(r.Withdrawn, Commended{Department: names[c.DepartmentID], Person: c.Person, Reason: c.WithdrawnReason})
			continue
		}
		r.Commended = append(r.Commended, Commended{Department: names[c.DepartmentID], Person: c.Person, Reason: c.Reason})
	}
	return r, nil
}

func commendedLine(c Commended) string {
	if c.Person == "" {
		return "先进单位：" + c.Department + "。" + c.Reason
	}
	return "先进个人：" + c.Department + " " + c.Person + "。" + c.Reason
}

// ReasonText joins the reasons in Chinese.
func (c CriticisedUnit) ReasonText() string {
	parts := make([]string, len(c.Reasons))
	for i, r := range c.Reasons {
		parts[i] = r.Chinese()
	}
	return strings.Join(parts, "、")
}

// Units lists the units commended.
func (r *Results) Units() []Commended {
	var out []Commended
	for _, c := range r.Commended {
		if c.Person == "" {
			out = append(out, c)
		}
	}
	return out
}
