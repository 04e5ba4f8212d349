package reports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

// nationalYear is 2025 worked by hand for the national format. 宿城分局 (SC,
// a county sub-bureau) has 项里派出所 (XL) under it; 治安支队 (ZA) is a
// city-bureau department.
type nationalYear struct {
	sc, xl, za models.Department
}

var office = models.Viewer{UserID: 1, Name: "办公室", Role: models.RoleOffice}

func newNationalYear(t *testing.T, s *models.Store) nationalYear {
	t.Helper()
	y := nationalYear{
		sc: models.Department{Code: "SC", Name: "宿城分局", Kind: models.KindCountyBureau},
		za: models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept},
	}
	modelstest.Must(t, s.DB.Create(&y.sc).Error)
	modelstest.Must(t, s.DB.Create(&y.za).Error)
	y.xl = models.Department{Code: "XL", Name: "项里派出所", Kind: models.KindStation, ParentID: &y.sc.ID}
	modelstest.Must(t, s.DB.Create(&y.xl).Error)

	// Requests of 宿城分局. cat0 … cat20: one per national result category,
	// in the table's order, received and answered in 2025, the applicant
	// types in turn (cat i is of type i mod 6).
	cats := reports.ResultCategories()
	var reqs []models.Request
	for i, c := range cats {
		reqs = append(reqs, models.Request{DepartmentID: y.sc.ID, RequestNo: fmt.Sprintf("cat%d", i), Channel: "网络",
			Received: day("2025-01-02"), Answered: dayPtr(fmt.Sprintf("2025-01-%02d", 10+i%10)),
			Applicant: reports.ApplicantTypes[i%6], Result: c})
	}
	reqs = append(reqs,
		// c1: received 2024, answered 2025 → 二 and 三(一), 自然人.
		models.Request{DepartmentID: y.sc.ID, RequestNo: "c1", Channel: "信函", Received: day("2024-12-20"), Answered: dayPtr("2025-01-10"), Applicant: "自然人", Result: "予以公开"},
		// c2: received 2024, still open → 二 and 四, 商业企业.
		models.Request{DepartmentID: y.sc.ID, RequestNo: "c2", Channel: "信函", Received: day("2024-11-01"), Applicant: "商业企业"},
		// c3: received 2025-12-22, answered 2026 → 一 and 四, 法律服务机构.
		models.Request{DepartmentID: y.sc.ID, RequestNo: "c3", Channel: "当面", Received: day("2025-12-22"), Answered: dayPtr("2026-01-08"), Applicant: "法律服务机构", Result: "部分公开"},
		// c4: received and answered in 2024: not in 2025's tables.
		models.Request{DepartmentID: y.sc.ID, RequestNo: "c4", Channel: "当面", Received: day("2024-03-01"), Answered: dayPtr("2024-03-10"), Applicant: "自然人", Result: "予以公开"},
		// c5: the police station's, by phone, old vocabulary 同意公开 → 予以公开.
		models.Request{DepartmentID: y.xl.ID, RequestNo: "c5", Channel: "电话", Received: day("2025-06-02"), Answered: dayPtr("2025-06-10"), Applicant: "自然人", Answer: "同意公开"},
		// z1: 治安支队's: the bureau's report only.
		models.Request{DepartmentID: y.za.ID, RequestNo: "z1", Channel: "网络", Received: day("2025-02-03"), Answered: dayPtr("2025-02-20"), Applicant: "科研机构", Result: "予以公开"},
	)
	// Reconsiderations and lawsuits, by index in reqs (c4 is 24):
	//   行政复议: 维持 cat0, cat9; 纠正 cat1, cat12; 其他 cat2, cat11; 尚未审结
	//   cat3 (pending) and cat4 (decided in 2026); c4's, decided in 2024,
	//   counts in 2024.
	//   直接起诉: 维持 cat5, 纠正 cat6, 其他 cat7, 尚未审结 cat8.
	//   复议后起诉: 维持 c4 (filed 2024, decided 2025), 纠正 cat9, 其他 cat12,
	//   尚未审结 cat11.
	recon := map[int][3]string{
		0: {"2025-03-01", "维持", "2025-04-01"}, 1: {"2025-04-01", "纠正", "2025-05-01"}, 2: {"2025-05-01", "其他", "2025-06-01"},
		3: {"2025-11-01", "尚未审结", ""}, 4: {"2025-10-01", "维持", "2026-02-01"}, 9: {"2025-01-25", "维持", "2025-02-01"},
		11: {"2025-02-01", "其他", "2025-03-01"}, 12: {"2025-02-01", "纠正", "2025-03-01"}, 24: {"2024-04-01", "维持", "2024-06-01"},
	}
	suit := map[int][4]string{
		5: {"直接起诉", "2025-03-01", "维持", "2025-06-01"}, 6: {"直接起诉", "2025-03-01", "纠正", "2025-06-02"},
		7: {"直接起诉", "2025-03-01", "其他", "2025-06-03"}, 8: {"直接起诉", "2025-09-01", "尚未审结", ""},
		9: {"复议后起诉", "2025-03-01", "纠正", "2025-08-01"}, 24: {"复议后起诉", "2024-07-01", "维持", "2025-07-01"},
		11: {"复议后起诉", "2025-12-01", "尚未审结", ""}, 12: {"复议后起诉", "2025-04-01", "其他", "2025-10-10"},
	}
	opt := func(s string) *time.Time {
		if s == "" {
			return nil
		}
		return dayPtr(s)
	}
	for i, r := range recon {
		reqs[i].ReconFiled, reqs[i].ReconOutcome, reqs[i].ReconDecided = opt(r[0]), r[1], opt(r[2])
	}
	for i, r := range suit {
		reqs[i].SuitKind, reqs[i].SuitFiled, reqs[i].SuitOutcome, reqs[i].SuitDecided = r[0], opt(r[1]), r[2], opt(r[3])
	}
	modelstest.Must(t, s.DB.Create(&reqs).Error)

	// One piece of information in two channels (same title), and figures
	// the records cannot give, filed by the sub-bureau and its station.
	modelstest.Must(t, s.DB.Create(&[]models.Publication{
		{DepartmentID: y.sc.ID, IndexNo: "p1", Seq: 1, Title: "户籍办理指南", Channel: "政府门户网站", Published: day("2025-03-03"), Attribute: "主动公开"},
		{DepartmentID: y.xl.ID, IndexNo: "p2", Seq: 1, Title: "辖区警情", Channel: "网站", Published: day("2025-03-04"), Attribute: "主动公开"},
		{DepartmentID: y.sc.ID, IndexNo: "p3", Seq: 1, Title: "户籍办理指南", Channel: "网站", Published: day("2025-03-05"), Attribute: "主动公开"},
		{DepartmentID: y.sc.ID, IndexNo: "p0", Seq: 1, Title: "2024年户籍办理指南", Channel: "网站", Published: day("2024-03-05"), Attribute: "主动公开"},
	}).Error)
	ctx := context.Background()
	modelstest.Must(t, reports.New(s).SaveAnnualFigures(ctx, office, y.sc.ID, 2025, map[string]string{"licences": "100", "fees": "1.5"}))
	modelstest.Must(t, reports.New(s).SaveAnnualFigures(ctx, office, y.xl.ID, 2025, map[string]string{"licences": "20", "penalties": "5"}))
	return y
}

