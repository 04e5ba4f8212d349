package ingest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Office workbooks as a bureau types them (issue 21): full-width digits in
// 序号 and dates, a 合计 row or notes under the table, items the table
// gives no 公开时限. Each loads, and the report says what was read
// differently or skipped.
func TestOfficeWorkbookLayoutsLoad(t *testing.T) {
	catalogRows := parseCSV(t, fixtureCatalog)
	width := len(catalogRows[0])
	row := func(cells ...string) []string { return append(cells, make([]string, width-len(cells))...) }
	for _, tc := range []struct {
		name    string
		edit    func(recs [][]string) [][]string
		merges  []string
		seqs    []int
		warning string // a report warning that must appear, if any
	}{
		{
			name: "full-width digits in 序号",
			edit: func(recs [][]string) [][]string {
				recs[1][0], recs[2][0], recs[3][0] = "１", "２", "４６"
				return recs
			},
			seqs: []int{1, 2, 46},
		},
		{
			name: "a 合计 row at the bottom",
			edit: func(recs [][]string) [][]string {
				return append(recs, row("合计", "", "", "3项"))
			},
			seqs: []int{1, 2, 3}, warning: "表格下方的合计行或注释行不是记录，已跳过（第 5 行）",
		},
		{
			name: "a merged notes row under the table",
			edit: func(recs [][]string) [][]string {
				return append(recs, row(), row("注：1.公开时限中“及时公开”指信息形成之日起20个工作日内公开。2.牵头责任部门负责汇总。"))
			},
			merges: []string{"A6:J6"},
			seqs:   []int{1, 2, 3}, warning: "（第 6 行）",
		},
		{
			name: "items with no 公开时限",
			edit: func(recs [][]string) [][]string {
				recs[2][6] = ""
				return recs
			},
			seqs: []int{1, 2, 3}, warning: "未填写公开时限，已按“未定公开时限”导入，设定公开时限之前该项不计分（第 3 行）",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := modelstest.Open(t, "sqlite")
			im := bureau(t, s, Catalog)
			recs := tc.edit(parseCSV(t, fixtureCatalog))
			rep := mustImport(t, im, Catalog, "责任分解表.xlsx", toXLSX(t, Catalog, recs, tc.merges...), Options{})
			var items []models.CatalogItem
			modelstest.Must(t, s.DB.Order("seq").Find(&items).Error)
			var seqs []int
			for _, it := range items {
				seqs = append(seqs, it.Seq)
			}
			if !slices.Equal(seqs, tc.seqs) || rep.Inserted != len(tc.seqs) {
				t.Fatalf("items %v (inserted %d), want %v", seqs, rep.Inserted, tc.seqs)
			}
			if tc.warning != "" && !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, tc.warning) }) {
				t.Errorf("warnings %q lack %q", rep.Warnings, tc.warning)
			}
		})
	}
}

// A full-width date (２０２５年３月５日) reads as the date it says; a 合计
// row followed by a record is a record, and refused as one.
func TestFullWidthDatesAndTrailersOnlyAtTheEnd(t *testing.T) {
	s := modelstest.Open(t, "sqlite")
	im := bureau(t, s, Publications)
	csv := "部门,目录序号,标题,公开形式,公开日期,索引号\n治安支队,１,机构设置,网站,２０２５年３月５日,ZA-1\n治安支队,３,警情通报,网站,２０２５／３／６,ZA-2\n"
	mustImport(t, im, Publications, "p.csv", []byte(csv), Options{})
	var dates []string
	modelstest.Must(t, s.DB.Model(&models.Publication{}).Order("index_no").Pluck("published", &dates).Error)
	if len(dates) != 2 || !strings.HasPrefix(dates[0], "2025-03-05") || !strings.HasPrefix(dates[1], "2025-03-06") {
		t.Errorf("published %v", dates)
	}

	inside := "部门,目录序号,标题,公开形式,公开日期,索引号\n合计,,,,,\n治安支队,1,机构设置,网站,2025-03-07,ZA-3\n"
	rep, err := im.File(context.Background(), Publications, "p.csv", strings.NewReader(inside), Options{Viewer: office})
	if err == nil || len(rep.Errors) == 0 || !strings.HasPrefix(rep.Errors[0].Message, "第 2 行") {
		t.Fatalf("a 合计 row inside the table: err %v, errors %v", err, rep.Errors)
	}
}
