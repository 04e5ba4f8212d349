package models

import "slices"

// Action is something a viewer may be allowed to do. Who may do what is
// written once, in permissions: the routes (handlers/routes.go), the Store
// and the templates (.Viewer.Can) all ask Can, and the route × role matrix
// test checks every route against it.
type Action string

// The actions of the regime.
const (
	// ActPublic needs no sign-in: the sign-in page, the published results.
	ActPublic Action = "public"
	// ActSignedIn is any signed-in user; the Store decides what each reads
	// (a head: their own department only).
	ActSignedIn Action = "signed_in"
	// ActReadBureau reads every department's figures (overview, charts).
	ActReadBureau Action = "bureau.read"
	// ActAdminister is the office's running of the regime: accounts,
	// scores, calendar, schemes, imports, channels, sources, reports.
	ActAdminister Action = "administer"
	// ActApproveScheme freezes a scheme version.
	ActApproveScheme Action = "scheme.approve"
	// ActReadAudit reads and exports the audit log.
	ActReadAudit Action = "audit.read"
	// ActReadImports reads the import history (a head: their own department's).
	ActReadImports Action = "imports.read"
	// ActDecideFlag decides a disclosure flag.
	ActDecideFlag Action = "flag.decide"
	// ActStepPlan moves an assessment plan on (the office submits and
	// publishes, the leading group approves; the Store checks which step).
	ActStepPlan Action = "assessment.step"
	// ActFileForDepartment files for one's own department: in an
	// assessment, and its quarterly and annual reports.
	ActFileForDepartment Action = "assessment.file"
	// ActHandleCases opens, investigates and decides accountability cases
	// (责任追究制度 art. 4); the Store decides which step of which case.
	ActHandleCases Action = "cases.handle"
	// ActAnswerCase answers a case of one's own department once its notice
	// is issued: files its appeal, reports a rectification done, attaches
	// the files of either (the Store checks which department and case).
	ActAnswerCase Action = "cases.answer"
	// ActEditDepartment changes a department's liaison details and annual
	// figures: the office, or the department's own head (the Store checks
	// which department; another one is a 404).
	ActEditDepartment Action = "department.edit"
)

var permissions = map[Action][]Role{
	ActSignedIn:          Roles,
	ActReadBureau:        {RoleOffice, RoleLeader, RoleAuditor, RoleDiscipline},
	ActAdminister:        {RoleOffice},
	ActApproveScheme:     {RoleLeader},
	ActReadAudit:         {RoleOffice, RoleAuditor},
	ActReadImports:       {RoleOffice, RoleLeader, RoleAuditor, RoleHead},
	ActDecideFlag:        {RoleOffice, RoleDiscipline},
	ActStepPlan:          {RoleOffice, RoleLeader},
	ActFileForDepartment: {RoleHead},
	ActHandleCases:       {RoleDiscipline},
	ActAnswerCase:        {RoleHead},
	ActEditDepartment:    {RoleOffice, RoleHead},
}

// Can reports whether the viewer's role allows the action.
func (v Viewer) Can(a Action) bool {
	if a == ActPublic {
		return true
	}
	return slices.Contains(permissions[a], v.Role)
}

// Allowed lists the roles that may do a, in display order.
func Allowed(a Action) []Role {
	if a == ActPublic {
		return Roles
	}
	return permissions[a]
}