// Table 三 of 宿城分局 with its police station, worked by hand. Columns:
// 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
var wantRequests = [][]int{
	{5, 4, 4, 3, 4, 3, 23}, // 一 本年新收: cat0-20 (4,4,4,3,3,3), c3 (法律服务机构), c5 (自然人)
	{1, 1, 0, 0, 0, 0, 2},  // 二 上年结转: c1, c2
	{3, 0, 0, 0, 0, 0, 3},  // 三(一) 予以公开: cat0, c1, c5
	{0, 1, 0, 0, 0, 0, 1},  // 三(二) 部分公开: cat1
	{0, 0, 1, 0, 0, 0, 1},  // 三(三)1 cat2
	{0, 0, 0, 1, 0, 0, 1},  // 三(三)2 cat3
	{0, 0, 0, 0, 1, 0, 1},  // 三(三)3 cat4
	{0, 0, 0, 0, 0, 1, 1},  // 三(三)4 cat5
	{1, 0, 0, 0, 0, 0, 1},  // 三(三)5 cat6
	{0, 1, 0, 0, 0, 0, 1},  // 三(三)6 cat7
	{0, 0, 1, 0, 0, 0, 1},  // 三(三)7 cat8
	{0, 0, 0, 1, 0, 0, 1},  // 三(三)8 cat9
	{0, 0, 0, 0, 1, 0, 1},  // 三(四)1 cat10
	{0, 0, 0, 0, 0, 1, 1},  // 三(四)2 cat11
	{1, 0, 0, 0, 0, 0, 1},  // 三(四)3 cat12
	{0, 1, 0, 0, 0, 0, 1},  // 三(五)1 cat13
	{0, 0, 1, 0, 0, 0, 1},  // 三(五)2 cat14
	{0, 0, 0, 1, 0, 0, 1},  // 三(五)3 cat15
	{0, 0, 0, 0, 1, 0, 1},  // 三(五)4 cat16
	{0, 0, 0, 0, 0, 1, 1},  // 三(五)5 cat17
	{1, 0, 0, 0, 0, 0, 1},  // 三(六)1 cat18
	{0, 1, 0, 0, 0, 0, 1},  // 三(六)2 cat19
	{0, 0, 1, 0, 0, 0, 1},  // 三(六)3 cat20
	{6, 4, 4, 3, 3, 3, 23}, // 三(七) 总计
	{0, 1, 0, 0, 1, 0, 2},  // 四 结转下年: c2, c3
}

