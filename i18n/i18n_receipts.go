package i18n

// receiptsMessages are the words of the 签收 of the documents issued to a
// department.
var receiptsMessages = map[Lang]map[string]string{
	Chinese: {
		"receipts.title":         "签收情况",
		"receipts.department":    "签收单位",
		"receipts.signer":        "签收人",
		"receipts.at":            "签收时间",
		"receipts.unsigned":      "未签收",
		"receipts.sign":          "签收",
		"receipts.signed":        "已签收",
		"receipts.refuse.signed": "本单位已由%s于%s签收，不能重复签收",
	},
	English: {
		"receipts.title":         "Receipts",
		"receipts.department":    "Unit",
		"receipts.signer":        "Signed by",
		"receipts.at":            "Signed at",
		"receipts.unsigned":      "not signed",
		"receipts.sign":          "Sign for it",
		"receipts.signed":        "Signed for",
		"receipts.refuse.signed": "Already signed for by %s on %s; it cannot be signed twice",
	},
}
