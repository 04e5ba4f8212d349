// Package assessment runs the year-end assessment (年度考核, seed 003 art.
// 7-8): the plan and its approval, the notice, self-inspection, objections
// to deductions, on-site findings and rectification, preliminary grades
// from the adjusted totals, their approval (which freezes them), re-opening,
// commendation, the results notice and its publication. The rules that need
// no database (which step follows which, who may take it, the 15-day notice
// rule, adjusted totals, who is criticised) are plain functions here, apart
// from the queries.
package assessment

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Status is where an assessment stands.
type Status string

// The states of an assessment, in the order they are normally reached.
const (
	Draft           Status = "draft"     // 草拟: the office is writing the plan
	Submitted       Status = "submitted" // 已报审: waiting for the leading group
	Returned        Status = "returned"  // 已退回: sent back with a reason, editable again
	Approved        Status = "approved"  // 已审定方案: notices out, self-inspection, objections, on-site review
	Proposed        Status = "proposed"  // 已提出初步等次: waiting for the leading group
	Final           Status = "final"     // 等次已审定: grades frozen, departments notified
	ReopenRequested Status = "reopen"    // 申请重新审核: waiting for the leading group
	Published       Status = "published" // 已通报: the results notice is public
)

// Statuses lists every state in order, for pages and tests.
var Statuses = []Status{Draft, Submitted, Returned, Approved, Proposed, Final, ReopenRequested, Published}

// Action is a step that moves an assessment from one state to another.
type Action string

// The steps.
const (
	Submit        Action = "submit"         // office: 报审方案
	Approve       Action = "approve"        // leader: 审定方案
	Return        Action = "return"         // leader: 退回方案
	Propose       Action = "propose"        // office: 提出初步等次
	ApproveGrades Action = "approve_grades" // leader: 审定等次 (freezes them)
	ReturnGrades  Action = "return_grades"  // leader: 退回初步等次
	RequestReopen Action = "request_reopen" // office: 申请重新审核
	ApproveReopen Action = "approve_reopen" // leader: 同意重新审核
	RefuseReopen  Action = "refuse_reopen"  // leader: 不同意重新审核
	Publish       Action = "publish"        // office: 发布考核结果通报
)

// Actions lists every step, for pages and tests.
var Actions = []Action{Submit, Approve, Return, Propose, ApproveGrades, ReturnGrades, RequestReopen, ApproveReopen, RefuseReopen, Publish}

// step is one edge of the state machine.
type step struct {
	from   []Status
	to     Status
	who    models.Action // who may take it: an action on the permission table
	reason bool          // a written reason is required
}

// steps is the whole procedure of art. 8: the office drafts and proposes,
// the leading group approves or sends back. Re-opening frozen grades is an
// office request the leading group decides, with reasons both ways.
var steps = map[Action]step{
	Submit:        {from: []Status{Draft, Returned}, to: Submitted, who: models.ActRunAssessment},
	Approve:       {from: []Status{Submitted}, to: Approved, who: models.ActDecideAssessment},
	Return:        {from: []Status{Submitted}, to: Returned, who: models.ActDecideAssessment, reason: true},
	Propose:       {from: []Status{Approved}, to: Proposed, who: models.ActRunAssessment},
	ApproveGrades: {from: []Status{Proposed}, to: Final, who: models.ActDecideAssessment},
	ReturnGrades:  {from: []Status{Proposed}, to: Approved, who: models.ActDecideAssessment, reason: true},
	RequestReopen: {from: []Status{Final, Published}, to: ReopenRequested, who: models.ActRunAssessment, reason: true},
	ApproveReopen: {from: []Status{ReopenRequested}, to: Approved, who: models.ActDecideAssessment},
	RefuseReopen:  {from: []Status{ReopenRequested}, to: Final, who: models.ActDecideAssessment, reason: true},
	Publish:       {from: []Status{Final}, to: Published, who: models.ActRunAssessment},
}

// ErrStep: the step does not apply to the assessment's state.
type ErrStep struct {
	From   Status
	Action Action
}

func (e *ErrStep) Error() string {
	return fmt.Sprintf("cannot %s an assessment that is %s", e.Action, e.From)
}

// Next returns the state that a step leads to from s, or an *ErrStep.
func Next(s Status, a Action) (Status, error) {
	st, ok := steps[a]
	if !ok || !slices.Contains(st.from, s) {
		return "", &ErrStep{From: s, Action: a}
	}
	return st.to, nil
}

// MayTake reports whether the viewer may take a step: only the leading
// group approves or sends back, so the office never approves its own plan
// or grades.
func MayTake(v models.Viewer, a Action) bool {
	st, ok := steps[a]
	return ok && v.Can(st.who)
}

// NeedsReason reports whether a step must be taken with a written reason.
func NeedsReason(a Action) bool { return steps[a].reason }

