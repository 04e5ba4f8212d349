package i18n

// monitorMessages are the words of monitoring between year ends (季度监测)
// and its periodic 通报 (issue 25).
var monitorMessages = map[Lang]map[string]string{
	Chinese: {
		"monitor.not_due.standing": "长期公开事项%d项应于 %s 前公开，尚未到期，本次不计",
		"monitor.not_due.year":     "及时公开事项%d项（%s）尚未到期，本次不计",
		"monitor.not_due.period":   "%s的公开事项%d项尚未到期，本次不计",
	},
	English: {
		"monitor.not_due.standing": "%d standing item(s), due by %s, not yet due: not counted this time",
		"monitor.not_due.year":     "%d prompt item(s) (%s) not yet due: not counted this time",
		"monitor.not_due.period":   "%s: %d item(s) not yet due, not counted this time",
	},
}
