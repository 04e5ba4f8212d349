package views

// h20cMessages are issue 20's items 4, 5 and 7: a sanctioned department's
// view of its cases, results notices that hold, the final annual report.
var h20cMessages = map[Lang]map[string]string{
	Chinese: {
		"refuse.case.reported":   "该项已于%s报告完成，待纪委核实",
		"refuse.case.verified":   "该项已由纪委核实完成",
		"refuse.case.done":       "请填写完成日期",
		"deadline.case_sanction": "责任追究",
		"deadline.case_appeal":   "申请复核截止",
		"home.cases":             "本部门的责任追究",
		"case.report":            "报告整改完成",
		"case.report.text":       "整改情况",
		"case.report.done":       "完成日期",
		"case.report.files":      "附件（PDF、图片或 Office 文件，最多 5 个，每个不超过 8 MB）",
		"case.reported":          "%s 报告完成，待纪委核实",
		"case.report.saved":      "已报告整改完成，待纪委核实。",
		"case.appeal.files":      "附件（可选，最多 5 个）",
	},
	English: {
		"refuse.case.reported":   "Reported done on %s, waiting for the discipline office to verify it",
		"refuse.case.verified":   "The discipline office has verified it done",
		"refuse.case.done":       "Enter the day it was done",
		"deadline.case_sanction": "accountability",
		"deadline.case_appeal":   "last day to appeal",
		"home.cases":             "Accountability cases of the department",
		"case.report":            "Report the rectification done",
		"case.report.text":       "What was rectified",
		"case.report.done":       "Done on",
		"case.report.files":      "Files (PDF, images or Office files, at most 5, 8 MB each)",
		"case.reported":          "Reported done on %s, waiting for verification",
		"case.report.saved":      "Reported done; the discipline office will verify it.",
		"case.appeal.files":      "Files (optional, at most 5)",
	},
}
