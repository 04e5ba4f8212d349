package i18n

// concurrencyMessages are the answers to many people working at once: a
// double submit refused (models.ErrDuplicate).
var concurrencyMessages = map[Lang]map[string]string{
	Chinese: {
		"refuse.duplicate": "同样的内容刚刚已由另一次提交保存，请刷新页面查看，不必重复提交",
	},
	English: {
		"refuse.duplicate": "The same entry was just saved by another submission; reload the page to see it rather than submitting again",
	},
}
