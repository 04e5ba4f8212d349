package scoring

// The clocks of seed 003 and seed 004 beyond publishing and answering:
// secrecy review (保密审查), coordination between departments (发布协调),
// forwarding of online requests (网上申请转交), press conferences
// (新闻发布会), and the flag raised when something a review withheld is
// published anyway. Each clock is computed here once; the indicators, the
// overview and the record pages all call these functions.

// The secrecy review opinions of seed 003 保密审查制度 art. 10.
const (
	OpinionPublish = "公开"   // may be published
	OpinionExempt  = "免于公开" // must not be published
	OpinionRefer   = "需报审"  // to be referred upwards; not yet cleared
	AttrWithheld   = "不予公开" // 公开属性 of a record that is not published
	ChannelOnline  = "网络"   // 申请方式 of an online request (seed 004 art. 24)
	consentOpinion = "视为同意" // shown for a coordination left unanswered
)

// Opinions lists the secrecy review opinions, Attributes the 公开属性 of
// seed 003 审核制度 art. 3, CoordinationOpinions the replies a consulted
// department may give.
var (
	Opinions             = []string{OpinionPublish, OpinionExempt, OpinionRefer}
	Attributes           = []string{"主动公开", "依申请公开", AttrWithheld}
	CoordinationOpinions = []string{"同意", "不同意", "修改后同意"}
)

// DefaultForwardingDays is seed 004 art. 24's limit to forward an online
// request: "應當在3日內轉交". The same article gives the answer limit as
// "15個工作日", so the 3 are calendar days, not working days.
const DefaultForwardingDays = 3

// DefaultPressPerMonth is seed 000 §4(一)'s cadence: "新闻发布会原则上每月
// 至少举办一次".
const DefaultPressPerMonth = 1

// SecrecyReview is a secrecy review (保密审查) of a publication or of a
// draft not yet published, with the five-step sign-off of seed 003 art. 7.
// Only the dates matter to the clocks; the steps live in the record.
type SecrecyReview struct {
	ID        uint
	Dept      uint   // the originating department
	No        string // 审查编号
	Title     string
	Requested Date   // 送审日期: the review's clock starts
	Decided   Date   // 决定日期: zero while pending
	Opinion   string // 公开 / 免于公开 / 需报审
}

// Coordination is a request for another department's opinion before
// publishing (发布协调, seed 003 art. 7-10).
type Coordination struct {
	ID      uint
	Dept    uint // the department asking
	Asked   uint // the department asked, who owes the reply
	No      string
	Subject string
	Sent    Date
	Replied Date   // zero while unanswered
	Opinion string // the reply's opinion; empty while unanswered
}

// PressConference is a press conference (新闻发布会) held by a department.
type PressConference struct {
	ID   uint
	Dept uint
	Date Date
}

// ForwardingDays is the limit to forward an online request, in calendar
// days: the scheme's, or seed 004's 3 when the scheme names none.
func (t TimeLimits) ForwardingDays() int {
	if t.Forwarding > 0 {
		return t.Forwarding
	}
	return DefaultForwardingDays
}

// ReviewDue is when a secrecy review requested on requested must be
// decided: the scheme's limit in working days (seed 003 art. 11: 15).
func ReviewDue(cal *Calendar, limits TimeLimits, requested Date) Date {
	return reviewDue(calendarDays{cal}, limits, requested)
}

// CoordinationDue is when the department asked must reply: the scheme's
// limit in working days after the request was sent (seed 003 art. 10: 5).
func CoordinationDue(cal *Calendar, limits TimeLimits, sent Date) Date {
	return coordinationDue(calendarDays{cal}, limits, sent)
}

// ConsultationWorkDays is seed 003 发布协调制度's limit to send the
// consultation letter to each involved department: within 5 working days
// of the document's formation (产生日期).
const ConsultationWorkDays = 5

// ConsultationDue is the last day to send the consultation letters of a
// document formed on formed.
func ConsultationDue(cal *Calendar, formed Date) Date { return cal.Due(formed, ConsultationWorkDays) }

// ForwardDue is when an online request received on received must have
// been forwarded to the department that handles it: calendar days.
func ForwardDue(limits TimeLimits, received Date) Date {
	if received.IsZero() {
		return received
	}
	return received + Date(limits.ForwardingDays())
}

// ReplyState is how a coordination stands on a given day.
type ReplyState string

// The states of a coordination.
const (
	ReplyPending ReplyState = "pending" // no reply, and still within the limit
	ReplyOnTime  ReplyState = "replied" // replied on or before the due date
	// ReplyConsent: no reply by the due date, which counts as consent
	// (视为同意, seed 003 art. 10) while no reply has come.
	ReplyConsent ReplyState = "consent"
	// ReplyLate: a reply came after the due date. It is kept as what it
	// said, marked late (不同意（逾期答复）), never read as consent.
	ReplyLate ReplyState = "late"
)

// CoordinationState says how a coordination due on due stands during
// today, which is not over: one due today and not yet answered is still
// pending (live pages). It returns the opinion that holds: the reply's (on
// time or late), 视为同意 after silence, or "" while pending.
func CoordinationState(c Coordination, due, today Date) (ReplyState, string) {
	return coordinationState(c, due, today, today > due)
}

// CoordinationStateAtEnd says how a coordination stands at the end of day
// (scoring's as-of date, which counts as over, docs/SCHEMES.md): one due
// on that day and not answered by then is silent, 视为同意, like every
// other duty due on the as-of date.
func CoordinationStateAtEnd(c Coordination, due, day Date) (ReplyState, string) {
	return coordinationState(c, due, day, day >= due)
}

// coordinationState is the one rule of both: past says whether the due
// date has run out on day.
func coordinationState(c Coordination, due, day Date, past bool) (ReplyState, string) {
	replied := !c.Replied.IsZero() && c.Replied <= day
	switch {
	case replied && c.Replied <= due:
		return ReplyOnTime, c.Opinion
	case replied:
		return ReplyLate, c.Opinion
	case past:
		return ReplyConsent, consentOpinion
	}
	return ReplyPending, ""
}

// ReviewDecision is one secrecy review decision about a publication: from
// a review record, or (Review 0) from the publication's own 保密审查意见.
type ReviewDecision struct {
	Review  uint
	Opinion string
	Decided Date
}

// Forbids reports whether an opinion forbids publishing: 免于公开, or
// 需报审 (referred upwards and not yet cleared).
func Forbids(opinion string) bool { return opinion == OpinionExempt || opinion == OpinionRefer }

// PublishedAgainstReview decides whether a publication published on
// published went out against its secrecy review, a possible incident of
// 不应公开而公开 for the office to confirm. The decision that counts is the
// last one dated on or before the publication (a later 公开 clears an
// earlier 需报审); when none preceded it, the latest one at all, since a
// 免于公开 found afterwards means it should not have been published either.
// It returns that decision when it forbids publishing.
func PublishedAgainstReview(published Date, decisions []ReviewDecision) (ReviewDecision, bool) {
	var standing, latest ReviewDecision
	for _, d := range decisions {
		if d.Decided.IsZero() || d.Opinion == "" {
			continue
		}
		if d.Decided <= published && d.Decided >= standing.Decided {
			standing = d
		}
		if d.Decided >= latest.Decided {
			latest = d
		}
	}
	if standing.Decided.IsZero() {
		standing = latest
	}
	if published.IsZero() || !Forbids(standing.Opinion) {
		return ReviewDecision{}, false
	}
	return standing, true
}
