package reports

// Row is one line of the Annex 2 form (警务信息公开工作季度报表) as printed.
type Row struct {
	Label  string // as the form prints it, with its numbering
	Note   string // printed after the label, e.g. (不同渠道和方式公开相同信息计1条)
	Unit   string // 单位
	Level  int    // indentation: 0 for 一、, 1 for (一), 2 for 1、, 3 for 其中
	Header bool   // a heading with no figure of its own
	Figure Figure
	// Name is the Annex 2 name a unit files the line under, for a line
	// the records cannot give and that is not a sum of the lines below it:
	// what a department's head types when filing (Entered). Empty otherwise.
	Name string
}

// Entered reports whether the unit types the line when filing it.
func (r Row) Entered() bool { return r.Name != "" }

// Amount reports whether the line is money in 万元 (up to four decimals)
// rather than a count.
func (r Row) Amount() bool { return r.Unit == "万元" }

// rowSpec says where a line's figure comes from: computed from the records,
// or filed under one of its Annex 2 names; sumBelow lines not filed add up
// the filed lines one level below them.
type rowSpec struct {
	label, note, unit string
	level             int
	computed          func(*Activity) Figure
	filed             []string
	sumBelow          bool
}

// c turns an Activity field into a computed figure.
func c(f func(*Activity) int) func(*Activity) Figure {
	return func(a *Activity) Figure { return count(f(a)) }
}

