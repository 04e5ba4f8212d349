package reports

import (
	"context"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Unit is who a report is about (填报单位): one department, or the whole
// bureau when Department is nil.
type Unit struct {
	Department *models.Department
	// Members are the departments whose records the report counts: the
	// department alone, or, for the annual report, the department and those
	// under it (a county sub-bureau and its police stations). Nil: one
	// department, or every department for the bureau.
	Members []uint
}

// where limits a query of records to the unit's departments.
func (u Unit) where(q *gorm.DB) *gorm.DB {
	switch {
	case u.Members != nil:
		return q.Where("department_id IN ?", u.Members)
	case u.Department != nil:
		return q.Where("department_id = ?", u.Department.ID)
	}
	return q
}

// members lists the unit's departments for queries that take a list; nil
// for the whole bureau.
func (u Unit) members() []uint {
	switch {
	case u.Members != nil:
		return u.Members
	case u.Department != nil:
		return []uint{u.Department.ID}
	}
	return nil
}

// BureauName is how the reports name the whole bureau.
const BureauName = "全局"

// Name is the unit's name: the department's, or BureauName.
func (u Unit) Name() string {
	if u.Department == nil {
		return BureauName
	}
	return u.Department.Name
}

// FormName is the unit as a form's 填报单位 line prints it: the bureau's
// figures are its departments' taken together.
func (u Unit) FormName() string {
	if u.Department == nil {
		return BureauName + "（各部门合计）"
	}
	return u.Department.Name
}

// ID is the department's id, 0 for the bureau.
func (u Unit) ID() uint {
	if u.Department == nil {
		return 0
	}
	return u.Department.ID
}

// unitFor resolves a department id (0: the bureau) for the viewer:
// ErrForbidden when a head asks for the bureau, ErrNotFound for a
// department that does not exist or is not theirs.
func unitFor(ctx context.Context, s *models.Store, v models.Viewer, deptID uint) (Unit, error) {
	if err := v.CanReadReport(deptID); err != nil {
		return Unit{}, err
	}
	if deptID == 0 {
		return Unit{}, nil
	}
	d, err := s.Department(ctx, v, deptID)
	if err != nil {
		return Unit{}, err
	}
	return Unit{Department: d}, nil
}

// validYear checks a report's year: the regime's records start this century.
func validYear(y int) error {
	if !scoring.ValidYear(y) {
		return models.Invalid("year", "refuse.year", scoring.MinYear, scoring.MaxYear)
	}
	return nil
}
