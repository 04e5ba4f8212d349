package i18n

// boundsMessages are the messages of issue 11's input bounds and faults:
// cancelling an import, a busy or unreachable database, a body of unknown
// length.
var boundsMessages = map[Lang]map[string]string{
	Chinese: {
		"import.cancel":        "取消导入",
		"import.cancelling":    "正在取消，已写入的数据将全部撤回。",
		"error.unavailable":    "数据库暂时无法访问或繁忙，请稍后重试。",
		"error.lengthrequired": "请求缺少内容长度（Content-Length），无法受理。",
	},
	English: {
		"import.cancel":        "Cancel the import",
		"import.cancelling":    "Cancelling; whatever was written will be rolled back.",
		"error.unavailable":    "The database is busy or unreachable; try again shortly.",
		"error.lengthrequired": "The request has no Content-Length and cannot be accepted.",
	},
}
