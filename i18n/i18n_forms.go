package i18n

// formMessages are the field errors of the forms (handlers/form.go): what
// is wrong with one field, shown beside it.
var formMessages = map[Lang]map[string]string{
	Chinese: {
		"form.required":       "请填写此项",
		"form.choose":         "请选择一项",
		"form.no_file":        "请选择文件",
		"form.bad_date":       "请按“年-月-日”填写日期，如 2025-03-31",
		"form.bad_whole":      "请填写 %d 到 %d 之间的整数",
		"form.too_many":       "最多选择 %d 项",
		"form.bad_points":     "请填写数字，如 1.5 或 -2",
		"form.password_short": "密码至少 %d 个字符，至多 72 个字节",
		"form.head_dept":      "部门负责人须选择所属部门",
		"form.focus_depts":    "重点考核须选择至少一个被考核部门",
		"form.person_or_name": "请选择已登记的人员，或填写新人员的姓名",
	},
	English: {
		"form.required":       "Please fill this in",
		"form.choose":         "Please choose one",
		"form.no_file":        "Choose a file",
		"form.bad_date":       "Give a date as YYYY-MM-DD, such as 2025-03-31",
		"form.bad_whole":      "Give a whole number from %d to %d",
		"form.too_many":       "Choose at most %d",
		"form.bad_points":     "Give a number, such as 1.5 or -2",
		"form.password_short": "Passwords are at least %d characters and at most 72 bytes",
		"form.head_dept":      "A department head needs a department",
		"form.focus_depts":    "A focused assessment needs at least one department",
		"form.person_or_name": "Choose a registered person, or give a new person's name",
	},
}
