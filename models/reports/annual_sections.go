package reports

import (
	"strconv"
)

// sectionSpec is a section of the annual report (seed 004 art. 30): its
// heading, the draft text the office starts from, and its tables of
// computed figures.
type sectionSpec struct {
	key, title, draft string
	tables            func(a *Activity) []Table
}

// annualSections are the eight sections of seed 004 art. 30, in order. The
// drafts quote the figures a report like seed 001 quotes, through
// placeholders, so that a draft is useful before anyone edits it.
var annualSections = []sectionSpec{
	{key: "cleanup", title: "一、政府信息清理、更新情况",
		draft: "{{年度}}年，{{单位}}按照《中华人民共和国政府信息公开条例》和警务公开工作责任分解表的要求，对掌握、获取和制作的警务信息进行了清理、分类，及时更新主动公开的内容。"},
	{key: "windows", title: "二、政府信息公开窗口建设、运行情况",
		draft:  "{{单位}}通过政府网站、警务公开栏、服务窗口和“一网三线”等渠道受理群众咨询和投诉。{{年度}}年共受理群众投诉咨询{{投诉咨询数}}件，已回复{{回复数}}件，回复率{{回复率}}；已办结{{办结数}}件，办结率{{办结率}}。",
		tables: complaintTables},
	{key: "proactive", title: "三、政府信息主动公开情况",
		draft:  "{{年度}}年，{{单位}}共主动公开警务信息{{主动公开信息数}}条（不同渠道和方式公开的相同信息计1条），其中通过新闻公布{{新闻公布信息数}}条，政府网站{{政府网站信息数}}条，政务微博{{政务微博信息数}}条，政务微信{{政务微信信息数}}条，短信告知{{短信告知信息数}}条，其他方式{{其他方式信息数}}条；公开行政审批信息{{行政审批信息数}}条，行政处罚信息{{行政处罚信息数}}条，财政信息{{财政信息数}}条。",
		tables: proactiveTables},
	{key: "requests", title: "四、政府信息依申请公开和不予公开情况",
		draft:  "{{年度}}年，{{单位}}共收到政府信息公开申请{{收到申请数}}件，其中当面申请{{当面申请数}}件，传真申请{{传真申请数}}件，网络申请{{网络申请数}}件，信函申请{{信函申请数}}件。全年办结{{申请办结数}}件，其中按时办结{{按时办结数}}件，延期办结{{延期办结数}}件；不同意公开{{不同意公开数}}件。",
		tables: requestTables},
	{key: "fees", title: "五、政府信息公开的收费及减免情况",
		draft: "{{年度}}年，{{单位}}依申请公开信息收取费用{{收费金额}}元。"},
	{key: "remedies", title: "六、因政府信息公开申请行政复议、提起行政诉讼情况",
		draft:  "{{年度}}年，因政府信息公开申请行政复议、提起行政诉讼并有结果的案件{{复议诉讼数}}件，其中维持{{维持数}}件，被依法纠错{{被依法纠错数}}件，其他情形{{其他情形数}}件。",
		tables: remedyTables},
	{key: "problems", title: "七、政府信息公开工作存在的主要问题以及改进情况",
		draft: "（请填写工作中存在的主要问题以及改进措施。）"},
	{key: "other", title: "八、其他需要报告的事项",
		draft: "无。"},
}

// sectionByKey finds a section's spec.
func sectionByKey(key string) (sectionSpec, bool) {
	for _, s := range annualSections {
		if s.key == key {
			return s, true
		}
	}
	return sectionSpec{}, false
}

// Table is a table of computed figures in a report.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
}

