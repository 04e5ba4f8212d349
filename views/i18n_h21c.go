package views

// h21cMessages are issue 21's import items: a catalog item loaded without
// a 公开时限.
var h21cMessages = map[Lang]map[string]string{
	Chinese: {
		"catalog.nocadence": "未定公开时限",
	},
	English: {
		"catalog.nocadence": "No disclosure deadline set",
	},
}
