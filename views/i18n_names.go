package views

// nameMessages are the names people read in place of database ids (issue 29).
var nameMessages = map[Lang]map[string]string{
	Chinese: {
		"scorerun.name": "%d年度得分（%s计算）",
	},
	English: {
		"scorerun.name": "%d scores (computed %s)",
	},
}
