package i18n

// columnMessages word the website columns (栏目): their pages, the office's
// list of columns gone stale, and what scoring says of them (A4 per
// column, A6).
var columnMessages = map[Lang]map[string]string{
	Chinese: {
		"columns.refuse.name":          "请填写栏目名称",
		"columns.refuse.name_long":     "栏目名称不能超过 %d 个字",
		"columns.refuse.cadence":       "请选择栏目的更新周期（动态、通知公告或政策文件）",
		"columns.refuse.channel":       "请选择已登记的公开形式",
		"columns.refuse.channel_used":  "该栏目已有 %d 条公开信息，不能改到其他公开形式下",
		"columns.refuse.duplicate":     "该公开形式下已有同名栏目",
		"columns.refuse.unknown":       "所选栏目不存在",
		"columns.refuse.other_channel": "栏目“%s”属于%s，而这条信息的公开形式是%s",
		"deduct.column_weeks_stale":    "%s栏目“%s”%s至%s共 %d 周未按期更新（此前最近一次更新为 %s）",
		"deduct.column_weeks_empty":    "%s栏目“%s”%s至%s共 %d 周无任何信息",
		"deduct.column_stale":          "%s栏目“%s”最近一次更新为 %s，%s 后即属栏目不更新",
		"deduct.column_empty":          "%s栏目“%s”从未发布信息（空白栏目）",
		"scheme.rule.A6":               "栏目在计算日期仍在更新周期内（动态类两周，通知公告、政策文件类六个月）为达标，得分 = 分值 × 达标栏目数 ÷ 栏目数；没有栏目的部门得满分。",
		"scheme.rule.A4.per_column":    "拥有%[1]s栏目的部门按栏目计分：每周末栏目仍在更新周期内为达标周，得分 = 分值 × 达标栏目周数 ÷ 栏目周数；没有%[1]s栏目的部门按每周%[1]s公开不少于 %[2]d 条计分。",
		"scheme.set.A4.per_column":     "网站更新按栏目计分（按各栏目的更新周期）",
	},
	English: {
		"columns.refuse.name":          "Enter the column's name",
		"columns.refuse.name_long":     "A column's name is at most %d characters",
		"columns.refuse.cadence":       "Choose the column's cadence (dynamic, notices or policies)",
		"columns.refuse.channel":       "Choose a registered channel",
		"columns.refuse.channel_used":  "The column has %d publications and cannot move to another channel",
		"columns.refuse.duplicate":     "The channel already has a column of that name",
		"columns.refuse.unknown":       "The chosen column does not exist",
		"columns.refuse.other_channel": "Column “%s” belongs to %s; this publication went out on %s",
		"deduct.column_weeks_stale":    "%[1]s column “%[2]s”: %[5]d weeks out of date, %[3]s to %[4]s (last post before: %[6]s)",
		"deduct.column_weeks_empty":    "%[1]s column “%[2]s”: %[5]d weeks with no post at all, %[3]s to %[4]s",
		"deduct.column_stale":          "%s column “%s”: last post %s, out of date after %s",
		"deduct.column_empty":          "%s column “%s” has never had a post (empty column)",
		"scheme.rule.A6":               "A column still within its cadence on the as-of date (dynamic: two weeks; notices and policies: six months) is up to date: points × columns up to date ÷ columns; units with no column full points.",
		"scheme.rule.A4.per_column":    "Units owning %[1]s columns are scored per column: a column-week is good when the column is within its cadence at the week's end; points × good column-weeks ÷ column-weeks. Units with no %[1]s column: a week with at least %[2]d publications on %[1]s is good.",
		"scheme.set.A4.per_column":     "Score website cadence per column (by each column's cadence)",
	},
}
