package ingest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

const (
	pubFileHead  = "部门,目录序号,标题,公开形式,生成日期,公开日期,索引号,公开属性,保密审查意见\n"
	pubGood      = "ZA,1,机构设置,网站,2025-01-02,2025-01-06,ZA-1,主动公开,公开\n"
	reqFileHead  = "部门,申请编号,收到日期,是否延期,征求第三方意见开始,征求第三方意见结束,补正开始,补正结束,答复日期,收费,复议诉讼结果\n"
	natFileHead  = "部门,申请编号,收到日期,申请方式,答复日期,申请人类型,办理结果,复议申请日期,复议结果,复议结果日期,诉讼类型,起诉日期,诉讼结果,诉讼结果日期,复议诉讼结果\n"
	catFileHead  = "序号,一级目录,二级目录,三级目录,公开形式,公开时限,牵头责任部门,相关责任主体\n"
	deptFileHead = "编码,名称,类别,上级\n"
	revFileHead  = "部门,审查编号,索引号,信息名称,送审日期,初步意见人,初步意见日期,部门负责人,部门负责人审查日期,审查意见,依据和理由,决定日期\n"
	coFileHead   = "部门,协调编号,协调事项,被征求意见部门,发函日期,复函日期,复函意见\n"
)

// Every validation rule, with a bad row: the file is rejected, nothing is
// loaded, and the report says where and why in Chinese.
func TestValidationRules(t *testing.T) {
	cases := []struct {
		rule   string
		kind   Kind
		file   string
		line   int
		column string
		msg    string
	}{
		{"unknown department", Publications, pubFileHead + pubGood + "交警支队,1,通告,网站,,2025-01-06,JJ-1,,\n",
			3, "部门", "第 3 行，列“部门”：“交警支队”不是已知的部门（请填写部门编码或全称）"},
		{"date that is not a date", Publications, pubFileHead + "ZA,1,机构设置,网站,,2024-13-01,ZA-1,,\n",
			2, "公开日期", "第 2 行，列“公开日期”：“2024-13-01”不是有效日期（应为 2024-03-05、2024/3/5 或 2024年3月5日）"},
		{"required cell empty", Publications, pubFileHead + "ZA,1,,网站,,2025-01-06,ZA-1,,\n",
			2, "标题", "第 2 行，列“标题”：不能为空"},
		{"unknown channel", Publications, pubFileHead + "ZA,1,机构设置,抖音,,2025-01-06,ZA-1,,\n",
			2, "公开形式", "第 2 行，列“公开形式”：“抖音”不是已知的公开形式（应为 网站、公开栏、微博、微信、报刊等，或责任分解表中列出的形式）"},
		{"catalog number not in the catalog", Publications, pubFileHead + "ZA,99,机构设置,网站,,2025-01-06,ZA-1,,\n",
			2, "目录序号", "第 2 行，列“目录序号”：目录序号 99 不在责任分解表中（目录外的信息请留空）"},
		{"secrecy review outside its vocabulary", Publications, pubFileHead + "ZA,1,机构设置,网站,,2025-01-06,ZA-1,,同意\n",
			2, "保密审查意见", "第 2 行，列“保密审查意见”：“同意”不是有效的保密审查意见（应为 公开、免于公开、需报审）"},
		{"duplicate natural key in the file", Publications, pubFileHead + pubGood + "治安支队,2,案件信息,网站,,2025-02-06,ZA-1,,\n",
			3, "索引号", "第 3 行，列“索引号”：与第 2 行的部门和索引号相同，同一条记录出现了两次"},
		{"text longer than its column", Publications, pubFileHead + "ZA,1," + strings.Repeat("长", 513) + ",网站,,2025-01-06,ZA-1,,\n",
			2, "标题", "第 2 行，列“标题”：内容有 513 个字符，超过 512 个字符的上限"},
		{"answer before received", Requests, reqFileHead + "ZA,YSQ-1,2025-03-10,否,,,,,2025-03-01,0,\n",
			2, "答复日期", "第 2 行，列“答复日期”：答复日期 2025-03-01 早于收到日期 2025-03-10"},
		{"pause end before pause start", Requests, reqFileHead + "ZA,YSQ-1,2025-03-10,否,2025-03-12,2025-03-11,,,,0,\n",
			2, "征求第三方意见结束", "第 2 行，列“征求第三方意见结束”：征求第三方意见结束 2025-03-11 早于征求第三方意见开始 2025-03-12"},
		{"pause end without a start", Requests, reqFileHead + "ZA,YSQ-1,2025-03-10,否,,,,2025-03-11,,0,\n",
			2, "补正开始", "第 2 行，列“补正开始”：填写了补正结束，但缺少开始日期"},
		{"yes/no that is neither", Requests, reqFileHead + "ZA,YSQ-1,2025-03-10,也许,,,,,,0,\n",
			2, "是否延期", "第 2 行，列“是否延期”：“也许”无法识别，应为 是 或 否"},
		{"fee that is not an amount", Requests, reqFileHead + "ZA,YSQ-1,2025-03-10,否,,,,,,十元,\n",
			2, "收费", "第 2 行，列“收费”：“十元”不是有效金额（应为不小于 0、最多两位小数的数字）"},
		{"outcome outside its vocabulary", Requests, reqFileHead + "ZA,YSQ-1,2025-03-10,否,,,,,,0,撤销\n",
			2, "复议诉讼结果", "第 2 行，列“复议诉讼结果”：“撤销”不是有效的复议诉讼结果（应为 维持、被依法纠错、其他）"},
		{"request channel not on the office's list", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,微信,,,,,,,,,,,\n",
			2, "申请方式", "第 2 行，列“申请方式”：“微信”不是已知的申请方式（应为 当面、传真、网络、信函、电话，或由领导小组办公室在“渠道”页面增加）"},
		{"applicant type outside the national ones", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,,个体户,,,,,,,,,\n",
			2, "申请人类型", "第 2 行，列“申请人类型”：“个体户”不是有效的申请人类型（应为 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）"},
		{"result outside the national categories", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,2025-03-12,自然人,不同意公开,,,,,,,,\n",
			2, "办理结果", "第 2 行，列“办理结果”：“不同意公开”不是有效的办理结果（应为 予以公开、部分公开，或 不予公开、无法提供、不予处理、其他处理 加具体情形，如“不予公开：属于国家秘密”）"},
		{"result of a request not answered", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,,自然人,予以公开,,,,,,,,\n",
			2, "办理结果", "第 2 行，列“办理结果”：填写了办理结果，但缺少答复日期"},
		{"decided reconsideration without its date", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,2025-03-12,,,2025-04-01,维持,,,,,,\n",
			2, "复议结果日期", "第 2 行，列“复议结果日期”：复议结果为维持，需要填写复议结果日期"},
		{"pending reconsideration with a date of outcome", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,2025-03-12,,,2025-04-01,尚未审结,2025-05-01,,,,,\n",
			2, "复议结果日期", "第 2 行，列“复议结果日期”：复议结果为尚未审结，不应填写复议结果日期"},
		{"outcome outside the four", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,2025-03-12,,,2025-04-01,撤销,2025-05-01,,,,,\n",
			2, "复议结果", "第 2 行，列“复议结果”：“撤销”不是有效的复议结果（应为 维持、纠正、其他、尚未审结）"},
		{"lawsuit after a reconsideration that is not there", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,2025-03-12,,,,,,复议后起诉,2025-04-01,尚未审结,,\n",
			2, "诉讼类型", "第 2 行，列“诉讼类型”：复议后起诉需要先填写复议情况"},
		{"lawsuit filed before the reconsideration's outcome", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,2025-03-12,,,2025-04-01,维持,2025-05-01,,2025-04-20,尚未审结,,\n",
			2, "起诉日期", "第 2 行，列“起诉日期”：起诉日期 2025-04-20 早于复议结果日期 2025-05-01"},
		{"filed before the request was received", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,,,,2025-03-01,尚未审结,,,,,,\n",
			2, "复议申请日期", "第 2 行，列“复议申请日期”：复议申请日期 2025-03-01 早于收到日期 2025-03-10"},
		{"old and new reconsideration columns both filled", Requests, natFileHead + "ZA,YSQ-1,2025-03-10,网络,2025-03-12,,,2025-04-01,维持,2025-05-01,,,,,维持\n",
			2, "复议诉讼结果", "第 2 行，列“复议诉讼结果”：这是旧格式的列，已填写复议结果时请留空"},
		{"filed figure that is not a count", AnnualFigures, "部门,年度,行政许可本年处理决定数量,行政事业性收费本年收费金额（万元）\nZA,2025,3.5,1\n",
			2, "行政许可本年处理决定数量", "第 2 行，列“行政许可本年处理决定数量”：“3.5”不是有效的数字（应为不小于 0 的整数）"},
		{"filed amount with too many decimals", AnnualFigures, "部门,年度,行政事业性收费本年收费金额（万元）\nZA,2025,1.123456\n",
			2, "行政事业性收费本年收费金额（万元）", "第 2 行，列“行政事业性收费本年收费金额（万元）”：“1.123456”不是有效的数字（应为不小于 0、最多四位小数的金额（万元））"},
		{"complaint replied before received", Complaints, "部门,编号,受理日期,回复日期\nZA,TS-1,2025-03-10,2025-03-09\n",
			2, "回复日期", "第 2 行，列“回复日期”：回复日期 2025-03-09 早于受理日期 2025-03-10"},
		{"quarter outside 1-4", QuarterlyReports, "部门,年度,季度\nZA,2025,5\n",
			2, "季度", "第 2 行，列“季度”：“5”不是有效的季度（应为 1 到 4 的整数）"},
		{"year that is not a year", AnnualReports, "部门,年度\nZA,25\n",
			2, "年度", "第 2 行，列“年度”：“25”不是有效的年份（应为 2000 到 2100 的整数）"},
		{"figure that is not a number", QuarterlyReports, "部门,年度,季度,主动公开警务信息数\nZA,2025,1,很多\n",
			2, "", "第 2 行：指标“主动公开警务信息数”的值“很多”不是有效数字"},
		{"unknown incident kind", Incidents, "部门,日期,类别\nZA,2025-08-14,失误\n",
			2, "类别", "第 2 行，列“类别”：“失误”不是有效的事件类别（应为 泄密、不应公开而公开、弄虚作假）"},
		{"unknown sanction", Accountability, "案号,部门,决定日期,处理方式\nZJ-1,ZA,2025-09-03,通报批评、罚款\n",
			2, "处理方式", "第 2 行，列“处理方式”：“罚款”不是有效的处理方式（应为 告诫、批评教育、通报批评、书面检查、取消评先选优资格、限期整改、政纪处分、移送司法机关）"},
		{"a workspace case number", Accountability, "案号,部门,决定日期,处理方式\n纪公开〔2025〕1号,ZA,2025-09-03,告诫\n",
			2, "案号", "第 2 行，列“案号”：“纪公开〔2025〕1号”是责任追究工作台立案的案号，纸质决定请使用原案号"},
		{"unknown cadence", Catalog, catFileHead + "9,对外公开,机构职能,机构设置,网站,不定期,治安支队,\n",
			2, "公开时限", "第 2 行，列“公开时限”：“不定期”不是有效的公开时限（应包含 长期、每季度、每月、及时、依申请）"},
		{"lead that resolves to nothing", Catalog, catFileHead + "9,对外公开,机构职能,机构设置,网站,长期公开,治安支队、特警支队,\n",
			2, "牵头责任部门", "第 2 行，列“牵头责任部门”：“特警支队”不是已知的部门或分组（请先导入部门，或在部门的“所属分组”中定义该分组）"},
		{"unknown department kind", Departments, deptFileHead + "DD,特警大队,大队,\n",
			2, "类别", "第 2 行，列“类别”：“大队”不是有效的部门类别（应为 市局部门、分县局、派出所）"},
		{"parent that does not exist", Departments, deptFileHead + "DD,特警大队,市局部门,特警支队\n",
			2, "上级", "第 2 行，列“上级”：上级部门“特警支队”不存在（请填写已有部门或本文件中部门的编码或全称）"},
		{"department its own parent", Departments, deptFileHead + "DD,特警大队,市局部门,DD\n",
			2, "上级", "第 2 行，列“上级”：上级部门不能是部门自己"},
		{"parents in a loop", Departments, deptFileHead + "D1,一大队,市局部门,D2\nD2,二大队,市局部门,D1\n",
			2, "上级", "第 2 行，列“上级”：上级关系形成循环（D1 最终又以自己为上级）"},
		{"department code twice", Departments, deptFileHead + "D1,一大队,市局部门,\nD1,二大队,市局部门,\n",
			3, "编码", "第 3 行，列“编码”：与第 2 行的编码相同，同一部门出现了两次"},
		{"attribute outside its vocabulary", Publications, pubFileHead + "ZA,1,机构设置,网站,,2025-01-06,ZA-1,内部公开,\n",
			2, "公开属性", "第 2 行，列“公开属性”：“内部公开”不是有效的公开属性（应为 主动公开、依申请公开、不予公开）"},
		{"不予公开 without a reason", Publications, pubFileHead + "ZA,1,机构设置,网站,,2025-01-06,ZA-1,不予公开,\n",
			2, "不予公开理由", "第 2 行，列“不予公开理由”：公开属性为不予公开，须注明不予公开的理由"},
		{"forwarded before received", Requests, reqFileHead[:len(reqFileHead)-1] + ",申请方式,转交日期\n" + "ZA,YSQ-1,2025-03-10,否,,,,,,0,,网络,2025-03-09\n",
			2, "转交日期", "第 2 行，列“转交日期”：转交日期 2025-03-09 早于收到日期 2025-03-10"},
		{"review step dated without its signer", SecrecyReviews, revFileHead + "ZA,BM-1,,机构设置,2025-01-02,,2025-01-03,,,公开,不涉密,2025-01-05\n",
			2, "初步意见人", "第 2 行，列“初步意见人”：填写了初步意见日期，但缺少审签人"},
		{"review step before the request", SecrecyReviews, revFileHead + "ZA,BM-1,,机构设置,2025-01-02,何军,2025-01-01,,,公开,不涉密,2025-01-05\n",
			2, "初步意见日期", "第 2 行，列“初步意见日期”：初步意见日期 2025-01-01 早于送审日期 2025-01-02"},
		{"review opinion without its basis", SecrecyReviews, revFileHead + "ZA,BM-1,,机构设置,2025-01-02,,,,,免于公开,,2025-01-05\n",
			2, "依据和理由", "第 2 行，列“依据和理由”：审查意见须注明依据和理由"},
		{"review opinion outside its vocabulary", SecrecyReviews, revFileHead + "ZA,BM-1,,机构设置,2025-01-02,,,,,同意,不涉密,2025-01-05\n",
			2, "审查意见", "第 2 行，列“审查意见”：“同意”不是有效的审查意见（应为 公开、免于公开、需报审）"},
		{"review decided without an opinion", SecrecyReviews, revFileHead + "ZA,BM-1,,机构设置,2025-01-02,,,,,,,2025-01-05\n",
			2, "审查意见", "第 2 行，列“审查意见”：填写了决定日期，但缺少审查意见"},
		{"coordination asking itself", Coordinations, coFileHead + "ZA,XT-1,联合通告,治安支队,2025-01-02,,\n",
			2, "被征求意见部门", "第 2 行，列“被征求意见部门”：被征求意见部门不能是拟公开信息的部门自己"},
		{"coordination asking an unknown department", Coordinations, coFileHead + "ZA,XT-1,联合通告,特警支队,2025-01-02,,\n",
			2, "被征求意见部门", "第 2 行，列“被征求意见部门”：“特警支队”不是已知的部门（请填写部门编码或全称）"},
		{"coordination replied without an opinion", Coordinations, coFileHead + "ZA,XT-1,联合通告,XJ,2025-01-02,2025-01-03,\n",
			2, "复函意见", "第 2 行，列“复函意见”：填写了复函日期，但缺少复函意见"},
		{"coordination replied before sent", Coordinations, coFileHead + "ZA,XT-1,联合通告,XJ,2025-01-02,2025-01-01,同意\n",
			2, "复函日期", "第 2 行，列“复函日期”：复函日期 2025-01-01 早于发函日期 2025-01-02"},
		{"press conference without a topic", PressConferences, "部门,日期,主题,主要负责同志参加\nZA,2025-01-15,,是\n",
			2, "主题", "第 2 行，列“主题”：不能为空"},
		{"press conference twice", PressConferences, "部门,日期,主题\nZA,2025-01-15,通报\n治安支队,2025/1/15,通报\n",
			3, "主题", "第 3 行，列“主题”：与第 2 行的部门、日期和主题相同，同一条记录出现了两次"},
		{"required column missing", Publications, "部门,目录序号,标题,公开形式,索引号\nZA,1,机构设置,网站,ZA-1\n",
			1, "", "第 1 行：缺少必填列“公开日期”（published）"},
	}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		for _, tc := range cases {
			t.Run(tc.rule, func(t *testing.T) {
				before := count(t, s, tables[tc.kind])
				rep, err := im.File(context.Background(), tc.kind, "bad.csv", strings.NewReader(tc.file), Options{Viewer: office})
				if !errors.Is(err, ErrRejected) {
					t.Fatalf("err = %v, want ErrRejected", err)
				}
				if got := count(t, s, tables[tc.kind]); got != before {
					t.Errorf("a rejected file changed %s: %d rows, was %d", tables[tc.kind], got, before)
				}
				for _, e := range rep.Errors {
					if e.Line == tc.line && e.Column == tc.column && e.Message == tc.msg {
						return
					}
				}
				t.Errorf("errors = %+v\nwant line %d column %q: %s", rep.Errors, tc.line, tc.column, tc.msg)
			})
		}
	})
}

