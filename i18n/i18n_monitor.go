package i18n

// monitorMessages are the words of monitoring between year ends (季度监测)
// and its periodic 通报 (issue 25).
var monitorMessages = map[Lang]map[string]string{
	Chinese: {
		"monitor.not_due.standing": "长期公开事项%d项应于 %s 前公开，尚未到期，本次不计",
		"monitor.not_due.year":     "及时公开事项%d项（%s）尚未到期，本次不计",
		"monitor.not_due.period":   "%s的公开事项%d项尚未到期，本次不计",

		"monitor.refuse.as_of":           "请填写数据截止日期",
		"monitor.refuse.outside_year":    "数据截止日期 %s 须在%d年之内；年终之后请进行年度考核评分",
		"monitor.refuse.bulletin_out":    "%s的监测通报已经印发，不能再按同一截止日期重新监测；如需更正，请印发更正通报",
		"monitor.refuse.bulletin_issued": "%s的监测通报已经印发（%s），不能重复印发；如需更正，请印发更正通报",
		"monitor.refuse.no_bulletin":     "本次监测尚未印发通报",
		"monitor.refuse.reason":          "请写明更正的原因",
		"monitor.refuse.date_before_cut": "通报日期不能早于数据截止日期%s",
	},
	English: {
		"monitor.not_due.standing": "%d standing item(s), due by %s, not yet due: not counted this time",
		"monitor.not_due.year":     "%d prompt item(s) (%s) not yet due: not counted this time",
		"monitor.not_due.period":   "%s: %d item(s) not yet due, not counted this time",

		"monitor.refuse.as_of":           "Enter the cut-off date",
		"monitor.refuse.outside_year":    "The cut-off %s must lie in %d; after the year end, compute the year's scores",
		"monitor.refuse.bulletin_out":    "The bulletin of %s is issued: the same cut-off cannot be monitored again; issue a correction instead",
		"monitor.refuse.bulletin_issued": "The bulletin of %s is issued already (%s); issue a correction instead",
		"monitor.refuse.no_bulletin":     "This run has no bulletin yet",
		"monitor.refuse.reason":          "Say why the bulletin is corrected",
		"monitor.refuse.date_before_cut": "The bulletin cannot be dated before the cut-off %s",
	},
}