// annex2 is the form of seed 000's Annex 2, line by line. The two lines of
// 六 that repeat a name of 五 are filed under a qualified name first, the
// bare name second (五 is computed, so the bare name can only mean 六).
var annex2 = []rowSpec{
	{label: "一、主动公开情况", level: 0},
	{label: "（一）主动公开警务信息数", note: "（不同渠道和方式公开相同信息计1条）", unit: "条", level: 1, computed: c(func(a *Activity) int { return a.Published })},
	{label: "其中：主动公开规范性文件数", unit: "件", level: 2, filed: []string{"主动公开规范性文件数"}},
	{label: "制发规范性文件总数", unit: "件", level: 2, filed: []string{"制发规范性文件总数"}},
	{label: "（二）通过不同渠道和方式公开政府信息的情况", level: 1},
	{label: "1、新闻公布公布信息数", unit: "条", level: 2, computed: c(func(a *Activity) int { return a.Channels.News })},
	{label: "2、政府网站公开政府信息数", unit: "条", level: 2, computed: c(func(a *Activity) int { return a.Channels.Website })},
	{label: "3、政务微博公开政府信息数", unit: "条", level: 2, computed: c(func(a *Activity) int { return a.Channels.Weibo })},
	{label: "4、政务微信公开政府信息数", unit: "条", level: 2, computed: c(func(a *Activity) int { return a.Channels.WeChat })},
	{label: "5、短信告知服务", unit: "条", level: 2, computed: c(func(a *Activity) int { return a.Channels.SMS })},
	{label: "6、其他方式公开政府信息数", unit: "条", level: 2, computed: c(func(a *Activity) int { return a.Channels.Other })},

	{label: "二、重点领域信息公开情况", level: 0},
	{label: "（一）公开行政审批信息数", unit: "条", level: 1, computed: c(func(a *Activity) int { return a.KeyAreas.Approval })},
	{label: "（二）公开行政处罚信息数", unit: "条", level: 1, computed: c(func(a *Activity) int { return a.KeyAreas.Penalty })},
	{label: "（三）公开本部门财政信息数", unit: "条", level: 1, computed: c(func(a *Activity) int { return a.KeyAreas.Finance })},

	{label: "三、回应解读情况", level: 0},
	{label: "（一）回应公众关注热点或重大舆情数", note: "（不同方式回应同一热点或舆情计1次）", unit: "次", level: 1, filed: []string{"回应公众关注热点或重大舆情数"}},
	{label: "（二）通过不同渠道和方式回应解读的情况", level: 1},
	{label: "1、参加或举办新闻发布会总次数", unit: "次", level: 2, computed: press(func(a *Activity) int { return a.Press }), filed: []string{"参加或举办新闻发布会总次数"}},
	{label: "其中：主要负责同志参加新闻发布会次数", unit: "次", level: 3, computed: press(func(a *Activity) int { return a.PressPrincipal }), filed: []string{"主要负责同志参加新闻发布会次数"}},
	{label: "2、政府网站在线访谈次数", unit: "次", level: 2, filed: []string{"政府网站在线访谈次数"}},
	{label: "其中：主要负责同志参加政府网站在线访谈次数", unit: "次", level: 3, filed: []string{"主要负责同志参加政府网站在线访谈次数"}},
	{label: "3、政策解读稿件发布数", unit: "篇", level: 2, filed: []string{"政策解读稿件发布数"}},
	{label: "4、微博微信回应事件数", unit: "次", level: 2, filed: []string{"微博微信回应事件数"}},
	{label: "5、其他方式回应事件数", unit: "次", level: 2, filed: []string{"其他方式回应事件数"}},

	{label: "四、依申请公开情况", level: 0},
	{label: "（一）收到申请数", unit: "件", level: 1, computed: c(func(a *Activity) int { return a.Requests.Received })},
	{label: "1、当面申请数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.InPerson })},
	{label: "2、传真申请数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Fax })},
	{label: "3、网络申请数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Online })},
	{label: "4、信函申请数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Letter })},
	{label: "（二）申请办结数", unit: "件", level: 1, computed: c(func(a *Activity) int { return a.Requests.Closed })},
	{label: "1、按时办结数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.OnTime })},
	{label: "2、延期办结数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Extended })},
	{label: "（三）申请答复数", unit: "件", level: 1, computed: c(func(a *Activity) int { return a.Requests.Closed })},
	{label: "1、属于已主动公开范围数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Answers.Published })},
	{label: "2、同意公开答复数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Answers.Granted })},
	{label: "3、同意部分公开答复数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Answers.Partial })},
	{label: "4、不同意公开答复数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Answers.Refused })},
	{label: "其中：涉及国家秘密", unit: "件", level: 3, computed: c(func(a *Activity) int { return a.Requests.Answers.Refusals.StateSecret })},
	{label: "涉及商业秘密", unit: "件", level: 3, computed: c(func(a *Activity) int { return a.Requests.Answers.Refusals.TradeSecret })},
	{label: "涉及个人隐私", unit: "件", level: 3, computed: c(func(a *Activity) int { return a.Requests.Answers.Refusals.Privacy })},
	{label: "危及国家安全、公共安全、经济安全和社会稳定", unit: "件", level: 3, computed: c(func(a *Activity) int { return a.Requests.Answers.Refusals.Security })},
	{label: "不是《条例》所指政府信息", unit: "件", level: 3, computed: c(func(a *Activity) int { return a.Requests.Answers.Refusals.NotGovernment })},
	{label: "法律法规规定的其他情形", unit: "件", level: 3, computed: c(func(a *Activity) int { return a.Requests.Answers.Refusals.OtherStatutory })},
	{label: "5、不属于本行政机关公开数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Answers.NotOurs })},
	{label: "6、申请信息不存在数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Answers.NotExist })},
	{label: "7、告知作出更改补充数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Answers.Amend })},
	{label: "8、告知通过其他途径办理数", unit: "件", level: 2, computed: c(func(a *Activity) int { return a.Requests.Answers.Elsewhere })},

	{label: "五、行政复议数量", unit: "件", level: 0, computed: c(func(a *Activity) int { return a.Outcomes.Total() })},
	{label: "（一）维持具体行政行为数", unit: "件", level: 1, computed: c(func(a *Activity) int { return a.Outcomes.Upheld })},
	{label: "（二）被依法纠错数", unit: "件", level: 1, computed: c(func(a *Activity) int { return a.Outcomes.Corrected })},
	{label: "（三）其他情形数", unit: "件", level: 1, computed: c(func(a *Activity) int { return a.Outcomes.Other })},

	{label: "六、行政诉讼数量", unit: "件", level: 0, computed: suits(Outcomes.Total), filed: []string{"行政诉讼数量"}, sumBelow: true},
	{label: "（一）维持具体行政行为或者驳回原告诉讼请求数", unit: "件", level: 1, computed: suits(func(o Outcomes) int { return o.Upheld }), filed: []string{"维持具体行政行为或者驳回原告诉讼请求数", "维持具有行政行为或者驳回原告诉讼请求数"}},
	{label: "（二）被依法纠错数", unit: "件", level: 1, computed: suits(func(o Outcomes) int { return o.Corrected }), filed: []string{"行政诉讼被依法纠错数", "被依法纠错数"}},
	{label: "（三）其他情形数", unit: "件", level: 1, computed: suits(func(o Outcomes) int { return o.Other }), filed: []string{"行政诉讼其他情形数", "其他情形数"}},

	{label: "七、举报投诉数量", unit: "件", level: 0, computed: c(func(a *Activity) int { return a.Complaints.Received })},
	{label: "八、依申请公开信息收取的费用", unit: "元", level: 0, computed: func(a *Activity) Figure { return yuan(a.Requests.FeeCents) }},

	{label: "九、机构建设和保障经费情况", level: 0},
	{label: "（一）政府信息公开工作专门机构数", unit: "个", level: 1, filed: []string{"政府信息公开工作专门机构数"}},
	{label: "（二）设置政府信息公开查阅点数", unit: "个", level: 1, filed: []string{"设置政府信息公开查阅点数"}},
	{label: "（三）从事政府信息公开工作人员数", unit: "人", level: 1, filed: []string{"从事政府信息公开工作人员数"}, sumBelow: true},
	{label: "1、专职人员数", note: "（不包括政府公报及政府网站工作人员数）", unit: "人", level: 2, filed: []string{"专职人员数"}},
	{label: "2、兼职人员数", unit: "人", level: 2, filed: []string{"兼职人员数"}},
	{label: "（四）政府信息公开专项经费", note: "（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", unit: "万元", level: 1, filed: []string{"政府信息公开专项经费"}},

	{label: "十、政府信息公开会议和培训情况", level: 0},
	{label: "（一）召开政府信息公开工作会议或专题会议数", unit: "次", level: 1, filed: []string{"召开政府信息公开工作会议或专题会议数"}},
	{label: "（二）举办各类培训班数", unit: "次", level: 1, filed: []string{"举办各类培训班数"}},
	{label: "（三）接受培训人员数", unit: "人次", level: 1, filed: []string{"接受培训人员数"}},
}

// suits is a lawsuit line computed from the requests' lawsuit records (the
// Suit* columns) when the period has any decided, and unknown otherwise, so
// that a unit without such records files the line as before.
func suits(f func(Outcomes) int) func(*Activity) Figure {
	return func(a *Activity) Figure {
		if a.Suits.Total() == 0 {
			return Figure{}
		}
		return count(f(a.Suits))
	}
}

// press is a press-conference line computed from the press records when
// the period has any, and unknown otherwise (the unit files it).
func press(f func(*Activity) int) func(*Activity) Figure {
	return func(a *Activity) Figure {
		if a.Press == 0 {
			return Figure{}
		}
		return count(f(a))
	}
}

// annex2Rows fills the form with a period's activity and filed figures.
func annex2Rows(a *Activity, f filed) []Row {
	rows := make([]Row, len(annex2))
	for i, sp := range annex2 {
		r := Row{Label: sp.label, Note: sp.note, Unit: sp.unit, Level: sp.level, Header: sp.computed == nil && sp.filed == nil}
		if sp.computed != nil {
			r.Figure = sp.computed(a)
		}
		switch {
		case r.Figure.Known:
		case sp.filed != nil:
			r.Figure, _ = f.get(sp.filed...)
			if !sp.sumBelow {
				r.Name = sp.filed[0]
			}
		}
		rows[i] = r
	}
	for i, sp := range annex2 {
		if sp.sumBelow && !rows[i].Figure.Known {
			rows[i].Figure = sumBelow(rows, i)
		}
	}
	return rows
}

// sumBelow adds up the known figures one level below line i; blank when
// none is known.
func sumBelow(rows []Row, i int) Figure {
	var sum Figure
	for j := i + 1; j < len(rows) && rows[j].Level > rows[i].Level; j++ {
		if f := rows[j].Figure; rows[j].Level == rows[i].Level+1 && f.Known {
			sum = Figure{Value: sum.Value + f.Value, Known: true, Filed: true}
		}
	}
	return sum
}