// A co-responsible name that resolves to nothing is kept as written, and
// the report warns about it; unknown columns are reported too.
func TestWarnings(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Catalog)
		file := catFileHead[:len(catFileHead)-1] + ",联系人\n" +
			"1,对外公开,机构职能,机构设置,网站,长期公开,治安支队,各分县局、交警大队,王五\n" +
			"2,对外公开,机构职能,招录信息,网站,长期公开,治安支队,交警大队,王五\n"
		rep := mustImport(t, im, Catalog, "catalog.csv", []byte(file), Options{})
		want := []string{"未识别的列已忽略：“联系人”", "相关责任主体“交警大队”没有对应的部门或分组，已按原文保存（第 2、3 行）"}
		if strings.Join(rep.Warnings, "|") != strings.Join(want, "|") {
			t.Errorf("warnings = %q, want %q", rep.Warnings, want)
		}
		var it models.CatalogItem
		modelstest.Must(t, s.DB.Where("seq = ?", 1).First(&it).Error)
		if it.Co != "各分县局、交警大队" {
			t.Errorf("co-responsible stored as %q", it.Co)
		}
	})
}

// A token scoped to one department cannot load another department's rows,
// nor the office's kinds.
func TestOnlyDepartment(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		names, err := s.LoadNames(ctx)
		modelstest.Must(t, err)
		za := names.Departments["ZA"]
		body := `[{"department": "ZA", "seq": 1, "title": "机构设置", "channel": "网站", "published": "2025-01-06", "index_no": "ZA-1"},
		          {"department": "XJ", "seq": 3, "title": "警情通报", "channel": "网站", "published": "2025-01-06", "index_no": "XJ-1"}]`
		rep, err := im.Records(ctx, Publications, bytes.NewReader([]byte(body)), Options{OnlyDepartment: za})
		if !errors.Is(err, ErrRejected) || count(t, s, "publications") != 0 {
			t.Fatalf("err = %v, %d rows loaded", err, count(t, s, "publications"))
		}
		want := "第 2 条，字段“department”：“XJ”不是本来源的部门“治安支队”，不能导入"
		if len(rep.Errors) != 1 || rep.Errors[0].Message != want || rep.Errors[0].Line != 2 || rep.Errors[0].Column != "department" {
			t.Errorf("errors = %+v, want %s", rep.Errors, want)
		}
		rep, err = im.Records(ctx, Publications, bytes.NewReader([]byte(body)), Options{OnlyDepartment: za, Partial: true})
		if err != nil || rep.Inserted != 1 || rep.Rejected != 1 {
			t.Errorf("partial: %v %+v", err, rep)
		}
		// A case number another department owns cannot be taken over.
		mustImport(t, im, Accountability, "acc.csv", []byte(sample[Accountability]), Options{})
		_, err = im.Records(ctx, Accountability, bytes.NewReader([]byte(`[{"case_no": "ZJ2025-002", "department": "ZA", "decided": "2025-06-21", "sanction": "告诫"}]`)), Options{OnlyDepartment: za})
		if !errors.Is(err, ErrRejected) {
			t.Errorf("taking over another department's case: err = %v", err)
		}
		if _, err := im.Records(ctx, Catalog, bytes.NewReader([]byte(`[]`)), Options{OnlyDepartment: za}); !errors.Is(err, ErrScope) || !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a scoped catalog import: err = %v, want ErrScope", err)
		}
	})
}

