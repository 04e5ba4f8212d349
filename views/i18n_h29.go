package views

// h29Messages are the messages of issue 29's last page fixes: why a case's
// allocation follows its clause, the office's assessment section, the
// auditor's day and the files a refused form kept.
var h29Messages = map[Lang]map[string]string{
	Chinese: {
		"case.why":                     "理由：",
		"case.why.collective":          "勾选了“经领导班子集体讨论决定”：集体决定适用第六条（一）3，优先于其他勾选的情形",
		"case.why.overruled":           "领导直接授意，承办人提出的异议未被采纳：承办人不承担责任",
		"case.why.instructed":          "领导直接授意：由主管领导承担主要责任，不论是否经过保密审查",
		"case.why.reviewed_approved":   "既经过保密审查，又经主管领导审核批准或同意：由主管领导承担主要责任",
		"case.why.approved_unreviewed": "只勾选了“经主管领导审核批准或同意”，未勾选“经过保密审查”：未经保密审查的，领导的批准不转移责任，由直接承办人承担全部责任",
		"case.why.reviewed_unapproved": "经过保密审查，但未经主管领导审核批准或同意：由直接承办人承担全部责任",
		"case.why.objected_alone":      "承办人提出异议只在领导直接授意时免责；未勾选“领导直接授意”，由直接承办人承担全部责任",
		"case.why.none":                "未勾选任何情形：既未经保密审查，也未经主管领导审核批准，由直接承办人承担全部责任",
		"home.asmt":                    "%d年度考核进度",
		"home.asmt.notsigned":          "未签收考核通知的部门（%d个）",
		"home.asmt.notfiled":           "未报送自查报告的部门（%d个，%s截止）",
		"home.asmt.unanswered":         "未报告整改情况的问题（%d个）",
		"home.asmt.reminded":           "已于%s催办",
	},
	English: {
		"case.why":                     "Why: ",
		"case.why.collective":          "“Decided collectively by the leadership” is ticked: a collective decision follows art. 6(1)3, whatever else is ticked",
		"case.why.overruled":           "The leader instructed it and the handler's objection was overruled: the handler bears none",
		"case.why.instructed":          "The leader instructed it: the leader in charge bears the main part, with or without a secrecy review",
		"case.why.reviewed_approved":   "Both a secrecy review and the leader's approval: the leader in charge bears the main part",
		"case.why.approved_unreviewed": "Only “Approved by the leader in charge” is ticked, not “Went through secrecy review”: without the secrecy review an approval moves no responsibility, so the handler bears all",
		"case.why.reviewed_unapproved": "A secrecy review but no approval by the leader in charge: the handler bears all",
		"case.why.objected_alone":      "An objection frees the handler only against a leader's instruction, and none is ticked: the handler bears all",
		"case.why.none":                "Nothing is ticked: neither a secrecy review nor an approval, so the handler bears all",
		"home.asmt":                    "Assessment %d: where it stands",
		"home.asmt.notsigned":          "Units that have not signed for the notice (%d)",
		"home.asmt.notfiled":           "Units that have not filed the self-inspection (%d, due %s)",
		"home.asmt.unanswered":         "Findings without a rectification report (%d)",
		"home.asmt.reminded":           "reminded %s",
	},
}
