package ingest

import (
	"strconv"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// Columns of secrecy reviews (保密审查, seed 003 保密审查制度): the request,
// the five-step sign-off of art. 7, each with who and when, and the opinion
// of art. 10 with its basis.
const (
	revDepartment = iota
	revNo
	revIndexNo
	revTitle
	revRequested
	revUnitBy
	revUnitDate
	revHeadBy
	revHeadDate
	revLeaderBy
	revLeaderDate
	revSecrecyBy
	revSecrecyDate
	revApproverBy
	revApproverDate
	revOpinion
	revBasis
	revDecided
)

var reviewColumns = []column{
	revDepartment:   {key: "department", name: "部门", required: true, note: "信息产生部门的编码或全称"},
	revNo:           {key: "review_no", name: "审查编号", required: true, max: 64, note: "同一部门内不重复"},
	revIndexNo:      {key: "index_no", name: "索引号", max: 64, note: "所审信息公开记录的索引号；尚未公开的稿件留空"},
	revTitle:        {key: "title", name: "信息名称", required: true, max: 512},
	revRequested:    {key: "requested", name: "送审日期", required: true, date: true, note: "保密审查机构收到审查申请的日期"},
	revUnitBy:       {key: "unit_by", name: "初步意见人", max: 64, note: "第一步：信息产生部门提出初步意见"},
	revUnitDate:     {key: "unit_date", name: "初步意见日期", date: true},
	revHeadBy:       {key: "head_by", name: "部门负责人", max: 64, note: "第二步：部门负责人审查"},
	revHeadDate:     {key: "head_date", name: "部门负责人审查日期", date: true},
	revLeaderBy:     {key: "leader_by", name: "分管领导", max: 64, note: "第三步：分管领导审核"},
	revLeaderDate:   {key: "leader_date", name: "分管领导审核日期", date: true},
	revSecrecyBy:    {key: "secrecy_by", name: "保密办复审人", max: 64, note: "第四步：保密委员会办公室复审"},
	revSecrecyDate:  {key: "secrecy_date", name: "保密办复审日期", date: true},
	revApproverBy:   {key: "approver_by", name: "保密办分管领导", max: 64, note: "第五步：保密办分管领导审查批准"},
	revApproverDate: {key: "approver_date", name: "审查批准日期", date: true},
	revOpinion:      {key: "opinion", name: "审查意见", note: "公开 / 免于公开 / 需报审"},
	revBasis:        {key: "basis", name: "依据和理由", max: 1024, note: "填写审查意见时必填"},
	revDecided:      {key: "decided", name: "决定日期", date: true, note: "提出审查意见的日期"},
}

// reviewSteps pairs each step's person with its date, in the order of
// seed 003 art. 7.
var reviewSteps = [][2]int{
	{revUnitBy, revUnitDate}, {revHeadBy, revHeadDate}, {revLeaderBy, revLeaderDate},
	{revSecrecyBy, revSecrecyDate}, {revApproverBy, revApproverDate},
}

var secrecyReviews = recordKind{
	table: &table{
		name: "secrecy_reviews", entity: "secrecy_review", id: "id", nKey: 2, keyName: "部门和审查编号", deptField: 0,
		fields: []field{{"department_id", fInt}, {"review_no", fText}, {"index_no", fText}, {"title", fText}, {"requested", fDate},
			{"unit_by", fText}, {"unit_date", fDate}, {"head_by", fText}, {"head_date", fDate}, {"leader_by", fText}, {"leader_date", fDate},
			{"secrecy_by", fText}, {"secrecy_date", fDate}, {"approver_by", fText}, {"approver_date", fDate},
			{"opinion", fText}, {"basis", fText}, {"decided", fDate}},
	},
	keyCol: revNo,
	build: func(c *checker) []string {
		out := []string{c.department(revDepartment), c.text(revNo), c.text(revIndexNo), c.text(revTitle), c.date(revRequested)}
		prevCol, prev := revRequested, out[4]
		signed := 0
		for _, st := range reviewSteps {
			by, on := c.text(st[0]), c.date(st[1])
			switch {
			case by != "" && on == "" && c.row.cells[st[1]] == "":
				c.fail(st[1], "填写了%s，但缺少日期", c.lay.names[st[0]])
			case by == "" && on != "":
				c.fail(st[0], "填写了%s，但缺少审签人", c.lay.names[st[1]])
			}
			if on != "" {
				c.notBefore(st[1], on, prevCol, prev)
				prevCol, prev = st[1], on
			}
			if by != "" && on != "" {
				signed++
			}
			out = append(out, by, on)
		}
		opinion, basis, decided := c.oneOf(revOpinion, scoring.Opinions, "审查意见"), c.text(revBasis), c.date(revDecided)
		switch {
		case opinion != "" && decided == "" && c.row.cells[revDecided] == "":
			c.fail(revDecided, "填写了审查意见，但缺少决定日期")
		case opinion == "" && decided != "":
			c.fail(revOpinion, "填写了决定日期，但缺少审查意见")
		case opinion != "" && basis == "":
			c.fail(revBasis, "审查意见须注明依据和理由")
		}
		c.notBefore(revDecided, decided, revRequested, out[4])
		if opinion == scoring.OpinionPublish && signed < len(reviewSteps) {
			c.note("审查意见为“公开”，但五个审签步骤未全部填写")
		}
		return append(out, opinion, basis, decided)
	},
}

// Columns of coordinations (发布协调, seed 003 发布协调制度).
const (
	coDepartment = iota
	coNo
	coIndexNo
	coSubject
	coAsked
	coSent
	coReplied
	coOpinion
	coNote
)

var coordinationColumns = []column{
	coDepartment: {key: "department", name: "部门", required: true, note: "拟公开信息的部门"},
	coNo:         {key: "coordination_no", name: "协调编号", required: true, max: 64, note: "同一部门内不重复"},
	coIndexNo:    {key: "index_no", name: "索引号", max: 64, note: "所涉公开记录的索引号，可空"},
	coSubject:    {key: "subject", name: "协调事项", required: true, max: 512},
	coAsked:      {key: "asked", name: "被征求意见部门", required: true, note: "部门编码或全称"},
	coSent:       {key: "sent", name: "发函日期", required: true, date: true},
	coReplied:    {key: "replied", name: "复函日期", date: true, note: "5 个工作日内未复函的视为同意"},
	coOpinion:    {key: "opinion", name: "复函意见", note: "同意 / 不同意 / 修改后同意"},
	coNote:       {key: "note", name: "说明", max: 1024},
}

var coordinations = recordKind{
	table: &table{
		name: "coordinations", entity: "coordination", id: "id", nKey: 2, keyName: "部门和协调编号", deptField: 0,
		fields: []field{{"department_id", fInt}, {"coordination_no", fText}, {"index_no", fText}, {"subject", fText},
			{"asked_id", fInt}, {"sent", fDate}, {"replied", fDate}, {"opinion", fText}, {"note", fText}},
	},
	keyCol: coNo,
	build: func(c *checker) []string {
		dept, asked := c.department(coDepartment), c.anyDepartment(coAsked)
		if dept != "" && dept == asked {
			c.fail(coAsked, "被征求意见部门不能是拟公开信息的部门自己")
		}
		sent, replied := c.date(coSent), c.date(coReplied)
		c.notBefore(coReplied, replied, coSent, sent)
		opinion := c.oneOf(coOpinion, scoring.CoordinationOpinions, "复函意见")
		switch {
		case replied != "" && opinion == "":
			c.fail(coOpinion, "填写了复函日期，但缺少复函意见")
		case replied == "" && opinion != "" && c.row.cells[coReplied] == "":
			c.fail(coReplied, "填写了复函意见，但缺少复函日期")
		}
		return []string{dept, c.text(coNo), c.text(coIndexNo), c.text(coSubject), asked, sent, replied, opinion, c.text(coNote)}
	},
}

// anyDepartment resolves a department that need not be the row's own: a
// token scoped to one department may still name another as the one asked.
func (c *checker) anyDepartment(col int) string {
	v := c.text(col)
	if v == "" {
		return ""
	}
	id, ok := c.lk.names.Departments[v]
	if !ok {
		c.fail(col, "“%s”不是已知的部门（请填写部门编码或全称）", v)
		return ""
	}
	return strconv.FormatUint(uint64(id), 10)
}

// Columns of press conferences (新闻发布会, seed 000 §4(一)).
const (
	prDepartment = iota
	prDate
	prTopic
	prPrincipal
)

var pressColumns = []column{
	prDepartment: {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	prDate:       {key: "date", name: "日期", required: true, date: true},
	prTopic:      {key: "topic", name: "主题", required: true, max: 191},
	prPrincipal:  {key: "principal_attended", name: "主要负责同志参加", note: "是 / 否"},
}

var pressConferences = recordKind{
	table: &table{
		name: "press_conferences", entity: "press_conference", id: "id", nKey: 3, keyName: "部门、日期和主题", deptField: 0,
		fields: []field{{"department_id", fInt}, {"held", fDate}, {"topic", fText}, {"principal_attended", fFlag}},
	},
	keyCol: prTopic,
	build: func(c *checker) []string {
		return []string{c.department(prDepartment), c.date(prDate), c.text(prTopic), c.flag(prPrincipal)}
	},
}

// attribute returns a publication's 公开属性 from its vocabulary; 不予公开
// needs its reason (seed 003 审核制度 art. 5).
func (c *checker) attribute() string {
	v := c.oneOf(pubAttribute, scoring.Attributes, "公开属性")
	reason := c.row.cells[pubAttributeReason]
	switch {
	case v == scoring.AttrWithheld && reason == "":
		c.fail(pubAttributeReason, "公开属性为不予公开，须注明不予公开的理由")
	case v != scoring.AttrWithheld && reason != "":
		c.note("填写了不予公开理由，但公开属性不是不予公开")
	}
	return v
}

// forwarding returns an online request's forwarded date (seed 004 art. 24),
// which may not precede its receipt.
func (c *checker) forwarding(channel, received string) string {
	v := c.date(reqForwarded)
	c.notBefore(reqForwarded, v, reqReceived, received)
	if v != "" && channel != scoring.ChannelOnline {
		c.note("填写了转交日期，但申请方式不是网络（只有网上申请需要转交）")
	}
	return v
}

// checkFee warns about a fee that the request's result admits none of, and
// about a fee without its basis, by the one rule the ledger shows too
// (reports.FeeWarnings).
func (c *checker) checkFee(answer, result, fee, basis string) {
	yuan, _ := strconv.ParseFloat(fee, 64)
	for _, w := range reports.FeeWarnings(result, answer, yuan, basis) {
		c.note(i18n.Word(i18n.Chinese, w))
	}
}
