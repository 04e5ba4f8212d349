package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The bureau every test starts from: four departments in groups, three
// catalog items.
const (
	fixtureDepartments = `code,name,kind,parent,head,leader,liaison,phone,mobile,groups
ZA,治安支队,市局部门,,张卫,徐平,何军,0527-84301009,13905240109,市局各部门、相关警种部门
XJ,刑警支队,市局部门,,彭军,马卫东,曾强,0527-84301016,13905240116,市局各部门、相关警种部门
XL,项里派出所,派出所,SC,姚军,范东,贾楠,,,
SC,宿城分局,分县局,,范东,徐平,石磊,,,各分县局
`
	fixtureCatalog = `序号,一级目录,二级目录,三级目录,公开形式,公开范围,公开时限,牵头责任部门,相关责任主体,备注
1,对外公开,机构职能,机构设置及职能,公开栏、网站,面向社会,长期公开,治安支队,各分县局,
2,对外公开,执法公开,案件办理信息,网站、微博、书面送达,面向社会,及时公开,相关警种部门,各分县局,
3,对外公开,统计数据,警情通报,网站、新闻发布,面向社会,每季度或每月,刑警支队,,
`
)

// sample holds two good rows per kind, with English headers.
var sample = map[Kind]string{
	Departments: fixtureDepartments,
	Catalog:     fixtureCatalog,
	Publications: `department,seq,title,channel,formed,published,index_no,doc_no,attribute,review,review_date,url
ZA,1,治安支队机构设置,网站,2025-01-02,2025-01-06,ZA-2025-001,,主动公开,公开,2025-01-05,http://gaj.example.cn/za/1.html
刑警支队,3,一季度警情通报,新闻发布,2025/3/28,2025年3月31日,XJ-2025-001,宿公通〔2025〕3号,主动公开,公开,,
`,
	Requests: `department,request_no,received,channel,extended,pause_start,pause_end,correction_start,correction_end,answered,answer,fee,outcome,outcome_date,applicant,result,recon_filed,recon_outcome,recon_decided,suit_kind,suit_filed,suit_outcome,suit_decided
ZA,YSQ2025-001,2025-03-03,网络,否,,,,,2025-03-20,同意公开,0,,,自然人,,,,,,,,
XJ,YSQ2025-002,2025-04-01,信函,是,2025-04-03,2025-04-10,2025-04-12,2025-04-15,2025-05-20,部分公开,12.5,被依法纠错,2025-08-01,,,,,,,,,
SC,YSQ2025-003,2025-05-06,电话,否,,,,,2025-05-20,,0,,,法人或其他组织-商业企业,不予公开-属于国家秘密,2025-06-01,维持,2025-07-15,,2025-08-01,尚未审结,
`,
	AnnualFigures: `department,year,rules_issued,norms_in_force,licences,fees,processing_fee_amount
ZA,2025,0,12,350,1.25,0.0035
SC,2025,,3,,,
`,
	Complaints: `department,complaint_no,line,received,replied,closed
ZA,TS2025-001,12389,2025-01-10,2025-01-11,2025-01-20
SC,TS2025-002,网上问政,2025-02-10,,
`,
	QuarterlyReports: `department,year,quarter,submitted,主动公开警务信息数,网络申请数
ZA,2025,1,2025-03-18,12,3
XJ,2025,2,,0,
`,
	AnnualReports: `department,year,submitted
ZA,2025,2026-01-08
XJ,2025,
`,
	Incidents: `department,date,kind,description
ZA,2025-08-14,不应公开而公开,网站误发含个人信息的处罚决定书
XJ,2025-09-01,泄密,
`,
	Accountability: `case_no,department,decided,sanction,persons,trigger,summary
ZJ2025-001,ZA,2025-09-03,通报批评、书面检查,林涛,不依法履行公开义务,第二季度办事指南未按时更新
ZJ2025-002,XJ,2025-06-21,告诫,魏强,,
`,
	SecrecyReviews: `department,review_no,index_no,title,requested,unit_by,unit_date,head_by,head_date,leader_by,leader_date,secrecy_by,secrecy_date,approver_by,approver_date,opinion,basis,decided
ZA,BM2025-001,ZA-2025-001,治安支队机构设置,2025-01-02,何军,2025-01-02,张卫,2025-01-03,徐平,2025-01-03,保密办甲,2025-01-04,保密办乙,2025-01-05,公开,不涉及国家秘密和警务工作秘密,2025-01-05
XJ,BM2025-002,,命案侦破情况通报(草稿),2025-03-10,曾强,2025-03-10,彭军,2025-03-11,,,,,,,需报审,涉及正在侦查的案件,2025-03-12
`,
	Coordinations: `department,coordination_no,index_no,subject,asked,sent,replied,opinion,note
ZA,XT2025-001,ZA-2025-001,联合整治通告,刑警支队,2025-01-02,2025-01-06,同意,
XJ,XT2025-002,,警情通报口径,宿城分局,2025-03-20,,,
`,
	PressConferences: `department,date,topic,principal_attended
ZA,2025-01-15,春节期间治安防控工作,是
XJ,2025-02-20,2024年度刑事案件情况,否
`,
}

