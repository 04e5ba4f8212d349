package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
)

// By default one bad row loads nothing, and the run says so.
func TestBadRowLoadsNothing(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		file := sample[Publications] + "ZA,1,第三条,网站,,2025-02-30,ZA-2025-003,,,,,\n"
		rep, err := im.File(ctx, Publications, "pubs.csv", strings.NewReader(file), Options{Viewer: office})
		if !errors.Is(err, ErrRejected) || rep.Read != 3 || rep.Rejected != 1 || rep.Inserted != 0 || rep.ErrorFile != nil {
			t.Fatalf("err = %v, report %+v", err, rep)
		}
		if n := count(t, s, "publications"); n != 0 {
			t.Errorf("%d publications loaded from a rejected file", n)
		}
		run, err := imports.New(s).ImportRun(ctx, office, rep.RunID)
		modelstest.Must(t, err)
		want := "文件中有错误的行，未导入任何数据：第 4 行，列“published”：“2025-02-30”不是有效日期（应为 2024-03-05、2024/3/5 或 2024年3月5日）"
		if run.Status != imports.RunRejected || run.Message != want || run.Read != 3 || run.Rejected != 1 || run.UserName != "办公室甲" {
			t.Errorf("run = %+v", run)
		}
	})
}

// With Partial the good rows load and the bad ones come back in the input's
// own format with a 错误原因 column; fixed, that file loads.
func TestPartialErrorFile(t *testing.T) {
	ctx := context.Background()
	bad := "ZA,1,第三条,抖音,,2025-02-06,ZA-2025-003,,,,,\n"
	recs := parseCSV(t, sample[Publications]+bad)
	fix := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("抖音"), []byte("微信")) }
	cases := []struct {
		name, file string
		data       []byte
		check      func(t *testing.T, errorFile []byte) (head, row []string)
	}{
		{"csv", "pubs.csv", writeCSV(recs), func(t *testing.T, b []byte) ([]string, []string) {
			r, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, utf8BOM))).ReadAll()
			modelstest.Must(t, err)
			return r[0], r[1]
		}},
		{"gbk csv", "pubs.csv", toGBK(t, writeCSV(chineseHeader(Publications, recs))), func(t *testing.T, b []byte) ([]string, []string) {
			r, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, utf8BOM))).ReadAll()
			modelstest.Must(t, err)
			return r[0], r[1]
		}},
		{"xlsx", "pubs.xlsx", toXLSX(t, Publications, chineseHeader(Publications, recs)), func(t *testing.T, b []byte) ([]string, []string) {
			f, err := excelize.OpenReader(bytes.NewReader(b))
			modelstest.Must(t, err)
			defer f.Close()
			rows, err := f.GetRows(f.GetSheetList()[0])
			modelstest.Must(t, err)
			return rows[0], rows[1]
		}},
		{"json", "pubs.json", toJSON(t, recs), func(t *testing.T, b []byte) ([]string, []string) {
			var objs []map[string]string
			modelstest.Must(t, json.Unmarshal(b, &objs))
			return []string{"channel", reasonColumn}, []string{objs[0]["channel"], objs[0][reasonColumn]}
		}},
	}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				modelstest.Must(t, s.DB.Exec("DELETE FROM publications").Error)
				rep, err := im.File(ctx, Publications, tc.file, bytes.NewReader(tc.data), Options{Viewer: office, Partial: true})
				if err != nil || rep.Inserted != 2 || rep.Rejected != 1 {
					t.Fatalf("err = %v, %s", err, rep.Summary())
				}
				if !strings.HasSuffix(rep.ErrorFileName, "pubs-错误行."+rep.Format) {
					t.Errorf("error file named %q", rep.ErrorFileName)
				}
				head, row := tc.check(t, rep.ErrorFile)
				if head[len(head)-1] != reasonColumn || !strings.Contains(row[len(row)-1], "“抖音”不是已知的公开形式") || !containsCell(row, "抖音") {
					t.Fatalf("error file: head %q, row %q", head, row)
				}
				run, err := imports.New(s).ImportRun(ctx, office, rep.RunID)
				modelstest.Must(t, err)
				if run.Status != imports.RunPartial {
					t.Errorf("run status %q", run.Status)
				}
				fixed := fix(rep.ErrorFile)
				if rep.Format == "xlsx" {
					fixed = fixXLSX(t, rep.ErrorFile)
				}
				again := mustImport(t, im, Publications, rep.ErrorFileName, fixed, Options{})
				if again.Inserted != 1 || again.Rejected != 0 {
					t.Errorf("the fixed error file: %s", again.Summary())
				}
				if n := count(t, s, "publications"); n != 3 {
					t.Errorf("%d publications after the fix, want 3", n)
				}
			})
		}
	})
}

