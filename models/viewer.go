package models

// Role is what a signed-in user is allowed to do.
type Role string

// The roles of the regime.
const (
	RoleOffice     Role = "office"     // 领导小组办公室: administers
	RoleLeader     Role = "leader"     // 领导小组: approves
	RoleHead       Role = "head"       // 部门负责人: own department only
	RoleDiscipline Role = "discipline" // 纪委: accountability
	RoleAuditor    Role = "auditor"    // read-only, all departments
)

// Roles lists every role in display order.
var Roles = []Role{RoleOffice, RoleLeader, RoleHead, RoleDiscipline, RoleAuditor}

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
	DepartmentID uint // set for RoleHead
}

// System is the viewer for start-up work (migrations, demo data, CLI).
var System = Viewer{Name: "system", Role: RoleOffice}

// OwnDepartment returns the only department the viewer may see, if limited.
func (v Viewer) OwnDepartment() (uint, bool) {
	if v.Role == RoleHead {
		return v.DepartmentID, true
	}
	return 0, false
}

// CanSeeDepartment reports whether the viewer may read a department's
// non-public data.
func (v Viewer) CanSeeDepartment(id uint) bool {
	switch v.Role {
	case RoleOffice, RoleLeader, RoleDiscipline, RoleAuditor:
		return true
	case RoleHead:
		return v.DepartmentID != 0 && v.DepartmentID == id
	}
	return false
}

// CanEditLiaison reports whether the viewer may change a department's
// liaison details (Annex 3).
func (v Viewer) CanEditLiaison(id uint) bool { return v.MayEditDepartment(id) == nil }

// MayEditDepartment is ErrForbidden for a role that edits no department,
// ErrNotFound for a head and a department not their own (as reading it is).
func (v Viewer) MayEditDepartment(id uint) error {
	switch {
	case !v.Can(ActEditDepartment):
		return ErrForbidden
	case v.Role == RoleHead && v.DepartmentID != id:
		return ErrNotFound
	}
	return nil
}

// IsOffice reports whether the viewer administers the bureau's data.
func (v Viewer) IsOffice() bool { return v.Can(ActAdminister) }
