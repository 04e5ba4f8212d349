package reports_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

// year is a small year of records worked out by hand: two departments, A
// (治安支队) and B (刑警支队), the 2025 holiday calendar, and the second
// quarter of 2025 (2025-04-01 to 2025-06-30) as the quarter reported.
type year struct {
	a, b models.Department
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dayPtr(s string) *time.Time {
	t := day(s)
	return &t
}

func newYear(t *testing.T, s *models.Store) year {
	t.Helper()
	y := year{
		a: models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept, Head: "张卫", Liaison: "何军", Phone: "0527-1"},
		b: models.Department{Code: "SJ16", Name: "刑警支队", Kind: models.KindCityDept},
	}
	modelstest.Must(t, s.DB.Create(&y.a).Error)
	modelstest.Must(t, s.DB.Create(&y.b).Error)
	modelstest.SaveHolidays(t, s, 2025)
	for _, it := range []models.CatalogItem{
		{Seq: 10, Level1: "对外公开", Level2: "行政许可及审批", Title: "户籍办理", Channels: "公开栏、网站", Cadence: "长期公开", Lead: "治安支队"},
		{Seq: 23, Level1: "对外公开", Level2: "行政执法", Title: "治安案件办理情况", Channels: "网站", Cadence: "及时公开", Lead: "治安支队"},
		{Seq: 38, Level1: "对外公开", Level2: "动态警情", Title: "工作动态", Channels: "微博、微信", Cadence: "每月", Lead: "治安支队"},
		{Seq: 44, Level1: "对内公开", Level2: "财务收支", Title: "政府采购情况", Channels: "内部公开栏", Cadence: "及时公开", Lead: "治安支队"},
	} {
		modelstest.Must(t, s.DB.Create(&it).Error)
	}

	// Publications. A's pieces of information in the quarter:
	//   P1 = p1 + p2 (same title): 网站, 微信; item 23 → 行政处罚
	//   P2 = p3 + p4 (same 文号) + p5 (same title as p4): 微博, 报刊, 电视台
	//        (报刊 and 电视台 are both 新闻公布: once there); item 23 → 行政处罚
	//   P3 = p6 + p7 (same title once spaces are dropped): 公开栏 (其他), 网站;
	//        item 10 → 行政审批
	//   P4 = p8, published on the quarter's last day: 内部公开栏 (其他); item 44 → 财政
	//   P5 = p12: 短信; item 38, no key area
	// p9 (7-01) and p10 (3-31) fall outside the quarter; p11 is 不予公开.
	// B's p13 repeats P1's title, but in another department: a piece of its own.
	pubs := []struct {
		dept                                        *models.Department
		no                                          string
		seq                                         int
		title, channel, published, docNo, attribute string
	}{
		{&y.a, "p1", 23, "典型案例通报（4月）", "网站", "2025-04-10", "", "主动公开"},
		{&y.a, "p2", 23, "典型案例通报（4月）", "微信", "2025-04-11", "", "主动公开"},
		{&y.a, "p3", 23, "【微博】典型案例", "微博", "2025-04-12", "宿公〔2025〕7号", ""},
		{&y.a, "p4", 23, "关于典型案例的通报", "报刊", "2025-04-14", "宿公〔2025〕7号", "主动公开"},
		{&y.a, "p5", 23, "关于典型案例的通报", "电视台", "2025-04-15", "", "主动公开"},
		{&y.a, "p6", 10, "户籍办理指南", "公开栏", "2025-05-06", "", "主动公开"},
		{&y.a, "p7", 10, "户籍办理 指南", "网站", "2025-05-07", "", "主动公开"},
		{&y.a, "p8", 44, "政府采购情况", "内部公开栏", "2025-06-30", "", "主动公开"},
		{&y.a, "p9", 38, "工作动态（7月）", "短信", "2025-07-01", "", "主动公开"},
		{&y.a, "p10", 38, "警情通报", "新闻发布", "2025-03-31", "", "主动公开"},
		{&y.a, "p11", 38, "涉密材料", "网站", "2025-05-10", "", "不予公开（涉密）"},
		{&y.a, "p12", 38, "工作动态（5月）", "短信", "2025-05-20", "", "主动公开"},
		{&y.b, "p13", 23, "典型案例通报（4月）", "网站", "2025-04-10", "", "主动公开"},
	}
	for _, p := range pubs {
		modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: p.dept.ID, IndexNo: p.no, Seq: p.seq, Title: p.title,
			Channel: p.channel, Published: day(p.published), DocNo: p.docNo, Attribute: p.attribute}).Error)
	}

	// Requests. Working days follow the 2025 notice: 清明 4-04..06 off,
	// 4-27 (Sunday) worked, 劳动节 5-01..05 off, 端午 5-31..6-02 off.
	//   r1 received 4-01 (当面), answered 4-22: due(4-01, 15) = 4-23 → on time.
	//   r2 received 4-21 (网络), answered 5-16, no extension: due(4-21, 15)
	//      counts 4-22..25, 4-27, 4-28..30, 5-06..09, 5-12..14 = 5-14 → 延期,
	//      and overdue (no approved extension). Fee 12.50 元.
	//   r3 received 5-06 (信函), extension approved, answered 6-13: due(5-06,
	//      15) = 5-27, due(5-06, 30) = 6-18 → 延期, not overdue. Refused for
	//      privacy.
	//   r4 received 5-12 (传真), third party consulted 5-13..16 (4 working
	//      days), answered 6-06: due(5-12, 19) = 6-09 → on time (without the
	//      pause it would have been due 6-03).
	//   r5 received 6-20 (网络), not answered: received only.
	//   r6 received 3-25 (Q1), answered 4-03 (已主动公开): closed only.
	//   r7 received 5-20 (当面), answered 5-22 (告知其他途径), reconsideration
	//      upheld (维持) on 6-10.
	//   r8 received and answered in Q1; corrected (被依法纠错) on 4-15: outcome only.
	//   r9 answered in Q1, outcome 其他 on 7-02: nothing in the quarter.
	//   r11 received 6-03 by 电话 (none of the four channels), answered 6-04
	//      口头告知 (no Annex 2 type): counted in the totals only.
	//   r10 is B's: the bureau's report only (fee 5 元).
	reqs := []models.Request{
		{DepartmentID: y.a.ID, RequestNo: "r1", Received: day("2025-04-01"), Channel: "当面", Answered: dayPtr("2025-04-22"), Answer: "同意公开"},
		{DepartmentID: y.a.ID, RequestNo: "r2", Received: day("2025-04-21"), Channel: "网络", Answered: dayPtr("2025-05-16"), Answer: "部分公开", Fee: 12.5},
		{DepartmentID: y.a.ID, RequestNo: "r3", Received: day("2025-05-06"), Channel: "信函", Extended: true, Answered: dayPtr("2025-06-13"), Answer: "不同意公开（涉及个人隐私）"},
		{DepartmentID: y.a.ID, RequestNo: "r4", Received: day("2025-05-12"), Channel: "传真", PauseStart: dayPtr("2025-05-13"), PauseEnd: dayPtr("2025-05-16"), Answered: dayPtr("2025-06-06"), Answer: "信息不存在"},
		{DepartmentID: y.a.ID, RequestNo: "r5", Received: day("2025-06-20"), Channel: "网络"},
		{DepartmentID: y.a.ID, RequestNo: "r6", Received: day("2025-03-25"), Channel: "当面", Answered: dayPtr("2025-04-03"), Answer: "已主动公开"},
		{DepartmentID: y.a.ID, RequestNo: "r7", Received: day("2025-05-20"), Channel: "当面", Answered: dayPtr("2025-05-22"), Answer: "告知其他途径", ReconOutcome: "维持", ReconDecided: dayPtr("2025-06-10")},
		{DepartmentID: y.a.ID, RequestNo: "r8", Received: day("2025-01-10"), Channel: "信函", Answered: dayPtr("2025-01-20"), Answer: "不同意公开（涉及国家秘密）", ReconOutcome: "纠正", ReconDecided: dayPtr("2025-04-15")},
		{DepartmentID: y.a.ID, RequestNo: "r9", Received: day("2025-02-10"), Channel: "当面", Answered: dayPtr("2025-02-12"), Answer: "同意公开", ReconOutcome: "其他", ReconDecided: dayPtr("2025-07-02")},
		{DepartmentID: y.a.ID, RequestNo: "r11", Received: day("2025-06-03"), Channel: "电话", Answered: dayPtr("2025-06-04"), Answer: "口头告知"},
		{DepartmentID: y.b.ID, RequestNo: "r10", Received: day("2025-04-08"), Channel: "网络", Answered: dayPtr("2025-04-09"), Answer: "同意公开", Fee: 5},
	}
	modelstest.Must(t, s.DB.Create(&reqs).Error)

	// Complaints: A's c1 (12389: replied and closed), c2 (网上问政: replied),
	// c3 (12389, on the last day: neither); c4 is in July; c5 is B's.
	comps := []models.Complaint{
		{DepartmentID: y.a.ID, ComplaintNo: "c1", Line: "12389", Received: day("2025-04-02"), Replied: dayPtr("2025-04-03"), Closed: dayPtr("2025-04-10")},
		{DepartmentID: y.a.ID, ComplaintNo: "c2", Line: "网上问政", Received: day("2025-05-05"), Replied: dayPtr("2025-05-06")},
		{DepartmentID: y.a.ID, ComplaintNo: "c3", Line: "12389", Received: day("2025-06-30")},
		{DepartmentID: y.a.ID, ComplaintNo: "c4", Line: "12389", Received: day("2025-07-01")},
		{DepartmentID: y.b.ID, ComplaintNo: "c5", Line: "市长热线", Received: day("2025-04-15")},
	}
	modelstest.Must(t, s.DB.Create(&comps).Error)

	// Filed reports: A's Q2 gives press conferences, staff (one name with
	// its numbering and note, as a form's column might be headed) and, by
	// the bare name, 六's 被依法纠错数; B's Q2 gives press conferences and
	// funds; A's Q1 must not count.
	filed := []models.QuarterlyReport{
		{DepartmentID: y.a.ID, Year: 2025, Quarter: 2, Submitted: dayPtr("2025-06-18"),
			Figures: `{"参加或举办新闻发布会总次数":2,"1、专职人员数(不包括政府公报及政府网站工作人员数)":1,"兼职人员数":3,"被依法纠错数":1}`},
		{DepartmentID: y.b.ID, Year: 2025, Quarter: 2, Figures: `{"参加或举办新闻发布会总次数":1,"政府信息公开专项经费":1.5}`},
		{DepartmentID: y.a.ID, Year: 2025, Quarter: 1, Figures: `{"参加或举办新闻发布会总次数":9}`},
	}
	modelstest.Must(t, s.DB.Create(&filed).Error)
	return y
}

