package i18n

// nameMessages are the names people read in place of database ids (issue 29).
var nameMessages = map[Lang]map[string]string{
	Chinese: {
		"grade.excellent": "优秀", "grade.pass": "合格", "grade.basic_pass": "基本合格", "grade.fail": "不合格",
		"scorerun.name": "%d年度得分（%s计算）",
	},
	English: {
		"grade.excellent": "Excellent", "grade.pass": "Pass", "grade.basic_pass": "Basic pass", "grade.fail": "Fail",
		"scorerun.name": "%d scores (computed %s)",
	},
}
