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
	},
	English: {
		"document.problem.edited":     "document %s (id %d) no longer matches the hash recorded at issue: it was edited",
		"document.problem.unrecorded": "document %s (id %d) has no issue entry in the audit log: it was written behind the application's back",
		"document.problem.deleted":    "document id %d was issued but is no longer stored: it was deleted",
		"document.bad":                "an issued document was changed: %s",
		"document.ok":                 "%d issued documents match their hashes at issue",
	},
}
