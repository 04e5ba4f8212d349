package i18n

// cadenceMessages name a catalog item loaded without
// a 公开时限.
var cadenceMessages = map[Lang]map[string]string{
	Chinese: {
		"catalog.nocadence": "未定公开时限",
	},
	English: {
		"catalog.nocadence": "No disclosure deadline set",
	},
}