func complaintTables(a *Activity) []Table {
	c := a.Complaints
	t := Table{Caption: "群众投诉咨询受理回复情况", Header: []string{"渠道", "受理（件）", "已回复（件）", "回复率", "已办结（件）", "办结率"}}
	for _, l := range c.Lines {
		t.Rows = append(t.Rows, []string{l.Name, itoa(l.Received), itoa(l.Replied), rate(l.Replied, l.Received), itoa(l.Closed), rate(l.Closed, l.Received)})
	}
	t.Rows = append(t.Rows, []string{"合计", itoa(c.Received), itoa(c.Replied), rate(c.Replied, c.Received), itoa(c.Closed), rate(c.Closed, c.Received)})
	return []Table{t}
}

func proactiveTables(a *Activity) []Table {
	ch, k := a.Channels, a.KeyAreas
	return []Table{
		{Caption: "通过不同渠道和方式公开信息情况", Header: []string{"渠道", "信息数（条）"}, Rows: [][]string{
			{"新闻公布（新闻发布、报刊、电台、电视台）", itoa(ch.News)}, {"政府网站", itoa(ch.Website)}, {"政务微博", itoa(ch.Weibo)},
			{"政务微信", itoa(ch.WeChat)}, {"短信告知", itoa(ch.SMS)}, {"其他方式", itoa(ch.Other)},
			{"主动公开警务信息数（相同信息计1条）", itoa(a.Published)},
		}},
		{Caption: "重点领域信息公开情况", Header: []string{"领域", "信息数（条）"}, Rows: [][]string{
			{"行政审批", itoa(k.Approval)}, {"行政处罚", itoa(k.Penalty)}, {"财政", itoa(k.Finance)},
		}},
	}
}

func requestTables(a *Activity) []Table {
	rq, an := a.Requests, a.Requests.Answers
	answers := [][]string{
		{"属于已主动公开范围", itoa(an.Published)}, {"同意公开", itoa(an.Granted)}, {"同意部分公开", itoa(an.Partial)},
		{"不同意公开", itoa(an.Refused)}, {"不属于本行政机关公开", itoa(an.NotOurs)}, {"申请信息不存在", itoa(an.NotExist)},
		{"告知作出更改补充", itoa(an.Amend)}, {"告知通过其他途径办理", itoa(an.Elsewhere)},
	}
	if an.Unknown > 0 {
		answers = append(answers, []string{"其他答复", itoa(an.Unknown)})
	}
	answers = append(answers, []string{"合计", itoa(rq.Closed)})
	return []Table{
		{Caption: "收到申请情况", Header: []string{"申请方式", "件数"}, Rows: [][]string{
			{"当面", itoa(rq.InPerson)}, {"传真", itoa(rq.Fax)}, {"网络", itoa(rq.Online)}, {"信函", itoa(rq.Letter)}, {"合计", itoa(rq.Received)},
		}},
		{Caption: "申请办结情况", Header: []string{"办结情况", "件数"}, Rows: [][]string{
			{"按时办结", itoa(rq.OnTime)}, {"延期办结", itoa(rq.Extended)}, {"其中超过法定期限", itoa(rq.Overdue)}, {"合计", itoa(rq.Closed)},
		}},
		{Caption: "申请答复情况", Header: []string{"答复类型", "件数"}, Rows: answers},
	}
}

func remedyTables(a *Activity) []Table {
	o := a.Outcomes
	return []Table{{Caption: "行政复议、行政诉讼结果", Header: []string{"结果", "件数"}, Rows: [][]string{
		{"维持", itoa(o.Upheld)}, {"被依法纠错", itoa(o.Corrected)}, {"其他情形", itoa(o.Other)}, {"合计", itoa(o.Total())},
	}}}
}

func itoa(n int) string { return strconv.Itoa(n) }

// rate is n out of d as a percentage with at most one decimal, "—" when d is 0.
func rate(n, d int) string {
	if d == 0 {
		return "—"
	}
	s := strconv.FormatFloat(100*float64(n)/float64(d), 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s + "%"
}

// SectionKeys lists the keys of the annual report's sections, in order:
// the names of the editor's fields.
func SectionKeys() []string {
	keys := make([]string, len(annualSections))
	for i, s := range annualSections {
		keys[i] = s.key
	}
	return keys
}