// Table 四, worked by hand: 行政复议, 直接起诉, 复议后起诉; each 维持, 纠正,
// 其他, 尚未审结, 总计.
var wantRemedies = reports.RemedyTable{
	{2, 2, 2, 2, 8},
	{1, 1, 1, 1, 4},
	{1, 1, 1, 1, 4},
}

func TestNationalTablesOfAHandWorkedYear(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		y := newNationalYear(t, s)
		ctx := context.Background()
		r, err := reports.Annual(ctx, s, office, reports.AnnualQuery{Year: 2025, DepartmentID: y.sc.ID})
		modelstest.Must(t, err)
		n := r.National
		if len(n.Requests) != len(wantRequests) {
			t.Fatalf("table 三 has %d rows, want %d", len(n.Requests), len(wantRequests))
		}
		for row, want := range wantRequests {
			for col, v := range want {
				if got := n.Requests.Cell(row, col); got != v {
					t.Errorf("table 三 row %d column %d = %d, want %d", row, col, got, v)
				}
			}
		}
		if n.Remedies != wantRemedies {
			t.Errorf("table 四 = %v, want %v", n.Remedies, wantRemedies)
		}
		if !n.Balanced() || !n.CanBeFinal() || n.Obstacle() != "" {
			t.Errorf("the hand-worked year does not balance: %+v, uncategorised %+v", n.Imbalances, n.Uncategorised)
		}

		// Table 二 sums the filed figures of the sub-bureau and its station;
		// a figure nobody filed is blank. Every figure cell, by row and
		// column of the printed form:
		two := r.Sections[1].Tables[0]
		wantTwo := map[[2]int]string{
			{2, 1}: "", {2, 2}: "", {2, 3}: "", // 规章
			{3, 1}: "", {3, 2}: "", {3, 3}: "", // 行政规范性文件
			{6, 1}: "120",            // 行政许可: 100 + 20
			{9, 1}: "5", {10, 1}: "", // 行政处罚, 行政强制
			{13, 1}: "1.5", // 行政事业性收费（万元）
		}
		slots := two.Layout(append(two.Head, two.Body...))
		for at, want := range wantTwo {
			if s := slots[at[0]][at[1]]; !s.Origin || s.Cell.Text != want {
				t.Errorf("table 二 row %d column %d = %q (origin %v), want %q", at[0], at[1], s.Cell.Text, s.Origin, want)
			}
		}
		if label := slots[6][0].Cell.Text; label != "行政许可" {
			t.Errorf("table 二 row 6 is %q, want 行政许可", label)
		}
		// Channels: one piece in 政府门户网站 and 网站, one in 网站; the
		// phone request has its own line.
		if n.Published != 2 || channel(n.ByChannel, "政府门户网站") != 1 || channel(n.ByChannel, "网站") != 2 {
			t.Errorf("pieces %d by channel %+v, want 2: 政府门户网站 1, 网站 2", n.Published, n.ByChannel)
		}
		if channel(n.ByRequestChannel, "电话") != 1 || channel(n.ByRequestChannel, "网络") != 21 {
			t.Errorf("requests by channel %+v, want 电话 1, 网络 21", n.ByRequestChannel)
		}
		// Year on year: 2024 had c1, c2 and c4 received, and one piece of
		// information published.
		if !r.YearOnYear() || placeholder(r, "本年新收申请数上年") != "3" || placeholder(r, "本年新收申请数增减") != "+20（+666.7%）" ||
			placeholder(r, "主动公开信息数增减") != "+1（+100%）" {
			t.Errorf("year on year: %v, %q, %q", r.YearOnYear(), placeholder(r, "本年新收申请数上年"), placeholder(r, "本年新收申请数增减"))
		}
		if p := r.Sections[3].Paragraphs[0]; !strings.Contains(p, "被申请行政复议8件，其中结果纠正2件；被提起行政诉讼8件，其中结果纠正2件") {
			t.Errorf("section 四 draft = %q", p)
		}

		// The bureau's report rolls up every unit: 治安支队's z1 too.
		b, err := reports.Annual(ctx, s, office, reports.AnnualQuery{Year: 2025})
		modelstest.Must(t, err)
		if b.National.Requests.Cell(0, 2) != 5 || b.National.Requests.Cell(2, 6) != 4 || !b.National.Balanced() {
			t.Errorf("bureau: 一 科研机构 %d (want 5), 三(一) 总计 %d (want 4), imbalances %+v",
				b.National.Requests.Cell(0, 2), b.National.Requests.Cell(2, 6), b.National.Imbalances)
		}
		// The station's own report has its request only.
		st, err := reports.Annual(ctx, s, office, reports.AnnualQuery{Year: 2025, DepartmentID: y.xl.ID})
		modelstest.Must(t, err)
		if st.National.Requests.Cell(0, 6) != 1 {
			t.Errorf("station: 一 总计 %d, want 1", st.National.Requests.Cell(0, 6))
		}

		// A balanced report may be final; its text then stays as it is.
		q := reports.AnnualQuery{Year: 2025, DepartmentID: y.sc.ID}
		modelstest.Must(t, reports.MarkFinal(ctx, s, office, q, true, time.Now()))
		edit := reports.AnnualEdit{Year: 2025, DepartmentID: y.sc.ID, Texts: map[string]string{"problems": "无。"}}
		if _, err := reports.SaveAnnual(ctx, s, office, edit, time.Now()); !errors.Is(err, reports.ErrFinal) {
			t.Errorf("editing a final report: %v, want ErrFinal", err)
		}
		modelstest.Must(t, reports.MarkFinal(ctx, s, office, q, false, time.Now()))
		if _, err := reports.SaveAnnual(ctx, s, office, edit, time.Now()); err != nil {
			t.Errorf("editing after the mark is withdrawn: %v", err)
		}
		log, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{Entity: "annual_final"})
		if err != nil || len(log) != 2 {
			t.Errorf("final marks in the audit log: %d, %v; want 2", len(log), err)
		}
	})
}