func TestQuarterlyFiguresWorkedByHand(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		y := newYear(t, s)
		ctx := context.Background()
		r, err := reports.Quarterly(ctx, s, models.System, reports.QuarterlyQuery{Year: 2025, Quarter: 2, DepartmentID: y.a.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := reports.Activity{
			Published: 5,
			Channels:  reports.Channels{News: 1, Website: 2, Weibo: 1, WeChat: 1, SMS: 1, Other: 2},
			KeyAreas:  reports.KeyAreas{Approval: 1, Penalty: 2, Finance: 1},
			Requests: reports.Requests{
				Received: 7, InPerson: 2, Fax: 1, Online: 2, Letter: 1,
				Closed: 7, OnTime: 5, Extended: 2, Overdue: 1,
				Answers: reports.Answers{Published: 1, Granted: 1, Partial: 1, Refused: 1, NotExist: 1, Elsewhere: 1, Unknown: 1,
					Refusals: reports.Refusals{Privacy: 1}},
				FeeCents: 1250,
			},
			Outcomes: reports.Outcomes{Upheld: 1, Corrected: 1},
			Complaints: reports.Complaints{Received: 3, Replied: 2, Closed: 1, Lines: []reports.Line{
				{Name: "12389", Received: 2, Replied: 1, Closed: 1}, {Name: "网上问政", Received: 1, Replied: 1},
			}},
		}
		if !reflect.DeepEqual(r.Activity, want) {
			t.Errorf("activity of 治安支队, 2025 Q2:\n got %+v\nwant %+v", r.Activity, want)
		}
		for _, c := range []struct{ section, label, want string }{
			{"一、主动公开情况", "（一）主动公开警务信息数", "5"},
			{"一、主动公开情况", "1、新闻公布公布信息数", "1"},
			{"一、主动公开情况", "其中：主动公开规范性文件数", ""}, // nobody filed it
			{"二、重点领域信息公开情况", "（二）公开行政处罚信息数", "2"},
			{"三、回应解读情况", "1、参加或举办新闻发布会总次数", "2"}, // A's Q2 only, not Q1's 9
			{"四、依申请公开情况", "2、延期办结数", "2"},
			{"四、依申请公开情况", "涉及个人隐私", "1"},
			{"五、行政复议数量", "五、行政复议数量", "2"},
			{"五、行政复议数量", "（二）被依法纠错数", "1"},
			{"六、行政诉讼数量", "六、行政诉讼数量", "1"}, // the sum of the filed lines
			{"六、行政诉讼数量", "（二）被依法纠错数", "1"},
			{"七、举报投诉数量", "七、举报投诉数量", "3"},
			{"八、依申请公开信息收取的费用", "八、依申请公开信息收取的费用", "12.50"},
			{"九、机构建设和保障经费情况", "（三）从事政府信息公开工作人员数", "4"}, // 1 + 3
			{"九、机构建设和保障经费情况", "1、专职人员数", "1"},
			{"九、机构建设和保障经费情况", "（四）政府信息公开专项经费", ""},
		} {
			if got := figure(t, r.Rows, c.section, c.label); got != c.want {
				t.Errorf("%s / %s = %q, want %q", c.section, c.label, got, c.want)
			}
		}

		// The bureau adds B: p13 is a piece of its own (6 pieces, 3 on the
		// website, 3 in 行政处罚); r10 adds a request received, closed on
		// time, granted, with a 5 元 fee; c5 a complaint; B's filed figures
		// add a press conference and 1.5 万元 of funds.
		bureau, err := reports.Quarterly(ctx, s, models.System, reports.QuarterlyQuery{Year: 2025, Quarter: 2})
		if err != nil {
			t.Fatal(err)
		}
		a := bureau.Activity
		if a.Published != 6 || a.Channels.Website != 3 || a.KeyAreas.Penalty != 3 || a.Requests.Received != 8 || a.Requests.Online != 3 ||
			a.Requests.OnTime != 6 || a.Requests.Answers.Granted != 2 || a.Requests.FeeCents != 1750 || a.Complaints.Received != 4 {
			t.Errorf("bureau activity = %+v", a)
		}
		for _, c := range []struct{ section, label, want string }{
			{"三、回应解读情况", "1、参加或举办新闻发布会总次数", "3"},
			{"九、机构建设和保障经费情况", "（四）政府信息公开专项经费", "1.50"},
			{"八、依申请公开信息收取的费用", "八、依申请公开信息收取的费用", "17.50"},
		} {
			if got := figure(t, bureau.Rows, c.section, c.label); got != c.want {
				t.Errorf("bureau %s / %s = %q, want %q", c.section, c.label, got, c.want)
			}
		}
	})
}

