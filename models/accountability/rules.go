// Package accountability is the discipline office's workspace (责任追究,
// seed 003 责任追究制度 art. 4-7): cases proposed from what the app sees,
// the persons concerned, who answers for the act (art. 6(一)), statements
// and defence, the decision and its sanctions (art. 6(二), seed 000 §6),
// the written notice and the appeal (art. 7), and the decisions' effect on
// grades and awards. The rules that need no database are in this file.
package accountability

import (
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// Status is where a case stands.
type Status string

// The states of a case. A proposal (待处理线索) is not a case yet: it is
// computed from the records until the discipline office accepts or
// dismisses it.
const (
	Investigating Status = "investigating" // 调查中: opened, evidence and notes gathered
	Heard         Status = "heard"         // 已听取陈述申辩: every person stated or refused
	Decided       Status = "decided"       // 已决定: sanctions recorded (imported paper decisions start here)
	Notified      Status = "notified"      // 已下达书面通知: the appeal window runs
	Appealed      Status = "appealed"      // 复核/申诉中
	Reviewed      Status = "reviewed"      // 复核/申诉已办结: upheld or changed
	Revoked       Status = "revoked"       // 已撤销 on appeal
)

// Statuses lists every state in order.
var Statuses = []Status{Investigating, Heard, Decided, Notified, Appealed, Reviewed, Revoked}

// Action is a step a viewer takes on a case.
type Action string

// The steps of a case.
const (
	Hear   Action = "hear"   // 结束陈述申辩
	Decide Action = "decide" // 作出决定
	Notify Action = "notify" // 下达书面通知
	Appeal Action = "appeal" // 申请复核 / 提出申诉
	Review Action = "review" // 复核/申诉结果
	Report Action = "report" // 报告整改完成 (answers.go)
)

// step is where an action may start and where it leads.
type step struct {
	from []Status
	to   Status
}

var steps = map[Action]step{
	Hear:   {from: []Status{Investigating}, to: Heard},
	Decide: {from: []Status{Heard}, to: Decided},
	Notify: {from: []Status{Decided}, to: Notified},
	Appeal: {from: []Status{Notified}, to: Appealed},
	Review: {from: []Status{Appealed}, to: Reviewed}, // Revoked when the outcome is 撤销
}

// Next is the state an action leads to from s, or an error when it cannot
// be taken there.
func Next(s Status, a Action) (Status, error) {
	st, ok := steps[a]
	if !ok || !slices.Contains(st.from, s) {
		return "", fmt.Errorf("%w: %s from %s", errStep, a, s)
	}
	return st.to, nil
}

var errStep = models.Invalid("status", "refuse.case.step")

// MayTake reports whether the viewer may take the action on a case about
// department dept. Only the discipline office opens, investigates and
// decides (art. 4); the department answers its own case: it files its
// appeal (art. 7) and reports a rectification done.
func MayTake(v models.Viewer, dept uint, a Action) bool {
	switch a {
	case Appeal:
		return v.Can(models.ActAppealCase) && v.CanSeeDepartment(dept)
	case Report:
		return v.Can(models.ActAnswerCase) && v.CanSeeDepartment(dept)
	}
	return v.CanHandleCases()
}

// Open reports whether the case is still before its decision: persons,
// evidence, notes and statements may be added.
func (s Status) Open() bool { return s == Investigating || s == Heard }

// noticeIssued are the states in which the written notice is out.
var noticeIssued = []Status{Notified, Appealed, Reviewed, Revoked}

// NoticeIssued reports whether the written notice is out: from then on the
// department's head sees the case, whether it was decided in the
// workspace or on paper (a paper decision the discipline office has not
// notified here stays unseen by the head).
func (s Status) NoticeIssued() bool { return slices.Contains(noticeIssued, s) }

// AppealDays is the appeal window of art. 7: 30 calendar days from the notice.
const AppealDays = 30

// AppealDeadline is the last day an appeal against a notice issued on
// notice may be made.
func AppealDeadline(notice scoring.Date) scoring.Date { return notice + AppealDays }

// CheckAppealDate refuses an appeal filed after the window closed, saying
// the date it closed, or before the notice.
func CheckAppealDate(notice, filed scoring.Date) error {
	switch {
	case filed < notice:
		return models.Invalid("filed", "refuse.case.filed_early")
	case filed > AppealDeadline(notice):
		return models.Invalid("filed", "refuse.case.appeal_late", documents.ChineseDate(AppealDeadline(notice)), AppealDays)
	}
	return nil
}

// Outcomes of an appeal.
const (
	Upheld  = "维持"
	Changed = "变更"
	Revoke  = "撤销"
)

// Outcomes lists the outcomes of an appeal.
var Outcomes = []string{Upheld, Changed, Revoke}

// AppealKinds: 复核 asks the deciding body to review; 申诉 complains of it.
var AppealKinds = []string{"复核", "申诉"}

// Trigger is one of the situations of art. 5 that call for accountability.
type Trigger struct {
	Code  int
	Label string
}

// Triggers are art. 5's five situations; the fifth, 其他, takes free text.
var Triggers = []Trigger{
	{1, "应当公开而没有公开"},
	{2, "公开流于形式、承诺不践诺、暗箱操作"},
	{3, "重点内容未按要求公开，造成不良影响"},
	{4, "不及时受理公开申请、不认真处理举报投诉"},
	{5, "其他违反信息公开规定的行为"},
}

// TriggerOther is the code of 其他, which needs a description.
const TriggerOther = 5

// TriggerLabel is the label of code, or "" when unknown.
func TriggerLabel(code int) string {
	for _, t := range Triggers {
		if t.Code == code {
			return t.Label
		}
	}
	return ""
}

// Sanction is one step of the ladder of art. 6(二) and seed 000 §6.
type Sanction struct {
	Name       string
	Department bool // may be imposed on a department
	Person     bool // may be imposed on a person
	TimeLimit  bool // has a time limit, tracked to completion
}

// Ladder is the sanctions, lightest first. The names are those of the
// scheme's capping_sanctions and the accountability import.
var Ladder = []Sanction{
	{Name: "告诫", Person: true},
	{Name: "批评教育", Department: true, Person: true},
	{Name: "限期改正", Person: true, TimeLimit: true},
	{Name: "通报批评", Department: true, Person: true},
	{Name: "书面检查", Person: true},
	{Name: BarredFromAwards, Department: true, Person: true},
	{Name: "限期整改", Department: true, TimeLimit: true},
	{Name: "政纪处分", Person: true},
	{Name: "移送司法机关", Person: true},
}

// BarredFromAwards takes the year's eligibility for awards away
// (取消当年评先选优资格).
const BarredFromAwards = "取消评先选优资格"

// SanctionOf returns the ladder's sanction called name.
func SanctionOf(name string) (Sanction, bool) {
	i := slices.IndexFunc(Ladder, func(s Sanction) bool { return s.Name == name })
	if i < 0 {
		return Sanction{}, false
	}
	return Ladder[i], true
}

// Severity is the class of art. 6(二)1-3.
type Severity int

// Severities of art. 6(二).
const (
	Minor   Severity = 1 // 情节轻微、影响较小
	Harmful Severity = 2 // 影响正常工作或者给群众利益造成损害
	Serious Severity = 3 // 情节严重、影响较大
)

// SeverityLabel is the Chinese name of a severity class.
func SeverityLabel(s Severity) string {
	switch s {
	case Minor:
		return "情节轻微、影响较小"
	case Harmful:
		return "影响正常工作或损害群众利益"
	case Serious:
		return "情节严重、影响较大"
	}
	return ""
}
