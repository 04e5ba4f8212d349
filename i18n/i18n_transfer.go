package i18n

// transferMessages are the messages of a part of a request forwarded to
// another unit (内部转办, seed 004 art. 21): the receiving unit's to-do,
// its view of the request, its answer and the notices between the units;
// and the scheme's extension as the request page states it.
var transferMessages = map[Lang]map[string]string{
	Chinese: {
		"transfer.refuse.unit_answers": "转办事项由接收转办的单位在本系统中反馈，本部门不能代为登记",
		"transfer.notify.forwarded":    "%s将申请%s中的部分事项转你单位办理，请于%s前反馈",
		"transfer.notify.answered":     "%s已反馈申请%s的转办事项",
		"transfer.home.forwarded":      "转来待反馈的申请事项",
		"transfer.receiving":           "本申请由%s办理，其中部分事项转你单位办理。你单位只能查看转办事项并反馈意见，答复期限为办理部门的答复期限。",
		"transfer.extension_days":      "（延长%d个工作日）",
	},
	English: {
		"transfer.refuse.unit_answers": "The unit the part was forwarded to records its answer in the app; this department cannot record it for them",
		"transfer.notify.forwarded":    "%s forwarded part of request %s to your unit; answer by %s",
		"transfer.notify.answered":     "%s answered the part forwarded of request %s",
		"transfer.home.forwarded":      "Parts of requests forwarded to you",
		"transfer.receiving":           "This request is handled by %s; a part of it was forwarded to your unit. You see only that part and record your answer; the deadline is the handling department's.",
		"transfer.extension_days":      " (%d more working days)",
	},
}
