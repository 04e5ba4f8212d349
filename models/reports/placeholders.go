package reports

import (
	"regexp"
	"strconv"
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
	{"投诉咨询数", func(r *AnnualReport) string { return itoa(r.Activity.Complaints.Received) }},
	{"回复数", func(r *AnnualReport) string { return itoa(r.Activity.Complaints.Replied) }},
	{"回复率", func(r *AnnualReport) string { c := r.Activity.Complaints; return rate(c.Replied, c.Received) }},
	{"办结数", func(r *AnnualReport) string { return itoa(r.Activity.Complaints.Closed) }},
	{"办结率", func(r *AnnualReport) string { c := r.Activity.Complaints; return rate(c.Closed, c.Received) }},
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
