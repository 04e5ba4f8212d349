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
	// ActReadBureau reads every department's figures (overview, charts); a
	// role without it reads its own department only (Viewer.OwnDepartment).
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
	// is issued: reads it, reports a rectification done with its files (the
	// Store checks which department and case).
	ActAnswerCase Action = "cases.answer"
	// ActAppealCase files an appeal against a case's notice (复核/申诉,
	// art. 7): the department's head for their own department, or the
	// discipline office recording one received on paper.
	ActAppealCase Action = "cases.appeal"
	// ActEditLiaison changes a department's liaison details (Annex 3): the
	// office, or the department's own head (the Store checks which
	// department; another one is a 404).
	ActEditLiaison Action = "department.liaison"
	// ActFileAnnualFigures files a department's annual figures that the
	// records cannot give (年度报告): the office, or the department's own
	// head (the Store checks which department).
	ActFileAnnualFigures Action = "annual.figures"
	// ActRunAssessment drafts assessment plans, answers objections, records
	// findings and proposes grades (the office).
	ActRunAssessment Action = "assessment.run"
	// ActDecideAssessment approves or sends back plans, grades and
	// re-openings (the leading group).
	ActDecideAssessment Action = "assessment.decide"
	// ActReadAssessments reads every department's assessment; a head reads
	// only their own department's (ActSignedIn, the Store checks which).
	ActReadAssessments Action = "assessment.read"
	// ActReadCaseFiles reads everything of every accountability case,
	// proposals, investigation notes and statements included.
	ActReadCaseFiles Action = "cases.files"
	// ActReadCaseDecisions reads every department's case decisions (not the
	// notes): the office sees their effect on grades. A head reads a case of
	// their own department once its notice is issued (ActAnswerCase).
	ActReadCaseDecisions Action = "cases.decisions"
	// ActReadApplicant reads a requester's identity unmasked (name, ID
	// number, contact): the office, and the handling department's head and
	// clerk (the Store checks which department; see Viewer.ApplicantOf).
	ActReadApplicant Action = "requests.applicant"
	// guide: ActPublicationFiles attaches a publication's copies (the office;
	// a department's head and clerk, their own: the Store checks which);
	// ActOverridePersonalData publishes one despite personal data found, with
	// a reason (the office); ActMaintainGuide keeps and issues the 公开指南 and
	// the 公开目录 (the office).
	ActPublicationFiles     Action = "publications.files"
	ActOverridePersonalData Action = "publications.override"
	ActMaintainGuide        Action = "guide.maintain"
	// columns:
	// ActManageColumns creates and edits the website columns (栏目) with
	// their owners and cadences, and reads their upkeep (the office).
	ActManageColumns Action = "columns.manage"
	// ActAssignColumn sets the column a publication was posted in: the
	// office, or the publishing department's head and clerk (the Store
	// checks which department).
	ActAssignColumn Action = "columns.assign"
	// publications:
	// ActWorkPublication works its department's publications (issue 24; review steps 1 and 4, the Store checks which department).
	ActWorkPublication Action = "publications.work"
	// ActReviewPublication reviews attributes, records signers' decisions, settles disagreements.
	ActReviewPublication Action = "publications.office"
	// ActHeadReview signs step 2 of a secrecy review (部门负责人审查) for one's department.
	ActHeadReview Action = "publications.head"
	// ActSuperviseLeader signs steps 3 and 5 (分管领导) and approves a deferral (暂缓公开).
	ActSuperviseLeader Action = "publications.leader"
	// requests: ActWorkRequests registers and works the own department's
	// requests (head, clerk); ActApproveExtension decides extensions and
	// ActEditLetters edits the letters' templates (the office).
	ActWorkRequests     Action = "requests.work"
	ActApproveExtension Action = "requests.extension"
	ActEditLetters      Action = "requests.letters"
	// AREA: receipts. ActSignDocument signs (签收) a document issued to
	// one's own department: a case's notice, a 复核决定书.
	ActSignDocument Action = "documents.sign"
	// campaigns (专项行动): the office drafts, checks and issues the 通报; the
	// leading group approves; a unit's head and clerk report its own tasks.
	ActManageCampaigns, ActApproveCampaign, ActReportCampaign Action = "campaigns.manage", "campaigns.approve", "campaigns.report"
	// monitoring (季度监测): run, issue and post its 通报 (office); read (a head its own unit's line).
	ActRunMonitoring, ActIssueBulletin, ActReadMonitoring Action = "monitoring.run", "monitoring.bulletin", "monitoring.view"
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
	ActAppealCase:        {RoleDiscipline, RoleHead},
	ActEditLiaison:       {RoleOffice, RoleHead},
	ActFileAnnualFigures: {RoleOffice, RoleHead},
	ActRunAssessment:     {RoleOffice},
	ActDecideAssessment:  {RoleLeader},
	ActReadAssessments:   {RoleOffice, RoleLeader, RoleDiscipline, RoleAuditor},
	ActReadCaseFiles:     {RoleDiscipline, RoleAuditor},
	ActReadCaseDecisions: {RoleOffice, RoleLeader, RoleDiscipline, RoleAuditor},
	ActReadApplicant:     {RoleOffice, RoleHead, RoleClerk},
	// guide:
	ActPublicationFiles:     {RoleOffice, RoleHead, RoleClerk},
	ActOverridePersonalData: {RoleOffice},
	ActMaintainGuide:        {RoleOffice},
	ActManageColumns:        {RoleOffice},
	ActAssignColumn:         {RoleOffice, RoleHead, RoleClerk},
	ActWorkPublication:      {RoleHead, RoleClerk},
	ActReviewPublication:    {RoleOffice},
	ActHeadReview:           {RoleHead},
	ActSuperviseLeader:      {RoleLeader},
	ActWorkRequests:         {RoleHead, RoleClerk},
	ActApproveExtension:     {RoleOffice},
	ActEditLetters:          {RoleOffice},
	// receipts:
	ActSignDocument: {RoleHead},
	// campaigns:
	ActManageCampaigns: {RoleOffice}, ActApproveCampaign: {RoleLeader}, ActReportCampaign: {RoleHead, RoleClerk},
	// monitor:
	ActRunMonitoring: {RoleOffice}, ActIssueBulletin: {RoleOffice}, ActReadMonitoring: {RoleOffice, RoleLeader, RoleAuditor, RoleHead},
}

// Can reports whether the viewer's role allows the action.
func (v Viewer) Can(a Action) bool {
	if a == ActPublic {
		return true
	}
	return slices.Contains(permissions[a], v.Role)
}

// HasDepartment reports whether an account of role r belongs to one
// department (部门负责人): one that reads its own department only.
func (r Role) HasDepartment() bool { return r.Valid() && !Viewer{Role: r}.Can(ActReadBureau) }

// Allowed lists the roles that may do a, in display order.
func Allowed(a Action) []Role {
	if a == ActPublic {
		return Roles
	}
	return permissions[a]
}
