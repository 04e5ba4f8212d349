package i18n

// accountMessages are the refusals of the username and password rules (issue
// 21): a username in letters of another script, a password of spaces.
var accountMessages = map[Lang]map[string]string{
	Chinese: {
		"refuse.user.username_chars": "用户名只能由英文字母、数字和 . _ - @ 组成（如拼音 wuliang 或警号），不能使用“%s”：中文和其他文字中形似英文字母的字符都不能用",
		"refuse.user.password_blank": "密码不能为空，也不能只有空格",
	},
	English: {
		"refuse.user.username_chars": "A username uses only English letters, digits and . _ - @ (pinyin such as wuliang, or a police number), not “%s”: Chinese characters and look-alike letters of other scripts are refused",
		"refuse.user.password_blank": "A password cannot be empty or only spaces",
	},
}
