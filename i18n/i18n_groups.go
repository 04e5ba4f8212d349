package i18n

// groupMessages are the messages of issue 29's grouped pages: proposals by
// year and department, deductions by indicator, files to choose again.
var groupMessages = map[Lang]map[string]string{
	Chinese: {
		"case.proposals.year": "%d年度（%d条）",
		"count.items":         "（%d条）",
		"form.fix_files":      "请按提示修改后再提交。已填写的文字已保留，所选文件未保存，请重新选择文件。",
		"form.files_again":    "所选文件未保存，请重新选择文件。",
		"audit.finding":       "%d年度%s问题%d",
	},
	English: {
		"case.proposals.year": "%d (%d)",
		"count.items":         "(%d)",
		"form.fix_files":      "Please correct the marked fields and submit again. The text you typed is kept; the files you chose were not saved, so choose them again.",
		"form.files_again":    "The files you chose were not saved; choose them again.",
		"audit.finding":       "%[2]s finding %[3]d of %[1]d",
	},
}
