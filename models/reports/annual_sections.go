package reports

import (
	"strconv"
)

// sectionSpec is a section of the annual report in the national format
// (ANNUAL-REPORT.md): its heading, the draft text the office starts from,
// and its tables of computed figures.
type sectionSpec struct {
	key, title, draft string
	tables            func(r *AnnualReport) []Grid
}

// annualSections are the six sections of the national format, in order.
// The drafts quote the figures through placeholders, so that a draft is
// useful before anyone edits it.
var annualSections = []sectionSpec{
	{key: "overview", title: "一、总体情况",
		draft: "{{年度}}年，{{单位}}按照《中华人民共和国政府信息公开条例》和警务公开工作责任分解表的要求，做好政府信息公开工作。\n" +
			"（一）主动公开。全年主动公开政府信息{{主动公开信息数}}条（不同渠道公开的相同信息计1条）。\n" +
			"（二）依申请公开。全年新收政府信息公开申请{{本年新收申请数}}件，上年结转{{上年结转申请数}}件，办结{{本年办结申请数}}件，结转下年度继续办理{{结转下年申请数}}件。\n" +
			"（三）政府信息管理。（请填写政府信息清理、更新和保密审查情况。）\n" +
			"（四）平台建设。（请填写政府网站、政务新媒体和公开栏等平台建设情况。）\n" +
			"（五）监督保障。（请填写考核评议、社会评议和责任追究情况。）",
		tables: func(r *AnnualReport) []Grid {
			if !r.YearOnYear() {
				return nil
			}
			return []Grid{yearOnYearGrid(r)}
		}},
	{key: "proactive", title: "二、主动公开政府信息情况",
		draft: "{{年度}}年，{{单位}}共主动公开政府信息{{主动公开信息数}}条，各公开形式的信息数见下表。",
		tables: func(r *AnnualReport) []Grid {
			return []Grid{proactiveGrid(r.National), channelGrid(r.National)}
		}},
	{key: "requests", title: "三、收到和处理政府信息公开申请情况",
		draft: "{{年度}}年，{{单位}}新收政府信息公开申请{{本年新收申请数}}件，其中电话申请{{电话申请数}}件；予以公开{{予以公开数}}件，部分公开{{部分公开数}}件，不予公开{{不予公开数}}件，无法提供{{无法提供数}}件，不予处理{{不予处理数}}件，其他处理{{其他处理数}}件。",
		tables: func(r *AnnualReport) []Grid {
			return []Grid{requestGrid(r.National), requestChannelGrid(r.National)}
		}},
	{key: "remedies", title: "四、政府信息公开行政复议、行政诉讼情况",
		draft:  "{{年度}}年，{{单位}}因政府信息公开被申请行政复议{{行政复议数}}件，其中结果纠正{{复议纠正数}}件；被提起行政诉讼{{行政诉讼数}}件，其中结果纠正{{诉讼纠正数}}件。",
		tables: func(r *AnnualReport) []Grid { return []Grid{remedyGrid(r.National)} }},
	{key: "problems", title: "五、存在的主要问题及改进情况",
		draft: "（请填写工作中存在的主要问题以及改进措施。）"},
	{key: "other", title: "六、其他需要报告的事项",
		draft: "{{年度}}年，{{单位}}依据《政府信息公开信息处理费管理办法》发出收费通知{{信息处理费通知数}}件，收取信息处理费{{信息处理费金额}}万元。全年受理群众投诉咨询{{投诉咨询数}}件，回复率{{回复率}}，办结率{{办结率}}。",
		tables: func(r *AnnualReport) []Grid {
			return []Grid{feeGrid(r.National), complaintGrid(&r.Activity)}
		}},
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

func complaintGrid(a *Activity) Grid {
	c := a.Complaints
	rows := make([][]string, 0, len(c.Lines)+1)
	for _, l := range c.Lines {
		rows = append(rows, []string{l.Name, itoa(l.Received), itoa(l.Replied), rate(l.Replied, l.Received), itoa(l.Closed), rate(l.Closed, l.Received)})
	}
	rows = append(rows, []string{"合计", itoa(c.Received), itoa(c.Replied), rate(c.Replied, c.Received), itoa(c.Closed), rate(c.Closed, c.Received)})
	return simpleGrid("群众投诉咨询受理回复情况", []string{"渠道", "受理（件）", "已回复（件）", "回复率", "已办结（件）", "办结率"}, rows)
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