// tables maps a kind to its table, for counting.
var tables = map[Kind]string{
	Departments: "departments", Catalog: "catalog_items", Publications: "publications", Requests: "requests",
	Complaints: "complaints", QuarterlyReports: "quarterly_reports", AnnualReports: "annual_reports", AnnualFigures: "annual_figures",
	Incidents: "incidents", Accountability: "accountability_cases", Holidays: "holiday_years",
	SecrecyReviews: "secrecy_reviews", Coordinations: "coordinations", PressConferences: "press_conferences",
}

var office = models.Viewer{UserID: 7, Name: "办公室甲", Role: models.RoleOffice}

// bureau loads the fixture (departments only for the departments kind's
// own tests, departments and catalog otherwise).
func bureau(t *testing.T, s *models.Store, upTo Kind) *Importer {
	t.Helper()
	im := New(s)
	for _, k := range []Kind{Departments, Catalog} {
		if k == upTo {
			break
		}
		mustImport(t, im, k, "fixture.csv", []byte(sample[k]), Options{})
	}
	return im
}

func mustImport(t *testing.T, im *Importer, kind Kind, name string, data []byte, opt Options) *Report {
	t.Helper()
	if opt.Viewer.Name == "" {
		opt.Viewer = office
	}
	rep, err := im.File(context.Background(), kind, name, bytes.NewReader(data), opt)
	if err != nil {
		var msgs []string
		if rep != nil {
			for _, e := range rep.Errors {
				msgs = append(msgs, e.Message)
			}
		}
		t.Fatalf("import %s %s: %v\n%s", kind, name, err, strings.Join(msgs, "\n"))
	}
	return rep
}

func count(t *testing.T, s *models.Store, table string) int {
	t.Helper()
	var n int64
	modelstest.Must(t, s.DB.Table(table).Count(&n).Error)
	return int(n)
}

func parseCSV(t *testing.T, text string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	modelstest.Must(t, err)
	return recs
}

// chineseHeader names a CSV's columns by their Chinese names.
func chineseHeader(kind Kind, recs [][]string) [][]string {
	out := append([][]string{nil}, recs[1:]...)
	for _, h := range recs[0] {
		name := h
		for _, c := range specs[kind].columns {
			if c.key == h {
				name = c.name
			}
		}
		out[0] = append(out[0], name)
	}
	return out
}

func writeCSV(recs [][]string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.WriteAll(recs)
	return buf.Bytes()
}

func withBOM(b []byte) []byte { return append([]byte("\xEF\xBB\xBF"), b...) }

func toGBK(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
	modelstest.Must(t, err)
	return out
}

// toXLSX writes records to a workbook; cells of date columns that hold an
// ISO date become real Excel date cells, as an office's would be.
func toXLSX(t testing.TB, kind Kind, recs [][]string, merges ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateCol := map[int]bool{}
	for j, h := range recs[0] {
		for _, c := range specs[kind].columns {
			if c.date && (c.key == h || c.name == h) {
				dateCol[j] = true
			}
		}
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	modelstest.Must(t, err)
	for i, rec := range recs {
		for j, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if d, err := time.Parse("2006-01-02", v); err == nil && i > 0 && dateCol[j] {
				modelstest.Must(t, f.SetCellValue("Sheet1", cell, d))
				modelstest.Must(t, f.SetCellStyle("Sheet1", cell, cell, style))
				continue
			}
			modelstest.Must(t, f.SetCellValue("Sheet1", cell, v))
		}
	}
	for _, m := range merges {
		from, to, _ := strings.Cut(m, ":")
		modelstest.Must(t, f.MergeCell("Sheet1", from, to))
	}
	buf, err := f.WriteToBuffer()
	modelstest.Must(t, err)
	return buf.Bytes()
}

// toJSON turns records with English headers into the API's array of objects.
func toJSON(t *testing.T, recs [][]string) []byte {
	t.Helper()
	var out []map[string]string
	for _, rec := range recs[1:] {
		obj := map[string]string{}
		for j, h := range recs[0] {
			if j < len(rec) && rec[j] != "" {
				obj[h] = rec[j]
			}
		}
		out = append(out, obj)
	}
	b, err := json.Marshal(out)
	modelstest.Must(t, err)
	return b
}

// auditCount counts audit entries other than the imports' own.
func auditCount(t *testing.T, s *models.Store) int {
	t.Helper()
	var n int64
	modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("action <> ?", "import").Count(&n).Error)
	return int(n)
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
