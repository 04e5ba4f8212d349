package ingest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/xuri/excelize/v2"
)

// The catalog as offices keep it in Excel: a title row merged across the
// table, 一级目录 and 二级目录 merged down over their items, a lead merged
// over two rows. Each merged value fills every cell it covers.
func TestCatalogWithMergedCells(t *testing.T) {
	recs := [][]string{
		{"警务公开工作责任分解表"},
		{"序号", "一级目录", "二级目录", "三级目录", "公开形式", "公开范围", "公开时限", "牵头责任部门", "相关责任主体", "备注"},
		{"1", "对外公开", "机构职能", "机构设置及职能", "公开栏、网站", "面向社会", "长期公开", "治安支队", "各分县局", ""},
		{"2", "", "", "招录信息", "公开栏、网站", "面向社会", "长期公开", "", "各分县局", ""},
		{"3", "", "执法公开", "案件办理信息", "网站", "面向社会", "及时公开", "相关警种部门", "", ""},
		{"4", "", "", "行政处罚结果", "网站", "当事人", "依申请公开", "刑警支队", "", ""},
	}
	data := toXLSX(t, Catalog, recs, "A1:J1", "B3:B6", "C3:C4", "C5:C6", "H3:H4")
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Catalog)
		rep := mustImport(t, im, Catalog, "责任分解表.xlsx", data, Options{})
		if rep.Inserted != 4 {
			t.Fatalf("%s %v", rep.Summary(), rep.Errors)
		}
		items, err := s.Catalog(context.Background(), models.CatalogFilter{})
		modelstest.Must(t, err)
		var got []string
		for _, it := range items {
			got = append(got, strings.Join([]string{it.Level1, it.Level2, it.Lead}, "/"))
		}
		want := "对外公开/机构职能/治安支队 对外公开/机构职能/治安支队 对外公开/执法公开/相关警种部门 对外公开/执法公开/刑警支队"
		if strings.Join(got, " ") != want {
			t.Errorf("items = %v\nwant  %s", got, want)
		}
	})
}

// The sheet named by the kind is read when it is not the first.
func TestSheetNamedByKind(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	modelstest.Must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"说明:本工作簿的第二页是数据"}))
	_, err := f.NewSheet("年度报告")
	modelstest.Must(t, err)
	modelstest.Must(t, f.SetSheetRow("年度报告", "A1", &[]any{"部门", "年度", "报送日期"}))
	modelstest.Must(t, f.SetSheetRow("年度报告", "A2", &[]any{"ZA", 2025, "2026-01-08"}))
	buf, err := f.WriteToBuffer()
	modelstest.Must(t, err)
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, AnnualReports)
		if rep := mustImport(t, im, AnnualReports, "annual.xlsx", buf.Bytes(), Options{}); rep.Inserted != 1 {
			t.Errorf("%s", rep.Summary())
		}
	})
}

// Every template opens, names its columns in Chinese, and loads back as an
// empty file.
func TestTemplates(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		for _, kind := range Kinds {
			b, err := Template(kind)
			if kind == Holidays {
				if !errors.Is(err, ErrNoTemplate) {
					t.Errorf("holidays template: %v", err)
				}
				continue
			}
			modelstest.Must(t, err)
			f, err := excelize.OpenReader(bytes.NewReader(b))
			modelstest.Must(t, err)
			head, err := f.GetRows(kind.Title(i18n.Chinese))
			modelstest.Must(t, err)
			f.Close()
			if len(head) != 1 || head[0][0] != specs[kind].columns[0].name || len(head[0]) != len(specs[kind].columns) {
				t.Errorf("%s template header: %v", kind, head)
			}
			rep := mustImport(t, im, kind, TemplateFileName(kind), b, Options{})
			if rep.Read != 0 || len(rep.Warnings) != 1 || rep.Warnings[0] != "文件中没有数据行" {
				t.Errorf("%s template imported: %s %v", kind, rep.Summary(), rep.Warnings)
			}
		}
	})
}
