package models

// CanHandleCases reports whether the viewer opens, investigates and decides
// accountability cases: the discipline office alone (责任追究制度 art. 4).
func (v Viewer) CanHandleCases() bool { return v.Can(ActHandleCases) }

// CanReadCaseFiles reports whether the viewer reads everything of every
// case, proposals, investigation notes and statements included: the
// discipline office and auditors (read-only).
func (v Viewer) CanReadCaseFiles() bool { return v.Can(ActReadCaseFiles) }

// CanReadDecisions reports whether the viewer reads every department's
// decisions (not the notes): the office, which sees their effect on grades,
// and the leading group. A head reads a case of their own department once
// its notice is issued.
func (v Viewer) CanReadDecisions() bool { return v.Can(ActReadCaseDecisions) }