func TestQuarterlyRespectsTheViewer(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		y := newYear(t, s)
		ctx := context.Background()
		head := models.Viewer{Name: "张卫", Role: models.RoleHead, DepartmentID: y.a.ID}
		if _, err := reports.Quarterly(ctx, s, head, reports.QuarterlyQuery{Year: 2025, Quarter: 2, DepartmentID: y.a.ID}); err != nil {
			t.Errorf("head reading own department: %v", err)
		}
		if _, err := reports.Quarterly(ctx, s, head, reports.QuarterlyQuery{Year: 2025, Quarter: 2, DepartmentID: y.b.ID}); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("head reading another department: %v, want ErrNotFound", err)
		}
		if _, err := reports.Quarterly(ctx, s, head, reports.QuarterlyQuery{Year: 2025, Quarter: 2}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("head reading the bureau: %v, want ErrForbidden", err)
		}
		discipline := models.Viewer{Name: "纪委", Role: models.RoleDiscipline}
		if _, err := reports.Quarterly(ctx, s, discipline, reports.QuarterlyQuery{Year: 2025, Quarter: 2}); err != nil {
			t.Errorf("discipline office reading the bureau: %v", err)
		}
		var verr *models.ValidationError
		for _, q := range []reports.QuarterlyQuery{{Year: 1999, Quarter: 1}, {Year: 2025, Quarter: 5}} {
			if _, err := reports.Quarterly(ctx, s, discipline, q); !errors.As(err, &verr) {
				t.Errorf("%+v: %v, want a validation error", q, err)
			}
		}
	})
}

// figure finds a line of the form after its section's heading and returns
// its figure as printed.
func figure(t *testing.T, rows []reports.Row, section, label string) string {
	t.Helper()
	in := false
	for _, r := range rows {
		if r.Label == section {
			in = true
		}
		if in && r.Label == label {
			return r.Figure.String()
		}
	}
	t.Fatalf("no line %q in section %q", label, section)
	return ""
}
