package handlers_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/modelstest"
)

// An exported list quotes text that Excel or WPS would run as a formula,
// and the same workbook imports back unchanged.
func TestExportNeutralisesFormulasAndImportsBackUnchanged(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		evil := map[string]any{"liaison": `=HYPERLINK("http://evil.example","点我")`, "head": "-张三", "phone": "+86 527 @1"}
		modelstest.Must(t, s.DB.Model(&b.own).Updates(evil).Error)
		office := b.client(t)
		office.signIn("office", testPassword)
		_, body := office.get("/export/departments.xlsx")
		rows, err := openXLSX(t, body).GetRows("部门")
		modelstest.Must(t, err)
		var line []string
		for _, r := range rows {
			if r[0] == "SJ09" {
				line = r
			}
		}
		if len(line) < 8 || line[6] != `'=HYPERLINK("http://evil.example","点我")` || line[4] != "'-张三" || line[7] != "'+86 527 @1" {
			t.Fatalf("exported row: %q", line)
		}
		rep, err := ingest.New(s).File(context.Background(), ingest.Departments, "部门.xlsx", bytes.NewReader([]byte(body)), ingest.Options{})
		if err != nil || rep.Updated != 0 || rep.Inserted != 0 {
			t.Fatalf("re-import: %v %s %v", err, rep.Summary(), rep.Errors)
		}
		var d models.Department
		modelstest.Must(t, s.DB.First(&d, b.own.ID).Error)
		if d.Liaison != evil["liaison"] || d.Head != "-张三" || d.Phone != "+86 527 @1" {
			t.Errorf("after re-import: %q %q %q", d.Liaison, d.Head, d.Phone)
		}
		if strings.HasPrefix(d.Liaison, "'") {
			t.Error("apostrophe kept")
		}
	})
}
