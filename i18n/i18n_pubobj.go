package i18n

// pubobjMessages word the office's answers to objections (异议) raised
// against a published document (issue 24, 发布协调制度 art. 12).
var pubobjMessages = map[Lang]map[string]string{
	Chinese: {
		"pubobj.title":                     "异议及答复",
		"pubobj.by":                        "提出部门",
		"pubobj.day":                       "提出日期",
		"pubobj.note":                      "异议内容",
		"pubobj.answer":                    "办公室答复",
		"pubobj.answer.维持发布":               "维持发布",
		"pubobj.answer.同意撤回":               "同意撤回",
		"pubobj.open":                      "待办公室答复",
		"pubobj.todo":                      "%s 提出异议，待答复",
		"pubobj.refuse.decision":           "请选择维持发布或同意撤回",
		"pubobj.refuse.answered":           "该异议已答复，不能重复答复",
		"pubobj.notify.keep":               "办公室对贵部门就《%s》提出的异议答复：维持发布",
		"pubobj.notify.withdraw":           "办公室对贵部门就《%s》提出的异议答复：同意撤回，文件已撤回",
		"publications.ev.objection_answer": "办公室答复异议",
		"audit.action.objection_answer":    "答复异议",
		"audit.field.answer_of":            "所答复的异议",
	},
	English: {
		"pubobj.title":                     "Objections and answers",
		"pubobj.by":                        "Raised by",
		"pubobj.day":                       "Raised on",
		"pubobj.note":                      "Objection",
		"pubobj.answer":                    "Office's answer",
		"pubobj.answer.维持发布":               "Keep published",
		"pubobj.answer.同意撤回":               "Agree to withdraw",
		"pubobj.open":                      "Waiting for the office's answer",
		"pubobj.todo":                      "objection raised on %s, to answer",
		"pubobj.refuse.decision":           "Choose to keep it published or to withdraw it",
		"pubobj.refuse.answered":           "This objection has already been answered",
		"pubobj.notify.keep":               "The office answered your department's objection to “%s”: it stays published",
		"pubobj.notify.withdraw":           "The office answered your department's objection to “%s”: agreed, the document is withdrawn",
		"publications.ev.objection_answer": "Office answered an objection",
		"audit.action.objection_answer":    "Answer an objection",
		"audit.field.answer_of":            "Objection answered",
	},
}
