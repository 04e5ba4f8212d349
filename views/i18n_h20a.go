package views

// h20aMessages are issue 20's: one standing per department and year, and
// the gates of the assessment and of filing, each with its reason.
var h20aMessages = map[Lang]map[string]string{
	Chinese: {
		"refuse.filing.quarter": "季度须为 1 至 4",
		"standing.approved":     "已审定",
		"standing.proposed":     "待审定",
		"standing.provisional":  "暂定",
		"standing.hidden":       "初步等次已报领导小组审定，审定后公布",
		"standing.rank.plan":    "第 %d 名（共 %d 个受考核单位）",
		"standing.rank.run":     "第 %d 名（共 %d 个参评单位）",
		"standing.basis.plan":   "以下为本年度考核所依据的得分（已计入异议答复和人工调整）。",
		"standing.source":       "依据",
		"standing.others":       "未列入本年度考核的单位",
		"standing.others_help":  "以下单位不在本年度考核范围内，得分和等次按最新一次计分暂定，名次为其在该次计分全部参评单位中的名次。",
	},
	English: {
		"refuse.filing.quarter": "The quarter must be 1 to 4",
		"standing.approved":     "approved",
		"standing.proposed":     "proposed, awaiting approval",
		"standing.provisional":  "provisional",
		"standing.hidden":       "preliminary grades are with the leading group; shown once approved",
		"standing.rank.plan":    "rank %d of %d units assessed",
		"standing.rank.run":     "rank %d of %d rated",
		"standing.basis.plan":   "The scores below are those the year's assessment grades by, with answered objections and adjustments applied.",
		"standing.source":       "Basis",
		"standing.others":       "Units outside this year's assessment",
		"standing.others_help":  "These units are not assessed this year: their scores and grades are provisional, from the newest computation, ranked among all units it rated.",
	},
}
