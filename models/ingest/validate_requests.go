package ingest

// Columns of information requests (依申请公开).
const (
	reqDepartment = iota
	reqNo
	reqReceived
	reqChannel
	reqExtended
	reqPauseStart
	reqPauseEnd
	reqCorrectionStart
	reqCorrectionEnd
	reqAnswered
	reqAnswer
	reqFee
	reqOutcome
	reqOutcomeDate
	reqForwarded
	reqFeeBasis
	reqFeeWaived
)

var requestColumns = []column{
	reqDepartment:      {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	reqNo:              {key: "request_no", name: "申请编号", required: true, max: 64, note: "同一部门内不重复"},
	reqReceived:        {key: "received", name: "收到日期", required: true, date: true},
	reqChannel:         {key: "channel", name: "申请方式", max: 16, note: "当面 / 传真 / 网络 / 信函"},
	reqExtended:        {key: "extended", name: "是否延期", note: "是 / 否"},
	reqPauseStart:      {key: "pause_start", name: "征求第三方意见开始", date: true},
	reqPauseEnd:        {key: "pause_end", name: "征求第三方意见结束", date: true},
	reqCorrectionStart: {key: "correction_start", name: "补正开始", date: true},
	reqCorrectionEnd:   {key: "correction_end", name: "补正结束", date: true},
	reqAnswered:        {key: "answered", name: "答复日期", date: true},
	reqAnswer:          {key: "answer", name: "答复类型", max: 32, note: "已主动公开、同意公开、部分公开、不同意公开等"},
	reqFee:             {key: "fee", name: "收费", note: "元,最多两位小数"},
	reqOutcome:         {key: "outcome", name: "复议诉讼结果", note: "维持 / 被依法纠错 / 其他"},
	reqOutcomeDate:     {key: "outcome_date", name: "结果日期", date: true},
	reqForwarded:       {key: "forwarded", name: "转交日期", date: true, note: "网上申请转交承办部门的日期(收到后 3 日内)"},
	reqFeeBasis:        {key: "fee_basis", name: "收费依据", max: 256, note: "复制、邮寄等成本费用的依据"},
	reqFeeWaived:       {key: "fee_waived", name: "是否减免", note: "是 / 否"},
}

var requests = recordKind{
	table: &table{
		name: "requests", entity: "request", id: "id", nKey: 2, keyName: "部门和申请编号", deptField: 0,
		fields: []field{{"department_id", fInt}, {"request_no", fText}, {"received", fDate}, {"channel", fText}, {"extended", fFlag},
			{"pause_start", fDate}, {"pause_end", fDate}, {"correction_start", fDate}, {"correction_end", fDate},
			{"answered", fDate}, {"answer", fText}, {"fee", fMoney}, {"outcome", fText}, {"outcome_date", fDate},
			{"forwarded", fDate}, {"fee_basis", fText}, {"fee_waived", fFlag}},
	},
	keyCol: reqNo,
	build: func(c *checker) []string {
		dept, no, received := c.department(reqDepartment), c.text(reqNo), c.date(reqReceived)
		channel, extended := c.text(reqChannel), c.flag(reqExtended)
		pauseStart, pauseEnd := c.date(reqPauseStart), c.date(reqPauseEnd)
		corrStart, corrEnd := c.date(reqCorrectionStart), c.date(reqCorrectionEnd)
		answered := c.date(reqAnswered)
		c.span(reqPauseStart, pauseStart, reqPauseEnd, pauseEnd)
		c.span(reqCorrectionStart, corrStart, reqCorrectionEnd, corrEnd)
		c.notBefore(reqAnswered, answered, reqReceived, received)
		answer, fee := c.text(reqAnswer), c.money(reqFee)
		forwarded, basis, waived := c.forwarding(channel, received), c.text(reqFeeBasis), c.flag(reqFeeWaived)
		c.checkFee(answer, fee, basis)
		return []string{dept, no, received, channel, extended, pauseStart, pauseEnd, corrStart, corrEnd,
			answered, answer, fee, c.oneOf(reqOutcome, outcomes, "复议诉讼结果"), c.date(reqOutcomeDate),
			forwarded, basis, waived}
	},
}
