package models

// Role is what a signed-in user is allowed to do.
type Role string

// The roles of the regime.
const (
	RoleOffice     Role = "office"     // 领导小组办公室: administers
	RoleLeader     Role = "leader"     // 领导小组: approves
	RoleHead       Role = "head"       // 部门负责人: own department only
	RoleClerk      Role = "clerk"      // 承办人: works its department's requests and publications
	RoleDiscipline Role = "discipline" // 纪委: accountability
	RoleAuditor    Role = "auditor"    // read-only, all departments
)

// Roles lists every role in display order.
var Roles = []Role{RoleOffice, RoleLeader, RoleHead, RoleClerk, RoleDiscipline, RoleAuditor}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if r == k {
			return true
		}
	}
	return false
}

// Viewer is who is reading: every query that returns department data takes
// one, so the check sits where the data is read, not only in the menu.
type Viewer struct {
	UserID       uint
	Name         string
	Role         Role
	DepartmentID uint // set for a role of one department (HasDepartment)
}

// System is the viewer for start-up work (migrations, demo data, CLI).
var System = Viewer{Name: "system", Role: RoleOffice}

// OwnDepartment returns the only department the viewer may see, if
// limited: a role that does not read the whole bureau (ActReadBureau)
// reads its own department only.
func (v Viewer) OwnDepartment() (uint, bool) {
	if v.Can(ActReadBureau) {
		return 0, false
	}
	return v.DepartmentID, true
}

// CanSeeDepartment reports whether the viewer may read a department's
// non-public data.
func (v Viewer) CanSeeDepartment(id uint) bool {
	own, limited := v.OwnDepartment()
	return !limited || own != 0 && own == id
}

// CanEditLiaison reports whether the viewer may change a department's
// liaison details (Annex 3).
func (v Viewer) CanEditLiaison(id uint) bool { return v.MayForDepartment(ActEditLiaison, id) == nil }

// CanFileAnnualFigures reports whether the viewer may file a department's
// annual figures.
func (v Viewer) CanFileAnnualFigures(id uint) bool {
	return v.MayForDepartment(ActFileAnnualFigures, id) == nil
}

// MayForDepartment decides an action taken for one department:
// ErrForbidden for a role the table refuses, ErrNotFound for a department
// the viewer may not read (as reading it is).
func (v Viewer) MayForDepartment(a Action, id uint) error {
	switch {
	case !v.Can(a):
		return ErrForbidden
	case !v.CanSeeDepartment(id):
		return ErrNotFound
	}
	return nil
}

// IsOffice reports whether the viewer administers the bureau's data.
func (v Viewer) IsOffice() bool { return v.Can(ActAdminister) }
