package reports

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Activity is what a unit's records say about a period: every figure of
// Annex 2 that records can give, and the complaint lines of the annual
// report.
type Activity struct {
	Published  int // 主动公开警务信息数: pieces of information, each once
	Channels   Channels
	KeyAreas   KeyAreas
	Requests   Requests
	Outcomes   Outcomes // reconsideration outcomes (复议结果) dated in the period
	Suits      Outcomes // lawsuit outcomes (诉讼结果) dated in the period (Annex 2 §6)
	Complaints Complaints
	// Press is the press conferences (新闻发布会) the records hold for the
	// period, and PressPrincipal those a principal attended.
	Press, PressPrincipal int
}

// Requests are the figures of information requests (依申请公开, Annex 2 §4
// and §8).
type Requests struct {
	Received                      int // 收到申请数: received in the period
	InPerson, Fax, Online, Letter int // 当面, 传真, 网络, 信函申请数
	Closed                        int // 申请办结数 and 申请答复数: answered in the period
	OnTime                        int // 按时办结数: by the 15-working-day limit
	Extended                      int // 延期办结数: after it
	Overdue                       int // of Extended, after the extended limit too, or without an approved extension
	Answers                       Answers
	FeeCents                      int64 // 依申请公开信息收取的费用, in 分
}

// Outcomes counts the outcomes of reconsideration (Annex 2 §5 行政复议), or
// of lawsuits (§6 行政诉讼).
type Outcomes struct {
	Upheld    int // 维持
	Corrected int // 纠正 (Annex 2: 被依法纠错)
	Other     int // 其他
}

// Total is the number of outcomes.
func (o Outcomes) Total() int { return o.Upheld + o.Corrected + o.Other }

// Complaints counts complaints and inquiries (群众投诉、咨询, 举报投诉数量)
// received in the period, and how many of them were replied to and closed.
type Complaints struct {
	Received, Replied, Closed int
	Lines                     []Line // by 渠道, busiest first
}

// Line is one complaint line (渠道), e.g. 12389 or 网上问政.
type Line struct {
	Name                      string
	Received, Replied, Closed int
}

// tally computes the activity of a period from its records.
func tally(r *records, cal *scoring.Calendar, p period) Activity {
	var a Activity
	a.countPublications(r)
	for _, q := range r.requests {
		if p.contains(scoring.DateOf(q.Received)) {
			a.Requests.received(q.Channel)
		}
		if answered := dateOf(q.Answered); p.contains(answered) {
			rq := &a.Requests
			rq.Closed++
			if answered <= requestDue(cal, q, false) {
				rq.OnTime++
			} else {
				rq.Extended++
				if !q.Extended || answered > requestDue(cal, q, true) {
					rq.Overdue++
				}
			}
			rq.Answers.addRequest(q)
			rq.FeeCents += int64(math.Round(q.Fee * 100))
		}
		if p.contains(dateOf(q.ReconDecided)) {
			a.Outcomes.add(q.ReconOutcome)
		}
		if p.contains(dateOf(q.SuitDecided)) {
			a.Suits.add(q.SuitOutcome)
		}
	}
	a.countComplaints(r)
	a.Press, a.PressPrincipal = r.press, r.pressPrincipal
	return a
}

// countPublications applies the same-information rule: each piece counts
// once in the total, once per channel group and once per key area.
func (a *Activity) countPublications(r *records) {
	pubs := make([]models.Publication, 0, len(r.publications))
	for _, p := range r.publications {
		if proactive(p.Attribute) {
			pubs = append(pubs, p)
		}
	}
	pieceOf, n := pieces(pubs)
	a.Published = n
	groups := make([][channelGroups]bool, n)
	areas := make([][keyAreas]bool, n)
	for i, p := range pubs {
		groups[pieceOf[i]][groupOf(p.Channel)] = true
		areas[pieceOf[i]][areaOf(r.areas[p.Seq])] = true
	}
	for k := range n {
		for g, carried := range groups[k] {
			if carried {
				a.Channels.add(channelGroup(g))
			}
		}
		for ar, in := range areas[k] {
			if in {
				a.KeyAreas.add(keyArea(ar))
			}
		}
	}
}

// proactive reports whether a publication's 公开属性 makes it proactive
// disclosure (主动公开); one without an attribute is taken as proactive,
// since that is what the publication records hold by default.
func proactive(attribute string) bool {
	a := compact(attribute)
	return a == "" || strings.HasPrefix(a, "主动公开")
}

// received counts one request received through channel (申请方式).
func (rq *Requests) received(channel string) {
	rq.Received++
	switch compact(channel) {
	case "当面":
		rq.InPerson++
	case "传真":
		rq.Fax++
	case "网络", "电子邮件":
		// A request by e-mail is made online (条例 art. 29: 网络 covers
		// 电子邮件), as the national report counts it.
		rq.Online++
	case "信函":
		rq.Letter++
	}
}

// add counts one outcome; an empty one counts nothing.
func (o *Outcomes) add(outcome string) {
	switch compact(outcome) {
	case "维持":
		o.Upheld++
	case models.OutcomeCorrected:
		o.Corrected++
	case "其他":
		o.Other++
	}
}

// countComplaints counts every complaint of the period, and each line's.
func (a *Activity) countComplaints(r *records) {
	lines := map[string]*Line{}
	c := &a.Complaints
	for _, k := range r.complaints {
		name := strings.TrimSpace(k.Line)
		if name == "" {
			name = "未注明渠道"
		}
		l, ok := lines[name]
		if !ok {
			l = &Line{Name: name}
			lines[name] = l
		}
		c.Received++
		l.Received++
		if k.Replied != nil {
			c.Replied++
			l.Replied++
		}
		if k.Closed != nil {
			c.Closed++
			l.Closed++
		}
	}
	for _, l := range lines {
		c.Lines = append(c.Lines, *l)
	}
	slices.SortFunc(c.Lines, func(x, y Line) int { return cmp.Or(cmp.Compare(y.Received, x.Received), cmp.Compare(x.Name, y.Name)) })
}