// AvailableTo lists the steps the viewer may take from s, in Actions order.
func AvailableTo(v models.Viewer, s Status) []Action {
	var out []Action
	for _, a := range Actions {
		if _, err := Next(s, a); err == nil && MayTake(v, a) {
			out = append(out, a)
		}
	}
	return out
}

// Editable reports whether the plan itself may still be changed.
func (s Status) Editable() bool { return s == Draft || s == Returned }

// Open reports whether departments are at work on the assessment: notices
// out, self-inspection, objections, on-site review.
func (s Status) Open() bool { return s == Approved }

// Frozen reports whether the grades are approved and may not move.
func (s Status) Frozen() bool { return s == Final || s == ReopenRequested || s == Published }

// Started reports whether the plan is approved: the assessment is under way
// or done, so departments see it.
func (s Status) Started() bool { return s != Draft && s != Submitted && s != Returned }

// NoticeLeadDays is how long before the on-site review the notice must go
// out (art. 8: 提前15天向被考核部门发出考核通知).
const NoticeLeadDays = 15

// EarliestReview is the earliest on-site review date a notice date allows.
func EarliestReview(notice scoring.Date) scoring.Date { return notice + NoticeLeadDays }

// Dates are the dates a plan sets.
type Dates struct {
	AsOf, Notice, SelfDue, ObjectionDue, Review scoring.Date
}

// Check refuses dates that are missing, out of order, or give less than
// NoticeLeadDays of notice before the on-site review, naming the earliest
// review date allowed.
func (d Dates) Check() error {
	switch {
	case d.AsOf == 0 || d.Notice == 0 || d.SelfDue == 0 || d.ObjectionDue == 0 || d.Review == 0:
		return models.Invalid("dates", "refuse.assessment.dates")
	case d.SelfDue < d.Notice:
		return models.Invalid("self_due", "refuse.assessment.self_due")
	case d.ObjectionDue < d.Notice:
		return models.Invalid("objection_due", "refuse.assessment.objection_due")
	case d.Review < EarliestReview(d.Notice):
		return models.Invalid("review", "refuse.assessment.lead", NoticeLeadDays, d.Notice, EarliestReview(d.Notice))
	}
	return nil
}

// SelfClosed reports whether the self-inspection window has closed on
// today: the due date is the last day to file.
func (d Dates) SelfClosed(today scoring.Date) bool { return today > d.SelfDue }

// ObjectionsClosed reports whether the objection window has closed on
// today: the due date is the last day to object.
func (d Dates) ObjectionsClosed(today scoring.Date) bool { return today > d.ObjectionDue }

// Reviewed reports whether the on-site review has taken place on today.
func (d Dates) Reviewed(today scoring.Date) bool { return today >= d.Review }

// Wait is something a step still waits for: its catalog key and argument
// (a date, a count).
type Wait struct {
	Key string
	Arg any
}

// ProposeWaits lists what proposing grades waits for on today (art. 8:
// self-inspection, objections and the on-site review come first): each
// window not yet closed, and the units (unsigned) that have not signed
// their notice. The office may go ahead earlier only with a written
// reason, which the leading group sees.
func (d Dates) ProposeWaits(today scoring.Date, unsigned int) []Wait {
	var out []Wait
	if !d.SelfClosed(today) {
		out = append(out, Wait{"wait.self_due", d.SelfDue})
	}
	if !d.ObjectionsClosed(today) {
		out = append(out, Wait{"wait.objection_due", d.ObjectionDue})
	}
	if !d.Reviewed(today) {
		out = append(out, Wait{"wait.review", d.Review})
	}
	if unsigned > 0 {
		out = append(out, Wait{"wait.unsigned", unsigned})
	}
	return out
}

// WaitsText is the waits in one Chinese sentence, for a refusal, the
// timeline and the audit log.
func WaitsText(ws []Wait) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = i18n.T(i18n.Chinese, w.Key, w.Arg)
	}
	return strings.Join(parts, "；")
}

// The forms a head files in an assessment.
const (
	FormSelf      = "self"      // the self-inspection
	FormObjection = "objection" // an objection to a deduction
)

// ClosedFor says why a head's form no longer takes a filing on today (its
// catalog key and argument), or nil while it does: once the grades are
// proposed the assessment takes none; objections also close after their
// due date. A self-inspection after its due date is taken, flagged late.
// The Store refuses with the same words the page shows instead of the form.
func (p *Plan) ClosedFor(form string, today scoring.Date) *Wait {
	switch {
	case !p.Status.Open():
		return &Wait{"closed.graded", nil}
	case form == FormObjection && p.Dates().ObjectionsClosed(today):
		return &Wait{"closed.objection", p.Dates().ObjectionDue}
	}
	return nil
}

// Refusal is the wait as the Store's refusal.
func (w *Wait) Refusal() error {
	if w.Arg == nil {
		return models.Invalid("status", w.Key)
	}
	return models.Invalid("status", w.Key, w.Arg)
}
