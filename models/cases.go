package models

// What scoring and the accountability import share with the discipline
// office's workspace (models/accountability), which imports this package.

// StandingCaseStates are the states of an accountability case in which its
// decision stands: taken, not revoked. Scoring reads these; the workspace
// moves cases between them.
var StandingCaseStates = []string{"decided", "notified", "appealed", "reviewed"}

// CaseNoPrefix begins the number of every case opened in the workspace
// (纪公开〔2026〕3号); a paper decision imported under such a number would
// overwrite a case, so the import refuses it.
const CaseNoPrefix = "纪公开〔"