func TestUncategorisedRequestBlocksFinalUntilCategorised(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		y := newNationalYear(t, s)
		ctx := context.Background()
		// u1: old vocabulary 告知其他途径, no national result: concluded in
		// 2025 but in no result row, so 自然人 and 总计 are 1 short.
		// u2: no applicant type: counted in 总计 only, balanced, but listed.
		u1 := models.Request{DepartmentID: y.xl.ID, RequestNo: "u1", Channel: "网络", Received: day("2025-05-06"), Answered: dayPtr("2025-05-12"), Applicant: "自然人", Answer: "告知其他途径"}
		u2 := models.Request{DepartmentID: y.xl.ID, RequestNo: "u2", Channel: "网络", Received: day("2025-05-07"), Answered: dayPtr("2025-05-13"), Answer: "已主动公开"}
		modelstest.Must(t, s.DB.Create(&u1).Error)
		modelstest.Must(t, s.DB.Create(&u2).Error)
		q := reports.AnnualQuery{Year: 2025, DepartmentID: y.sc.ID}
		r, err := reports.Annual(ctx, s, office, q)
		modelstest.Must(t, err)
		n := r.National
		if len(n.Imbalances) != 2 || n.Imbalances[0].Column != "自然人" || n.Imbalances[0].Difference() != 1 || n.Imbalances[1].Column != "总计" ||
			len(n.Imbalances[0].Requests) != 1 || n.Imbalances[0].Requests[0].No != "u1" {
			t.Errorf("imbalances = %+v, want 自然人 and 总计 short by 1, behind them u1", n.Imbalances)
		}
		if len(n.Uncategorised) != 2 || n.Uncategorised[0].No != "u1" || !n.Uncategorised[0].NoResult || n.Uncategorised[1].No != "u2" || !n.Uncategorised[1].NoApplicant {
			t.Errorf("uncategorised = %+v, want u1 (result) and u2 (applicant)", n.Uncategorised)
		}
		var verr *models.ValidationError
		err = reports.MarkFinal(ctx, s, office, q, true, time.Now())
		if !errors.As(err, &verr) || !strings.Contains(verr.Message, "“自然人”一栏不平衡") || !strings.Contains(verr.Message, "相差 1") || !strings.Contains(verr.Message, "有 2 件申请尚未归入") {
			t.Fatalf("final with an uncategorised request: %v", err)
		}

		// The office categorises both; the report balances and may be final.
		head := models.Viewer{Name: "范东", Role: models.RoleHead, DepartmentID: y.sc.ID}
		if err := reports.New(s).Categorise(ctx, head, u1.ID, "", "不予处理：信访举报投诉类申请", time.Now()); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head categorising: %v, want ErrForbidden", err)
		}
		modelstest.Must(t, reports.New(s).Categorise(ctx, office, u1.ID, "", "不予处理-信访举报投诉类申请", time.Now()))
		modelstest.Must(t, reports.New(s).Categorise(ctx, office, u2.ID, "法人或其他组织（社会公益组织）", "", time.Now()))
		r, err = reports.Annual(ctx, s, office, q)
		modelstest.Must(t, err)
		if !r.National.CanBeFinal() || r.National.Requests.Cell(15, 0) != 1 || r.National.Requests.Cell(2, 3) != 1 {
			t.Errorf("after categorising: imbalances %+v, uncategorised %+v, 三(五)1 自然人 %d, 三(一) 社会公益组织 %d",
				r.National.Imbalances, r.National.Uncategorised, r.National.Requests.Cell(15, 0), r.National.Requests.Cell(2, 3))
		}
		modelstest.Must(t, reports.MarkFinal(ctx, s, office, q, true, time.Now()))
		log, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{Entity: "request_category"})
		if err != nil || len(log) != 2 {
			t.Errorf("categorisations in the audit log: %d, %v; want 2", len(log), err)
		}
	})
}

