package i18n

// ledgerMessages are the messages of the request ledger (issue 23): the
// department's lists of requests and complaints, their export, and the fee
// warnings the import and the ledger share.
var ledgerMessages = map[Lang]map[string]string{
	Chinese: {
		"ledger.fee.refusal": "答复未提供信息（%s），不应收费",
		"ledger.fee.nobasis": "收取了费用，但未填写收费依据",
	},
	English: {
		"ledger.fee.refusal": "The answer provides no information (%s): no fee should be charged",
		"ledger.fee.nobasis": "A fee was charged without its basis",
	},
}
