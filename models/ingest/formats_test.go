package ingest

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
)

// encodings turns a kind's sample into each accepted form of file.
var encodings = []struct {
	name   string
	file   string
	encode func(t *testing.T, kind Kind, recs [][]string) []byte
}{
	{"csv utf-8", "rows.csv", func(t *testing.T, _ Kind, recs [][]string) []byte { return writeCSV(recs) }},
	{"csv utf-8 bom chinese headers", "rows.csv", func(t *testing.T, k Kind, recs [][]string) []byte {
		return withBOM(writeCSV(chineseHeader(k, recs)))
	}},
	{"csv gbk chinese headers", "rows.csv", func(t *testing.T, k Kind, recs [][]string) []byte {
		return toGBK(t, writeCSV(chineseHeader(k, recs)))
	}},
	{"xlsx chinese headers", "rows.xlsx", func(t *testing.T, k Kind, recs [][]string) []byte {
		return toXLSX(t, k, chineseHeader(k, recs))
	}},
	{"json", "rows.json", func(t *testing.T, _ Kind, recs [][]string) []byte { return toJSON(t, recs) }},
}

// Every kind arrives from every form of file, and loading it again changes
// nothing: no count moves and no audit entry but the import's own.
func TestEachKindFromEachFormat(t *testing.T) {
	ctx := context.Background()
	for _, kind := range Kinds {
		if kind == Holidays {
			continue // JSON only: TestHolidays
		}
		t.Run(string(kind), func(t *testing.T) {
			modelstest.Each(t, func(t *testing.T, s *models.Store) {
				recs := parseCSV(t, sample[kind])
				for _, enc := range encodings {
					t.Run(enc.name, func(t *testing.T) {
						modelstest.Must(t, s.DB.Exec("DELETE FROM "+tables[kind]).Error)
						if kind == Departments {
							modelstest.Must(t, s.DB.Exec("DELETE FROM group_members").Error)
						}
						im := bureau(t, s, kind)
						data := enc.encode(t, kind, recs)
						var rep *Report
						if enc.name == "json" {
							var err error
							rep, err = im.Records(ctx, kind, bytes.NewReader(data), Options{Viewer: office})
							modelstest.Must(t, err)
						} else {
							rep = mustImport(t, im, kind, enc.file, data, Options{})
						}
						n := len(recs) - 1
						if rep.Read != n || rep.Inserted != n || rep.Updated != 0 || rep.Rejected != 0 {
							t.Fatalf("first load: %s", rep.Summary())
						}
						if got := count(t, s, tables[kind]); got != n {
							t.Fatalf("%s has %d rows, want %d", tables[kind], got, n)
						}
						audit := auditCount(t, s)
						again := mustImport(t, im, kind, enc.file, data, Options{})
						if again.Unchanged != n || again.Inserted != 0 || again.Updated != 0 {
							t.Errorf("second load: %s", again.Summary())
						}
						if got := count(t, s, tables[kind]); got != n {
							t.Errorf("after the second load %s has %d rows, want %d", tables[kind], got, n)
						}
						if got := auditCount(t, s); got != audit {
							t.Errorf("the second load wrote %d audit entries", got-audit)
						}
					})
				}
			})
		})
	}
}

// The stored values are the file's, whatever the format: dates in every
// accepted spelling and Excel date cells, yes/no, amounts, figures.
func TestStoredValues(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		for _, enc := range encodings {
			for _, kind := range []Kind{Publications, Requests, QuarterlyReports, AnnualFigures} {
				recs := parseCSV(t, sample[kind])
				data := enc.encode(t, kind, recs)
				if enc.name == "json" {
					_, err := im.Records(ctx, kind, bytes.NewReader(data), Options{Viewer: office})
					modelstest.Must(t, err)
				} else {
					mustImport(t, im, kind, enc.file, data, Options{})
				}
			}
			var p models.Publication
			modelstest.Must(t, s.DB.Where("index_no = ?", "XJ-2025-001").First(&p).Error)
			if p.Published.Format("2006-01-02") != "2025-03-31" || p.Formed == nil || p.Formed.Format("2006-01-02") != "2025-03-28" || p.Seq != 3 || p.DocNo != "宿公通〔2025〕3号" {
				t.Errorf("%s: publication stored as %+v", enc.name, p)
			}
			var r models.Request
			modelstest.Must(t, s.DB.Where("request_no = ?", "YSQ2025-002").First(&r).Error)
			if !r.Extended || r.Fee != 12.5 || r.ReconOutcome != "纠正" || r.ReconDecided == nil || r.PauseEnd == nil || r.PauseEnd.Format("2006-01-02") != "2025-04-10" {
				t.Errorf("%s: request stored as %+v", enc.name, r)
			}
			var national models.Request
			modelstest.Must(t, s.DB.Where("request_no = ?", "YSQ2025-003").First(&national).Error)
			if national.Channel != "电话" || national.Applicant != "商业企业" || national.Result != "不予公开：属于国家秘密" ||
				national.ReconOutcome != "维持" || national.ReconDecided == nil || national.ReconDecided.Format("2006-01-02") != "2025-07-15" ||
				national.SuitKind != "复议后起诉" || national.SuitOutcome != "尚未审结" || national.SuitFiled == nil || national.SuitDecided != nil {
				t.Errorf("%s: request in the national categories stored as %+v", enc.name, national)
			}
			var figures reports.AnnualFigures
			modelstest.Must(t, s.DB.Where("year = ?", 2025).Order("id").First(&figures).Error)
			if figures.Figures != `{"fees":1.25,"licences":350,"norms_in_force":12,"processing_fee_amount":0.0035,"rules_issued":0}` {
				t.Errorf("%s: annual figures stored as %s", enc.name, figures.Figures)
			}
			var q models.QuarterlyReport
			modelstest.Must(t, s.DB.Where("quarter = ?", 1).First(&q).Error)
			if q.Figures != `{"主动公开警务信息数":12,"网络申请数":3}` {
				t.Errorf("%s: quarterly figures stored as %s", enc.name, q.Figures)
			}
		}
	})
}

// The holiday calendar arrives in the holiday-cn format, as the seed ships it.
func TestHolidays(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile("../../seed/holidays/2024.json")
	modelstest.Must(t, err)
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := New(s)
		rep := mustImport(t, im, Holidays, "2024.json", data, Options{})
		if rep.Inserted != 1 || len(rep.Warnings) != 0 {
			t.Fatalf("first load: %s %v", rep.Summary(), rep.Warnings)
		}
		years, err := s.HolidayYears(ctx)
		modelstest.Must(t, err)
		if len(years) != 1 || years[0].Year != 2024 || years[0].Papers != `["https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm"]` {
			t.Fatalf("stored %+v", years)
		}
		if again := mustImport(t, im, Holidays, "2024.json", data, Options{}); again.Unchanged != 1 {
			t.Errorf("second load: %s", again.Summary())
		}
		array := []byte(`[{"year": 2030, "papers": [], "days": [{"name": "元旦", "date": "2030-01-01", "isOffDay": true}]}]`)
		if rep, err := im.Records(ctx, Holidays, bytes.NewReader(array), Options{}); err != nil || rep.Inserted != 1 {
			t.Errorf("array of notices through the API: %v %+v", err, rep)
		}
		if _, err := im.File(ctx, Holidays, "2024.csv", stringsReader("year,days\n2024,x\n"), Options{}); UserMessage(err) != "文件无法读取：节假日安排只接受 holiday-cn 格式的 JSON 文件" {
			t.Errorf("a CSV calendar: %v", err)
		}
	})
}
