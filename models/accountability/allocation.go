package accountability

// Post is a person's position as it bears on the allocation of
// responsibility (art. 6(一)).
type Post string

// The posts.
const (
	Handler   Post = "handler"   // 承办人: the direct handler
	InCharge  Post = "in_charge" // 分管领导: the leader in charge
	Principal Post = "principal" // 主要领导: the principal leader
	Member    Post = "member"    // 班子成员: a member of the leadership
)

// Posts lists the posts in display order.
var Posts = []Post{Handler, InCharge, Principal, Member}

// PostLabel is the Chinese name of a post.
func PostLabel(p Post) string {
	switch p {
	case Handler:
		return "承办人"
	case InCharge:
		return "分管领导"
	case Principal:
		return "主要领导"
	case Member:
		return "班子成员"
	}
	return ""
}

// Share is the part of the responsibility a person bears.
type Share string

// The shares of art. 6(一).
const (
	All       Share = "all"       // 全部责任
	Main      Share = "main"      // 主要责任
	Secondary Share = "secondary" // 次要责任
	NoShare   Share = "none"      // 不承担责任
)

// Shares lists the shares, heaviest first.
var Shares = []Share{All, Main, Secondary, NoShare}

// ShareLabel is the Chinese name of a share.
func ShareLabel(s Share) string {
	switch s {
	case All:
		return "全部责任"
	case Main:
		return "主要责任"
	case Secondary:
		return "次要责任"
	case NoShare:
		return "不承担责任"
	}
	return ""
}

// Act is how the act in question was taken: what the app needs to derive
// who answers for it.
type Act struct {
	Reviewed   bool // went through secrecy review (保密审查)
	Approved   bool // the leader in charge approved or agreed (审核批准或同意)
	Instructed bool // the leader instructed it directly (领导直接授意)
	Objected   bool // the handler objected and was overruled (承办人提出异议)
	Collective bool // decided collectively by the leadership (领导班子集体讨论决定)
}

// Allocation is the derived share of each post, the clause it follows, and
// why that clause and not another, given what was ticked.
type Allocation struct {
	Rule   string // the clause of art. 6(一) applied, in Chinese
	Why    string `json:"-"` // message key (case.why.*): the facts that chose the clause; not audited, the rule is
	Shares map[Post]Share
}

// Share is the share of a person holding post.
func (a Allocation) Share(p Post) Share {
	if s, ok := a.Shares[p]; ok {
		return s
	}
	return NoShare
}

// Allocate derives who answers for an act (art. 6(一)):
//  1. decided collectively by the leadership: the principal leader bears
//     the main part, the other members (the leader in charge among them)
//     the secondary;
//  2. the leader instructed it and the handler objected in vain: the handler
//     bears none, the leader the main part;
//  3. the leader approved it after secrecy review, or instructed it: the
//     leader main, the handler secondary;
//  4. otherwise (no secrecy review or no approval): the handler bears all.
func Allocate(a Act) Allocation {
	switch {
	case a.Collective:
		return Allocation{Rule: "第六条（一）3：经领导班子集体讨论决定，主要领导承担主要责任，其他领导成员承担次要责任", Why: "case.why.collective",
			Shares: map[Post]Share{Principal: Main, InCharge: Secondary, Member: Secondary, Handler: NoShare}}
	case a.Instructed && a.Objected:
		return Allocation{Rule: "第六条（一）2：领导直接授意，承办人提出异议未能改变领导意见，承办人不承担责任", Why: "case.why.overruled",
			Shares: map[Post]Share{InCharge: Main, Handler: NoShare}}
	case a.Instructed || (a.Approved && a.Reviewed):
		why := "case.why.reviewed_approved"
		if a.Instructed {
			why = "case.why.instructed"
		}
		return Allocation{Rule: "第六条（一）2：经主管领导审核批准或同意，主管领导承担主要责任，直接承办人承担次要责任", Why: why,
			Shares: map[Post]Share{InCharge: Main, Handler: Secondary}}
	default:
		return Allocation{Rule: "第六条（一）1：未经保密审查或主管领导审核批准，由直接承办人承担全部责任", Why: handlerAloneWhy(a),
			Shares: map[Post]Share{Handler: All}}
	}
}

// handlerAloneWhy says why the handler bears all (rule 1): the approval
// counts only after a secrecy review, the review only with an approval, and
// an objection only against an instruction.
func handlerAloneWhy(a Act) string {
	switch {
	case a.Approved:
		return "case.why.approved_unreviewed"
	case a.Reviewed:
		return "case.why.reviewed_unapproved"
	case a.Objected:
		return "case.why.objected_alone"
	}
	return "case.why.none"
}