// Channels are the office's: 政府门户网站 is accepted from the start, one the
// office adds is accepted from then on, and one it deletes is refused.
func TestChannelsAreTheOffices(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		load := func(channel, index string) error {
			file := pubFileHead + "ZA,1,机构设置," + channel + ",,2025-01-06," + index + ",主动公开,公开\n"
			_, err := im.File(ctx, Publications, "p.csv", strings.NewReader(file), Options{Viewer: office})
			return err
		}
		modelstest.Must(t, load("政府门户网站", "ZA-1"))
		if err := load("政务抖音", "ZA-2"); !errors.Is(err, ErrRejected) {
			t.Fatalf("an unlisted channel: %v, want ErrRejected", err)
		}
		modelstest.Must(t, s.AddChannel(ctx, office, models.ChannelPublication, "政务抖音"))
		modelstest.Must(t, load("政务抖音", "ZA-2"))
		chans, err := s.Channels(ctx, models.ChannelPublication)
		modelstest.Must(t, err)
		modelstest.Must(t, s.DeleteChannel(ctx, office, chans[len(chans)-1].ID))
		if err := load("政务抖音", "ZA-3"); !errors.Is(err, ErrRejected) {
			t.Errorf("a deleted channel: %v, want ErrRejected", err)
		}
	})
}
