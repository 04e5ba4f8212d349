package views

// documentMessages are the messages of issued documents and their series
// (issue 20, issue 21 item 3).
var documentMessages = map[Lang]map[string]string{
	Chinese: {
		"document.problem.edited":     "文件 %s（编号 %d）与发文时登记的摘要不符：已被改动",
		"document.problem.unrecorded": "文件 %s（编号 %d）在操作日志中没有发文记录：是绕过系统写入的",
		"document.problem.deleted":    "编号 %d 的文件已发出，但已不在库中：已被删除",
		"document.bad":                "已发文件被改动：%s",
		"document.ok":                 "已发文件 %d 件与发文时的摘要一致",
		"document.title":              "公文",
		"document.back":               "返回",
		"document.answers.replaces":   "本决定变更或撤销了",
		"document.answers.reviews":    "本决定复核了",
		"document.answers.corrects":   "本文更正了",
		"document.answered.replaces":  "本文所作决定已经复核变更或撤销，本文保持发文时原样，见",
		"document.answered.reviews":   "本文所作决定已经复核维持，见",
		"document.answered.corrects":  "本文已被更正，见",
		"case.documents":              "已发文件",
		"refuse.case.decision_early":  "决定日期不能早于立案和陈述申辩结束之日（%s）",
	},
	English: {
		"document.problem.edited":     "document %s (id %d) no longer matches the hash recorded at issue: it was edited",
		"document.problem.unrecorded": "document %s (id %d) has no issue entry in the audit log: it was written behind the application's back",
		"document.problem.deleted":    "document id %d was issued but is no longer stored: it was deleted",
		"document.bad":                "an issued document was changed: %s",
		"document.ok":                 "%d issued documents match their hashes at issue",
		"document.title":              "Document",
		"document.back":               "Back",
		"document.answers.replaces":   "This decision changes or revokes",
		"document.answers.reviews":    "This decision reviews",
		"document.answers.corrects":   "This document corrects",
		"document.answered.replaces":  "The decision of this document was changed or revoked on review; this document stays as issued. See",
		"document.answered.reviews":   "The decision of this document was upheld on review. See",
		"document.answered.corrects":  "This document was corrected. See",
		"case.documents":              "Documents issued",
		"refuse.case.decision_early":  "The decision cannot be dated before the case was opened and the hearing closed (%s)",
	},
}