// The DOCX is a well-formed package and the XLSX has the national tables
// with their merged headings.
func TestAnnualDocumentsAreWellFormed(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		y := newNationalYear(t, s)
		r, err := reports.Annual(context.Background(), s, office, reports.AnnualQuery{Year: 2025, DepartmentID: y.sc.ID})
		modelstest.Must(t, err)
		var buf bytes.Buffer
		modelstest.Must(t, r.WriteDOCX(&buf))
		z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		modelstest.Must(t, err)
		var body string
		for _, f := range z.File {
			rc, err := f.Open()
			modelstest.Must(t, err)
			data, err := io.ReadAll(rc)
			rc.Close()
			modelstest.Must(t, err)
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
			if f.Name == "word/document.xml" {
				body = string(data)
			}
		}
		for _, want := range []string{"三、本年度办理结果", "复议后起诉", `<w:vMerge w:val="restart"/>`, `<w:gridSpan w:val="5"/>`, "宿城分局2025年政府信息公开工作年度报告"} {
			if !strings.Contains(body, want) {
				t.Errorf("document.xml lacks %s", want)
			}
		}

		buf.Reset()
		modelstest.Must(t, r.WriteXLSX(&buf))
		f, err := excelize.OpenReader(&buf)
		modelstest.Must(t, err)
		defer f.Close()
		sheet := "三、收到和处理政府信息公开申请情况"
		merged, err := f.GetMergeCells(sheet)
		modelstest.Must(t, err)
		if len(merged) < 10 {
			t.Errorf("%s has %d merged ranges, want the form's headings and labels merged", sheet, len(merged))
		}
		rows, err := f.GetRows(sheet)
		modelstest.Must(t, err)
		found := false
		for _, row := range rows {
			if len(row) == 10 && row[0] == "一、本年新收政府信息公开申请数量" && row[9] == "23" {
				found = true
			}
		}
		if !found {
			t.Errorf("no row 一 with 总计 23 in %v", rows)
		}
	})
}

func channel(cs []reports.ChannelCount, name string) int {
	for _, c := range cs {
		if c.Name == name {
			return c.Count
		}
	}
	return -1
}

func placeholder(r *reports.AnnualReport, name string) string {
	for _, p := range r.Placeholders {
		if p.Name == name {
			return p.Value
		}
	}
	return "(none)"
}
