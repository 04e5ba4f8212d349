package i18n

// receiptsMessages are the words of the 签收 of the documents issued to a
// department.
var receiptsMessages = map[Lang]map[string]string{
	Chinese: {
		"receipts.title":              "签收情况",
		"receipts.department":         "签收单位",
		"receipts.signer":             "签收人",
		"receipts.at":                 "签收时间",
		"receipts.unsigned":           "未签收",
		"receipts.sign":               "签收",
		"receipts.signed":             "已签收",
		"receipts.refuse.signed":      "本单位已由%s于%s签收，不能重复签收",
		"receipts.refuse.no_target":   "请选择要催办的审查环节或协商单位",
		"receipts.refuse.step_done":   "第%d步审查已签署，无需催办",
		"receipts.refuse.answered":    "所选协商单位已答复，无需催办",
		"receipts.refuse.nobody":      "所选环节没有可接收催办的账号",
		"receipts.remind.publication": "《%s》尚待办理，%s催办，请尽快办理",
		"receipts.remind.who":         "尚未办理的审查环节和协商单位",
		"receipts.remind.step":        "%s的签署人",
		"receipts.remind.consulted":   "%s（协商未答复）",
		"receipts.reminded":           "已发送催办",
	},
	English: {
		"receipts.title":              "Receipts",
		"receipts.department":         "Unit",
		"receipts.signer":             "Signed by",
		"receipts.at":                 "Signed at",
		"receipts.unsigned":           "not signed",
		"receipts.sign":               "Sign for it",
		"receipts.signed":             "Signed for",
		"receipts.refuse.signed":      "Already signed for by %s on %s; it cannot be signed twice",
		"receipts.refuse.no_target":   "Choose the review step or consulted departments to remind",
		"receipts.refuse.step_done":   "Step %d of the review is signed: no reminder needed",
		"receipts.refuse.answered":    "The consulted department has answered: no reminder needed",
		"receipts.refuse.nobody":      "No account can receive a reminder for what was chosen",
		"receipts.remind.publication": "“%s” waits for you; %s asks you to act on it",
		"receipts.remind.who":         "Review steps and consulted departments that have not acted",
		"receipts.remind.step":        "The signers of %s",
		"receipts.remind.consulted":   "%s (consulted, not answered)",
		"receipts.reminded":           "Reminder sent",
	},
}
