package ingest

import (
	"slices"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
)

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
	reqForwarded
	reqFeeBasis
	reqFeeWaived
	reqApplicant
	reqResult
	reqReconFiled
	reqReconOutcome
	reqReconDecided
	reqSuitKind
	reqSuitFiled
	reqSuitOutcome
	reqSuitDecided
	reqOutcome     // the older single column, read as the reconsideration
	reqOutcomeDate // its date
)

var requestColumns = []column{
	reqDepartment:      {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	reqNo:              {key: "request_no", name: "申请编号", required: true, max: 64, note: "同一部门内不重复"},
	reqReceived:        {key: "received", name: "收到日期", required: true, date: true},
	reqChannel:         {key: "channel", name: "申请方式", max: 16, note: "当面 / 传真 / 网络 / 信函 / 电话，或领导小组办公室增加的申请方式"},
	reqExtended:        {key: "extended", name: "是否延期", note: "是 / 否"},
	reqPauseStart:      {key: "pause_start", name: "征求第三方意见开始", date: true},
	reqPauseEnd:        {key: "pause_end", name: "征求第三方意见结束", date: true},
	reqCorrectionStart: {key: "correction_start", name: "补正开始", date: true},
	reqCorrectionEnd:   {key: "correction_end", name: "补正结束", date: true},
	reqAnswered:        {key: "answered", name: "答复日期", date: true},
	reqAnswer:          {key: "answer", name: "答复类型", max: 32, note: "已主动公开、同意公开、部分公开、不同意公开等"},
	reqFee:             {key: "fee", name: "收费", note: "元，最多两位小数"},
	reqForwarded:       {key: "forwarded", name: "转交日期", date: true, note: "网上申请转交承办部门的日期（收到后 3 日内）"},
	reqFeeBasis:        {key: "fee_basis", name: "收费依据", max: 256, note: "复制、邮寄等成本费用的依据"},
	reqFeeWaived:       {key: "fee_waived", name: "是否减免", note: "是 / 否"},
	reqApplicant:       {key: "applicant", name: "申请人类型", note: "自然人 / 商业企业 / 科研机构 / 社会公益组织 / 法律服务机构 / 其他"},
	reqResult:          {key: "result", name: "办理结果", note: "予以公开、部分公开，或 不予公开 / 无法提供 / 不予处理 / 其他处理 加具体情形，如“不予公开：属于国家秘密”；空白时按答复类型归类"},
	reqReconFiled:      {key: "recon_filed", name: "复议申请日期", date: true},
	reqReconOutcome:    {key: "recon_outcome", name: "复议结果", note: "维持 / 纠正 / 其他 / 尚未审结"},
	reqReconDecided:    {key: "recon_decided", name: "复议结果日期", date: true},
	reqSuitKind:        {key: "suit_kind", name: "诉讼类型", note: "直接起诉 / 复议后起诉；空白时有复议的为复议后起诉"},
	reqSuitFiled:       {key: "suit_filed", name: "起诉日期", date: true},
	reqSuitOutcome:     {key: "suit_outcome", name: "诉讼结果", note: "维持 / 纠正 / 其他 / 尚未审结"},
	reqSuitDecided:     {key: "suit_decided", name: "诉讼结果日期", date: true},
	reqOutcome:         {key: "outcome", name: "复议诉讼结果", note: "旧格式：维持 / 被依法纠错 / 其他，计为行政复议；请改用复议结果"},
	reqOutcomeDate:     {key: "outcome_date", name: "结果日期", date: true, note: "旧格式：复议诉讼结果的日期"},
}

var requests = recordKind{
	table: &table{
		name: "requests", entity: "request", id: "id", nKey: 2, keyName: "部门和申请编号", deptField: 0, worked: "origin",
		fields: []field{{"department_id", fInt}, {"request_no", fText}, {"received", fDate}, {"channel", fText}, {"extended", fFlag},
			{"pause_start", fDate}, {"pause_end", fDate}, {"correction_start", fDate}, {"correction_end", fDate},
			{"answered", fDate}, {"answer", fText}, {"fee", fMoney}, {"forwarded", fDate}, {"fee_basis", fText}, {"fee_waived", fFlag},
			{"applicant", fText}, {"result", fText},
			{"recon_filed", fDate}, {"recon_outcome", fText}, {"recon_decided", fDate},
			{"suit_kind", fText}, {"suit_filed", fDate}, {"suit_outcome", fText}, {"suit_decided", fDate}},
	},
	keyCol: reqNo,
	build: func(c *checker) []string {
		dept, no, received := c.department(reqDepartment), c.text(reqNo), c.date(reqReceived)
		channel, extended := c.requestChannel(reqChannel), c.flag(reqExtended)
		pauseStart, pauseEnd := c.date(reqPauseStart), c.date(reqPauseEnd)
		corrStart, corrEnd := c.date(reqCorrectionStart), c.date(reqCorrectionEnd)
		answered := c.date(reqAnswered)
		c.span(reqPauseStart, pauseStart, reqPauseEnd, pauseEnd)
		c.span(reqCorrectionStart, corrStart, reqCorrectionEnd, corrEnd)
		c.notBefore(reqAnswered, answered, reqReceived, received)
		answer, fee := c.text(reqAnswer), c.money(reqFee)
		forwarded, basis, waived := c.forwarding(channel, received), c.text(reqFeeBasis), c.flag(reqFeeWaived)
		applicant, result := c.applicant(reqApplicant), c.result(reqResult)
		c.checkFee(answer, result, fee, basis)
		if result != "" && answered == "" {
			c.fail(reqResult, "填写了办理结果，但缺少答复日期")
		}
		recon := c.proceeding(reqReconFiled, reqReconOutcome, reqReconDecided, received)
		if legacy := c.legacyOutcome(); legacy.outcome != "" || legacy.decided != "" {
			if recon.any() {
				c.fail(reqOutcome, "这是旧格式的列，已填写复议结果时请留空")
			}
			recon = legacy
		}
		suit := c.proceeding(reqSuitFiled, reqSuitOutcome, reqSuitDecided, received)
		kind := c.oneOf(reqSuitKind, reports.SuitKinds, "诉讼类型")
		switch {
		case !suit.any() && kind != "":
			c.fail(reqSuitKind, "填写了诉讼类型，但缺少起诉日期和诉讼结果")
		case !suit.any():
		case kind == "" && recon.any():
			kind = reports.SuitAfterRecon
		case kind == "":
			kind = reports.SuitDirect
		case kind == reports.SuitAfterRecon && !recon.any():
			c.fail(reqSuitKind, "复议后起诉需要先填写复议情况")
		}
		if kind == reports.SuitAfterRecon {
			c.notBefore(reqSuitFiled, suit.filed, reqReconDecided, recon.decided)
		}
		return []string{dept, no, received, channel, extended, pauseStart, pauseEnd, corrStart, corrEnd,
			answered, answer, fee, forwarded, basis, waived, applicant, result,
			recon.filed, recon.outcome, recon.decided, kind, suit.filed, suit.outcome, suit.decided}
	},
}

// proceeding is a reconsideration or lawsuit as checked: its filing date,
// outcome and date of outcome, canonical.
type proceeding struct{ filed, outcome, decided string }

func (p proceeding) any() bool { return p.filed != "" || p.outcome != "" || p.decided != "" }

// proceeding checks a reconsideration's or lawsuit's three cells: a decided
// outcome needs its date, a pending one (尚未审结, or a filing date alone)
// needs its filing date and no outcome date; no date precedes the request's
// receipt or the filing.
func (c *checker) proceeding(filedCol, outcomeCol, decidedCol int, received string) proceeding {
	p := proceeding{filed: c.date(filedCol), decided: c.date(decidedCol)}
	p.outcome = c.text(outcomeCol)
	if p.outcome == models.LegacyCorrected {
		p.outcome = models.OutcomeCorrected
	}
	switch {
	case p.outcome != "" && !slices.Contains(reports.RemedyOutcomes, p.outcome):
		c.fail(outcomeCol, "“%s”不是有效的%s（应为 %s）", p.outcome, c.lay.names[outcomeCol], strings.Join(reports.RemedyOutcomes, "、"))
	case p.outcome == "" && p.decided != "":
		c.fail(outcomeCol, "填写了%s，但缺少%s", c.lay.names[decidedCol], c.lay.names[outcomeCol])
	case p.outcome == "" && p.filed != "":
		p.outcome = models.OutcomePending
	case p.outcome == models.OutcomePending && p.decided != "":
		c.fail(decidedCol, "%s为尚未审结，不应填写%s", c.lay.names[outcomeCol], c.lay.names[decidedCol])
	case p.outcome == models.OutcomePending && p.filed == "":
		c.fail(filedCol, "尚未审结的案件需要填写%s", c.lay.names[filedCol])
	case p.outcome != "" && p.outcome != models.OutcomePending && p.decided == "":
		c.fail(decidedCol, "%s为%s，需要填写%s", c.lay.names[outcomeCol], p.outcome, c.lay.names[decidedCol])
	}
	c.notBefore(filedCol, p.filed, reqReceived, received)
	c.notBefore(decidedCol, p.decided, filedCol, p.filed)
	if p.filed == "" {
		c.notBefore(decidedCol, p.decided, reqReceived, received)
	}
	return p
}

// legacyOutcome reads the older single column (复议诉讼结果, Annex 2 §5) as
// the request's reconsideration, 被依法纠错 as 纠正; as before, an outcome
// without a date is kept and counts in no year.
func (c *checker) legacyOutcome() proceeding {
	v := c.oneOf(reqOutcome, legacyOutcomes, "复议诉讼结果")
	if v == models.LegacyCorrected {
		v = models.OutcomeCorrected
	}
	return proceeding{outcome: v, decided: c.date(reqOutcomeDate)}
}

// applicant returns an applicant type (申请人类型) as stored.
func (c *checker) applicant(col int) string {
	v := c.text(col)
	if v == "" {
		return ""
	}
	a, ok := reports.ParseApplicant(v)
	if !ok {
		c.fail(col, "“%s”不是有效的申请人类型（应为 %s）", v, strings.Join(reports.ApplicantTypes, "、"))
	}
	return a
}

// result returns a national result category (办理结果) as stored.
func (c *checker) result(col int) string {
	v := c.text(col)
	if v == "" {
		return ""
	}
	r, ok := reports.ParseResult(v)
	if !ok {
		c.fail(col, "“%s”不是有效的办理结果（应为 予以公开、部分公开，或 不予公开、无法提供、不予处理、其他处理 加具体情形，如“不予公开：属于国家秘密”）", v)
	}
	return r
}

// requestChannel returns a 申请方式 from the office's list.
func (c *checker) requestChannel(col int) string {
	v := c.text(col)
	if v != "" && !c.lk.requestChannels[v] {
		c.fail(col, "“%s”不是已知的申请方式（应为 %s，或由领导小组办公室在“渠道”页面增加）", v, strings.Join(c.lk.requestChannelList, "、"))
	}
	return v
}
