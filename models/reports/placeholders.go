package reports

import (
	"regexp"
	"strconv"
	"strings"
)

// Placeholder is a figure an annual report's text may quote as {{Name}};
// the page lists them beside the editor.
type Placeholder struct {
	Name, Value string
}

// placeholderSpecs are the names the text may use, in the order the editor
// lists them, and how each is read from the report.
var placeholderSpecs = []struct {
	name  string
	value func(r *AnnualReport) string
}{
	{"年度", func(r *AnnualReport) string { return strconv.Itoa(r.Year) }},
	{"单位", func(r *AnnualReport) string { return r.Name() }},
	{"主动公开信息数", func(r *AnnualReport) string { return itoa(r.Activity.Published) }},
	{"新闻公布信息数", func(r *AnnualReport) string { return itoa(r.Activity.Channels.News) }},
	{"政府网站信息数", func(r *AnnualReport) string { return itoa(r.Activity.Channels.Website) }},
	{"政务微博信息数", func(r *AnnualReport) string { return itoa(r.Activity.Channels.Weibo) }},
	{"政务微信信息数", func(r *AnnualReport) string { return itoa(r.Activity.Channels.WeChat) }},
	{"短信告知信息数", func(r *AnnualReport) string { return itoa(r.Activity.Channels.SMS) }},
	{"其他方式信息数", func(r *AnnualReport) string { return itoa(r.Activity.Channels.Other) }},
	{"行政审批信息数", func(r *AnnualReport) string { return itoa(r.Activity.KeyAreas.Approval) }},
	{"行政处罚信息数", func(r *AnnualReport) string { return itoa(r.Activity.KeyAreas.Penalty) }},
	{"财政信息数", func(r *AnnualReport) string { return itoa(r.Activity.KeyAreas.Finance) }},
	{"收到申请数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.Received) }},
	{"当面申请数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.InPerson) }},
	{"传真申请数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.Fax) }},
	{"网络申请数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.Online) }},
	{"信函申请数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.Letter) }},
	{"申请办结数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.Closed) }},
	{"按时办结数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.OnTime) }},
	{"延期办结数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.Extended) }},
	{"超期答复数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.Overdue) }},
	{"不同意公开数", func(r *AnnualReport) string { return itoa(r.Activity.Requests.Answers.Refused) }},
	{"收费金额", func(r *AnnualReport) string { return yuan(r.Activity.Requests.FeeCents).String() }},
	{"复议诉讼数", func(r *AnnualReport) string { return itoa(r.Activity.Outcomes.Total()) }},
	{"维持数", func(r *AnnualReport) string { return itoa(r.Activity.Outcomes.Upheld) }},
	{"被依法纠错数", func(r *AnnualReport) string { return itoa(r.Activity.Outcomes.Corrected) }},
	{"其他情形数", func(r *AnnualReport) string { return itoa(r.Activity.Outcomes.Other) }},
	{"本年新收申请数", func(r *AnnualReport) string { return itoa(r.National.Requests[rowNew][totalColumn]) }},
	{"上年结转申请数", func(r *AnnualReport) string { return itoa(r.National.Requests[rowCarriedIn][totalColumn]) }},
	{"本年办结申请数", func(r *AnnualReport) string { return itoa(r.National.Requests[rowResultsTotal][totalColumn]) }},
	{"结转下年申请数", func(r *AnnualReport) string { return itoa(r.National.Requests[rowCarriedOut][totalColumn]) }},
	{"予以公开数", func(r *AnnualReport) string { return itoa(r.National.results("予以公开")) }},
	{"部分公开数", func(r *AnnualReport) string { return itoa(r.National.results("部分公开")) }},
	{"不予公开数", func(r *AnnualReport) string { return itoa(r.National.results("不予公开")) }},
	{"无法提供数", func(r *AnnualReport) string { return itoa(r.National.results("无法提供")) }},
	{"不予处理数", func(r *AnnualReport) string { return itoa(r.National.results("不予处理")) }},
	{"其他处理数", func(r *AnnualReport) string { return itoa(r.National.results("其他处理")) }},
	{"电话申请数", func(r *AnnualReport) string { return itoa(r.National.requestChannel("电话")) }},
	{"行政复议数", func(r *AnnualReport) string { return itoa(r.National.Remedies[procRecon][len(RemedyOutcomes)]) }},
	{"复议纠正数", func(r *AnnualReport) string { return itoa(r.National.Remedies[procRecon][1]) }},
	{"行政诉讼数", func(r *AnnualReport) string {
		n := len(RemedyOutcomes)
		return itoa(r.National.Remedies[procDirect][n] + r.National.Remedies[procAfterRecon][n])
	}},
	{"诉讼纠正数", func(r *AnnualReport) string {
		return itoa(r.National.Remedies[procDirect][1] + r.National.Remedies[procAfterRecon][1])
	}},
	{"信息处理费通知数", func(r *AnnualReport) string { return filedCell(r.National, "processing_fee_notices").Text }},
	{"信息处理费金额", func(r *AnnualReport) string { return filedCell(r.National, "processing_fee_amount").Text }},
	{"投诉咨询数", func(r *AnnualReport) string { return itoa(r.Activity.Complaints.Received) }},
	{"回复数", func(r *AnnualReport) string { return itoa(r.Activity.Complaints.Replied) }},
	{"回复率", func(r *AnnualReport) string { c := r.Activity.Complaints; return rate(c.Replied, c.Received) }},
	{"办结数", func(r *AnnualReport) string { return itoa(r.Activity.Complaints.Closed) }},
	{"办结率", func(r *AnnualReport) string { c := r.Activity.Complaints; return rate(c.Closed, c.Received) }},
}

// placeholders are the names the report's text may use and their values:
// the fixed ones, then each publication channel's pieces ({{报刊信息数}}),
// then this year's main figures against the previous year's where it has
// records ({{主动公开信息数上年}}, {{主动公开信息数增减}}).
func (r *AnnualReport) placeholders() []Placeholder {
	out := make([]Placeholder, 0, len(placeholderSpecs)+len(r.National.ByChannel)+10)
	for _, ps := range placeholderSpecs {
		out = append(out, Placeholder{Name: ps.name, Value: ps.value(r)})
	}
	for _, c := range r.National.ByChannel {
		out = append(out, Placeholder{Name: c.Name + "信息数", Value: itoa(c.Count)})
	}
	if r.YearOnYear() {
		names := []string{"主动公开信息数", "本年新收申请数", "本年办结申请数", "行政复议数", "行政诉讼数"}
		for i, c := range r.comparisons() {
			out = append(out, Placeholder{Name: names[i] + "上年", Value: itoa(c.prev)}, Placeholder{Name: names[i] + "增减", Value: change(c.now, c.prev)})
		}
	}
	return out
}

// results counts table 三's concluded requests of a result group (总计
// column).
func (n *National) results(group string) int {
	t := 0
	for i, c := range resultCategories {
		if c == group || strings.HasPrefix(c, group+ResultSep) {
			t += n.Requests[rowFirstResul+i][totalColumn]
		}
	}
	return t
}

// requestChannel is the year's new requests through one 申请方式.
func (n *National) requestChannel(name string) int {
	for _, c := range n.ByRequestChannel {
		if c.Name == name {
			return c.Count
		}
	}
	return 0
}

// placeholder matches {{名称}}, spaces inside the braces allowed.
var placeholder = regexp.MustCompile(`\{\{\s*([^{}\s]+)\s*\}\}`)

// fill replaces every known placeholder with its figure; an unknown one is
// left as written, so that a typo shows in the draft instead of vanishing.
func fill(text string, values map[string]string) string {
	return placeholder.ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := values[placeholder.FindStringSubmatch(m)[1]]; ok {
			return v
		}
		return m
	})
}
