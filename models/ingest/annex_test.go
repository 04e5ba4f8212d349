package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/xuri/excelize/v2"
)

// annexOrder is where each column of seed/catalog.csv (序号 first) stands
// in Annex 1 of seed 000: 一级目录 · 二级目录 · 序号 · 三级目录 · 公开形式 ·
// 公开范围 · 公开时限 · 牵头责任部门 · 相关责任主体 · 备注.
var annexOrder = []int{1, 2, 0, 3, 4, 5, 6, 7, 8, 9}

// annexHeader is the annex's header: 公开内容 over four children on the
// first row, the other headings on the first row only (merged down in the
// workbook, empty below in a CSV).
var annexHeader = [2][]string{
	{"公开内容", "", "", "", "公开形式", "公开范围", "公开时限", "牵头责任部门", "相关责任主体", "备注"},
	{"一级目录", "二级目录", "序号", "三级目录", "", "", "", "", "", ""},
}

// mergedDown are the annex columns whose runs of equal cells the printed
// table merges into one cell: the directories, and the channels, scope,
// cadence and responsible units shared by consecutive items.
var mergedDown = []int{0, 1, 4, 5, 6, 7, 8}

// annexWorkbook lays the seed catalog out as Annex 1 is printed: a title
// row over the table, the two-row header with 公开内容 merged across and
// the other headings merged down, and a run of equal cells in a merged
// column written once and merged over its items.
func annexWorkbook(t *testing.T, body [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet, first = "Sheet1", 4 // body rows start on sheet row 4
	set := func(col, row int, v string) {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		modelstest.Must(t, f.SetCellValue(sheet, cell, v))
	}
	merge := func(c1, r1, c2, r2 int) {
		from, _ := excelize.CoordinatesToCellName(c1, r1)
		to, _ := excelize.CoordinatesToCellName(c2, r2)
		modelstest.Must(t, f.MergeCell(sheet, from, to))
	}
	set(1, 1, "宿迁市公安局警务公开工作责任分解表")
	merge(1, 1, 10, 1)
	for j := range 10 {
		set(j+1, 2, annexHeader[0][j])
		set(j+1, 3, annexHeader[1][j])
		if j >= 4 {
			merge(j+1, 2, j+1, 3)
		}
	}
	merge(1, 2, 4, 2)
	for i, rec := range body {
		for j, v := range rec {
			set(j+1, first+i, v)
		}
	}
	for _, j := range mergedDown {
		for start := 0; start < len(body); {
			end := start
			for end+1 < len(body) && body[end+1][j] == body[start][j] {
				end++
			}
			for i := start + 1; i <= end; i++ {
				set(j+1, first+i, "") // printed once, in the merged cell
			}
			if end > start && body[start][j] != "" {
				merge(j+1, first+start, j+1, first+end)
			}
			start = end + 1
		}
	}
	buf, err := f.WriteToBuffer()
	modelstest.Must(t, err)
	return buf.Bytes()
}

// The responsibility table as the office has it, Annex 1 with its title
// row, two-row header and merged cells, loads the same 46 items as
// seed/catalog.csv, item by item; so does a CSV with the two-row header.
func TestAnnexOneLayout(t *testing.T) {
	depts, err := os.ReadFile("../../seed/demo/departments.csv")
	modelstest.Must(t, err)
	catalogCSV, err := os.ReadFile("../../seed/catalog.csv")
	modelstest.Must(t, err)
	recs := parseCSV(t, string(catalogCSV))
	body := make([][]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		out := make([]string, len(annexOrder))
		for j, from := range annexOrder {
			out[j] = rec[from]
		}
		body = append(body, out)
	}
	twoRowCSV := writeCSV(append([][]string{{"宿迁市公安局警务公开工作责任分解表"}, annexHeader[0], annexHeader[1]}, body...))

	load := func(t *testing.T, engine, name string, data []byte) []models.CatalogItem {
		t.Helper()
		s := modelstest.Open(t, engine)
		im := New(s)
		mustImport(t, im, Departments, "departments.csv", depts, Options{})
		rep := mustImport(t, im, Catalog, name, data, Options{})
		if rep.Inserted != 46 || len(rep.Errors) != 0 {
			t.Fatalf("%s: %s %v", name, rep.Summary(), rep.Errors)
		}
		items, err := s.Catalog(context.Background(), models.CatalogFilter{})
		modelstest.Must(t, err)
		return items
	}
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		want := load(t, engine, "catalog.csv", catalogCSV)
		for _, in := range []struct {
			name string
			data []byte
		}{{"附件1.xlsx", annexWorkbook(t, body)}, {"附件1.csv", twoRowCSV}} {
			got := load(t, engine, in.name, in.data)
			if len(got) != len(want) {
				t.Fatalf("%s: %d items, want %d", in.name, len(got), len(want))
			}
			for i := range want {
				if g, w := itemText(got[i]), itemText(want[i]); g != w {
					t.Errorf("%s item %d:\n got %s\nwant %s", in.name, want[i].Seq, g, w)
				}
			}
		}
	})
}

func itemText(it models.CatalogItem) string {
	return fmt.Sprintf("%d|%s|%s|%s|%s|%s|%s|%s|%s|%s", it.Seq, it.Level1, it.Level2, it.Title, it.Channels, it.Scope, it.Cadence, it.Lead, it.Co, it.Note)
}

// Under a two-row header a bad row is reported by its own line, and the
// first data row after a one-row header is not taken for a second header row.
func TestTwoRowHeaderLines(t *testing.T) {
	const title = "宿迁市公安局警务公开工作责任分解表\n"
	const upper = "公开内容,,,,公开形式,公开范围,公开时限,牵头责任部门,相关责任主体,备注\n"
	const lower = "一级目录,二级目录,序号,三级目录,,,,,,\n"
	const bad = "对外公开,机构职能,1,机构设置及职能,公开栏、网站,面向社会,不定期,治安支队,,\n"
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Catalog)
		rep, err := im.File(context.Background(), Catalog, "附件1.csv", stringsReader(title+upper+lower+bad), Options{Viewer: office})
		if !errors.Is(err, ErrRejected) || len(rep.Errors) != 1 || rep.Errors[0].Line != 4 || rep.Errors[0].Column != "公开时限" {
			t.Errorf("err = %v, errors = %+v, want one on line 4, column 公开时限", err, rep.Errors)
		}
		oneRow := "一级目录,二级目录,序号,三级目录,公开形式,公开范围,公开时限,牵头责任部门,相关责任主体,备注\n" +
			"对外公开,机构职能,1,机构设置及职能,公开栏、网站,面向社会,长期公开,治安支队,,\n"
		if rep := mustImport(t, im, Catalog, "one-row.csv", []byte(oneRow), Options{}); rep.Inserted != 1 {
			t.Errorf("one-row header: %s", rep.Summary())
		}
	})
}
