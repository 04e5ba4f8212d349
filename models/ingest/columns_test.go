package ingest

import (
	"bytes"
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/modelstest"
)

// withColumn registers 治安支队's website column 工作动态.
func withColumn(t *testing.T, s *models.Store) *columns.Column {
	t.Helper()
	var za models.Department
	modelstest.Must(t, s.DB.Where("code = ?", "ZA").First(&za).Error)
	c, err := columns.New(s).Create(context.Background(), office, columns.Input{Name: "工作动态", Channel: "网站", DepartmentID: za.ID, Cadence: "动态"})
	modelstest.Must(t, err)
	return c
}

// A publication names its column (栏目) by name on its channel: a known
// one is stored, an empty cell stores none, and a name the channel has no
// column of rejects the file with the line and the column.
func TestPublicationColumnImport(t *testing.T) {
	const head = "部门,目录序号,标题,公开形式,公开日期,索引号,栏目\n"
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		col := withColumn(t, s)
		mustImport(t, im, Publications, "栏目.csv", []byte(head+
			"ZA,,治安支队开展冬季治安巡逻,网站,2025-01-07,ZA-DT-1,工作动态\n"+
			"ZA,,治安支队召开警民恳谈会,公开栏,2025-01-09,ZA-DT-2,\n"), Options{})
		var pubs []models.Publication
		modelstest.Must(t, s.DB.Order("index_no").Find(&pubs).Error)
		if len(pubs) != 2 || pubs[0].ColumnID == nil || *pubs[0].ColumnID != col.ID || pubs[1].ColumnID != nil {
			t.Fatalf("stored %+v, want ZA-DT-1 in column %d and ZA-DT-2 in none", pubs, col.ID)
		}

		for _, tc := range []struct{ name, row, msg string }{
			{"unknown column", "ZA,,治安支队走访辖区企业,网站,2025-01-14,ZA-DT-3,警务快讯\n",
				"第 2 行，列“栏目”：“警务快讯”不是公开形式“网站”下已登记的栏目（请先由办公室在栏目管理中登记）"},
			{"a column of another channel", "ZA,,治安支队走访辖区企业,微信,2025-01-14,ZA-DT-3,工作动态\n",
				"第 2 行，列“栏目”：“工作动态”不是公开形式“微信”下已登记的栏目（请先由办公室在栏目管理中登记）"},
		} {
			rep, err := im.File(context.Background(), Publications, "bad.csv", bytes.NewReader([]byte(head+tc.row)), Options{Viewer: office})
			if err == nil {
				t.Errorf("%s: loaded", tc.name)
				continue
			}
			if len(rep.Errors) != 1 || rep.Errors[0].Line != 2 || rep.Errors[0].Column != "栏目" || rep.Errors[0].Message != tc.msg {
				t.Errorf("%s: errors %+v, want %s", tc.name, rep.Errors, tc.msg)
			}
		}
		if n := count(t, s, "publications"); n != 2 {
			t.Errorf("%d publications after the rejected files, want 2", n)
		}
	})
}