// fixXLSX corrects the bad channel in an error workbook, as the user would.
func fixXLSX(t *testing.T, b []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	modelstest.Must(t, err)
	defer f.Close()
	sheet := f.GetSheetList()[0]
	cells, err := f.SearchSheet(sheet, "抖音")
	modelstest.Must(t, err)
	for _, c := range cells {
		modelstest.Must(t, f.SetCellValue(sheet, c, "微信"))
	}
	buf, err := f.WriteToBuffer()
	modelstest.Must(t, err)
	return buf.Bytes()
}

func containsCell(row []string, v string) bool {
	for _, c := range row {
		if c == v {
			return true
		}
	}
	return false
}

// A changed row is updated in place and audit-logged with before and after;
// the unchanged ones are counted and left alone.
func TestChangedRowIsAuditLogged(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		mustImport(t, im, Publications, "pubs.csv", []byte(sample[Publications]), Options{})
		var before models.Publication
		modelstest.Must(t, s.DB.Where("index_no = ?", "ZA-2025-001").First(&before).Error)

		changed := strings.Replace(sample[Publications], "治安支队机构设置", "治安支队机构设置(修订)", 1)
		rep := mustImport(t, im, Publications, "pubs.csv", []byte(changed), Options{})
		if rep.Updated != 1 || rep.Unchanged != 1 || rep.Inserted != 0 {
			t.Fatalf("re-import with one change: %s", rep.Summary())
		}
		var after models.Publication
		modelstest.Must(t, s.DB.Where("index_no = ?", "ZA-2025-001").First(&after).Error)
		if after.ID != before.ID || after.Title != "治安支队机构设置(修订)" {
			t.Errorf("row after update: %+v (id was %d)", after, before.ID)
		}
		log, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{Entity: "publication", EntityID: before.ID})
		modelstest.Must(t, err)
		if len(log) != 1 || log[0].Action != "update" || log[0].UserName != "办公室甲" ||
			!strings.Contains(log[0].Before, `"title":"治安支队机构设置"`) || !strings.Contains(log[0].After, `"title":"治安支队机构设置(修订)"`) {
			t.Fatalf("audit = %+v", log)
		}
		imports, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{Entity: "import_run", EntityID: rep.RunID})
		modelstest.Must(t, err)
		if len(imports) != 1 || !strings.Contains(imports[0].After, `"updated":1`) {
			t.Errorf("the import's own entry: %+v", imports)
		}
	})
}

// Departments: groups are created by name and memberships set; a parent may
// come later in the file; a changed group list is an update.
func TestDepartmentsGroupsAndParents(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := New(s)
		mustImport(t, im, Departments, "depts.csv", []byte(fixtureDepartments), Options{})
		groups, err := s.Groups(ctx)
		modelstest.Must(t, err)
		members := map[string]int{}
		for _, g := range groups {
			members[g.Name] = len(g.Members)
		}
		if len(groups) != 3 || members["市局各部门"] != 2 || members["相关警种部门"] != 2 || members["各分县局"] != 1 {
			t.Errorf("groups = %v", members)
		}
		var xl models.Department
		modelstest.Must(t, s.DB.Preload("Parent").Where("code = ?", "XL").First(&xl).Error)
		if xl.Parent == nil || xl.Parent.Code != "SC" {
			t.Errorf("项里派出所's parent = %+v", xl.Parent)
		}
		changed := strings.Replace(fixtureDepartments, "市局各部门、相关警种部门\nXL", "市局各部门\nXL", 1)
		rep := mustImport(t, im, Departments, "depts.csv", []byte(changed), Options{})
		if rep.Updated != 1 || rep.Unchanged != 3 {
			t.Errorf("one group dropped: %s", rep.Summary())
		}
		log, err := audit.New(s).AuditEntries(ctx, office, audit.AuditQuery{Entity: "department"})
		modelstest.Must(t, err)
		if len(log) != 1 || !strings.Contains(log[0].Before, "相关警种部门") || strings.Contains(log[0].After, "相关警种部门") {
			t.Errorf("audit = %+v", log)
		}
	})
}

// MySQL servers that refuse LOAD DATA LOCAL (MySQL 8's default) get the
// same rows through multi-row INSERT.
func TestMySQLWithoutLoadData(t *testing.T) {
	s := modelstest.Open(t, "mysql")
	im := bureau(t, s, Publications)
	im.noLoadData = true
	if rep := mustImport(t, im, Publications, "pubs.csv", []byte(sample[Publications]), Options{}); rep.Inserted != 2 || count(t, s, "publications") != 2 {
		t.Errorf("%s", rep.Summary())
	}
}
