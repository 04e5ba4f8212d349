package views

// p29bMessages are the messages of issue 29's grouped pages: proposals by
// year and department, deductions by indicator, files to choose again.
var p29bMessages = map[Lang]map[string]string{
	Chinese: {
		"case.proposals.year": "%d年度（%d条）",
		"count.items":         "（%d条）",
	},
	English: {
		"case.proposals.year": "%d (%d)",
		"count.items":         "(%d)",
	},
}
