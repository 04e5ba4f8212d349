package publications

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// Steps is the number of steps of the secrecy review (seed 003 保密审查制度
// art. 7): (一) the department's initial opinion, (二) its head's review,
// (三) its supervising leader's, (四) the secrecy committee office's
// re-review, (五) that office's supervising leader's approval.
const Steps = 5

// StepAction is the action the permission table must allow to sign step n.
// Steps 1, 2 and 4 are also kept to a department by the Store: the
// document's own for 1 and 2, the secrecy committee office for 4 (whose
// clerk or head works publications).
func StepAction(n int) models.Action {
	switch n {
	case 1, 4:
		return models.ActWorkPublication
	case 2:
		return models.ActHeadReview
	}
	return models.ActSuperviseLeader // 3 and 5: a supervising leader (分管领导)
}

// Exemptions are the reasons a document may be 不予公开: the fixed list of
// the national annual report's 不予公开 row.
func Exemptions() []string {
	for _, g := range reports.ResultGroups {
		if g.Name == scoring.AttrWithheld {
			return g.Reasons
		}
	}
	return nil
}

// The kinds of violation a published document can carry (seed 003 保密
// 审查制度 art. 10, 发布协调制度 art. 12-13): i18n publications.vio.<kind>.
const (
	VioReviewPending  = "review_pending"  // published before step 5 approved
	VioReviewAgainst  = "review_against"  // published against step 5's opinion
	VioNoConsultation = "no_consultation" // an involved department was never consulted
	VioConsultLate    = "consult_late"    // a consultation sent after 5 working days of formation
	VioUnsettled      = "unsettled"       // published against a disagreement not yet settled
	VioAgainstSettled = "against_settled" // published against the office's settlement
)

// Violation is one breach of the procedures a document's work shows.
type Violation struct {
	Kind         string
	WorkID       uint
	Publication  uint // the core publication row, 0 before publishing
	DepartmentID uint
	Title        string
	On           scoring.Date // the day it happened: published, or the late letter
	Other        uint         // the department concerned, for a consultation
}

// violations finds the breaches of one work, from its steps and
// consultations; formed's consultation limit comes from cal.
func violations(w Work, steps []Step, cs []Consultation, cal *scoring.Calendar) []Violation {
	var out []Violation
	add := func(kind string, on scoring.Date, other uint) {
		out = append(out, Violation{Kind: kind, WorkID: w.ID, Publication: w.PublicationID, DepartmentID: w.DepartmentID, Title: w.Title, On: on, Other: other})
	}
	consultBy := scoring.ConsultationDue(cal, scoring.DateOf(w.Formed))
	for _, c := range cs {
		if sent := scoring.DateOf(c.Sent); sent > consultBy {
			add(VioConsultLate, sent, c.AskedID)
		}
	}
	if w.Published == nil {
		return out
	}
	pub := scoring.DateOf(*w.Published)
	approval := slices.IndexFunc(steps, func(s Step) bool { return s.N == Steps })
	switch {
	case approval < 0 || scoring.DateOf(steps[approval].Day) > pub:
		add(VioReviewPending, pub, 0)
	case scoring.Forbids(steps[approval].Opinion):
		add(VioReviewAgainst, pub, 0)
	}
	for _, d := range involved(w.Involved) {
		i := slices.IndexFunc(cs, func(c Consultation) bool { return c.AskedID == d })
		if i < 0 || scoring.DateOf(cs[i].Sent) > pub {
			add(VioNoConsultation, pub, d)
		}
	}
	for _, c := range cs {
		settled := c.Settled != nil && scoring.DateOf(*c.Settled) <= pub
		switch {
		case settled && c.Decision == SettleWithhold:
			add(VioAgainstSettled, pub, c.AskedID)
		case !settled && c.Opinion == Disagree && c.Answered != nil && scoring.DateOf(*c.Answered) <= pub:
			add(VioUnsettled, pub, c.AskedID)
		}
	}
	return out
}

// involved reads the ids of a work's Involved column.
func involved(s string) []uint {
	var out []uint
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.ParseUint(strings.TrimSpace(f), 10, 32); err == nil && n > 0 {
			out = append(out, uint(n))
		}
	}
	return out
}

// joinIDs writes ids for the Involved column.
func joinIDs(ids []uint) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatUint(uint64(id), 10)
	}
	return strings.Join(parts, ",")
}
