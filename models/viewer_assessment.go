package models

// CanRunAssessment reports whether the viewer drafts plans, answers
// objections, records findings and proposes grades: the office.
func (v Viewer) CanRunAssessment() bool { return v.Can(ActRunAssessment) }

// CanDecideAssessment reports whether the viewer approves or sends back
// plans, grades and re-openings: the leading group.
func (v Viewer) CanDecideAssessment() bool { return v.Can(ActDecideAssessment) }

// CanReadAssessments reports whether the viewer sees every department's
// assessment: the office, the leading group, the discipline office and
// auditors. A head sees only their own department's.
func (v Viewer) CanReadAssessments() bool { return v.Can(ActReadAssessments) }

// CanActForDepartment reports whether the viewer files for a department in
// an assessment (notice receipt, self-inspection, objections, rectification
// reports): its own head only.
func (v Viewer) CanActForDepartment(id uint) bool {
	return v.MayForDepartment(ActFileForDepartment, id) == nil
}
