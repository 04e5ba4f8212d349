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

// A request worked in the app is never overwritten by an import: a row
// that differs from it is a conflict, reported on its line, and the whole
// file loads nothing (all or nothing); a row equal to it is unchanged; with
// Partial the other rows load and the conflicting one comes back.
func TestImportOverAWorkedRequestIsAConflict(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		head := "部门,申请编号,收到日期,申请方式,答复日期,答复类型\n"
		mustImport(t, im, Requests, "r.csv", []byte(head+"ZA,YSQ-1,2025-03-03,当面,,\nZA,YSQ-2,2025-03-04,当面,,\n"), Options{})
		modelstest.Must(t, s.DB.Model(&models.Request{}).Where("request_no = ?", "YSQ-1").
			Updates(map[string]any{"origin": models.RequestOriginApp, "applicant_name": "张三"}).Error)

		// The same values: nothing changes, and no conflict.
		rep := mustImport(t, im, Requests, "same.csv", []byte(head+"ZA,YSQ-1,2025-03-03,当面,,\n"), Options{})
		if rep.Unchanged != 1 || rep.Updated != 0 {
			t.Errorf("same row over a worked request: %+v", rep)
		}

		over := head + "ZA,YSQ-2,2025-03-04,当面,2025-03-10,同意公开\nZA,YSQ-1,2025-03-03,当面,2025-03-10,同意公开\n"
		rep, err := im.File(context.Background(), Requests, "over.csv", bytes.NewReader([]byte(over)), Options{Viewer: office})
		if !errors.Is(err, ErrRejected) {
			t.Fatalf("import over a worked request: err = %v, want ErrRejected", err)
		}
		if len(rep.Errors) != 1 || rep.Errors[0].Line != 3 || !strings.Contains(rep.Errors[0].Message, "在系统中登记办理，导入不能覆盖") {
			t.Errorf("errors = %+v, want the conflict on line 3", rep.Errors)
		}
		var answered int64
		modelstest.Must(t, s.DB.Model(&models.Request{}).Where("answered IS NOT NULL").Count(&answered).Error)
		if answered != 0 {
			t.Errorf("a refused file answered %d requests", answered)
		}

		rep, err = im.File(context.Background(), Requests, "over.csv", bytes.NewReader([]byte(over)), Options{Viewer: office, Partial: true})
		if err != nil || rep.Updated != 1 || rep.Rejected != 1 {
			t.Fatalf("partial: %v %+v", err, rep)
		}
		var q models.Request
		modelstest.Must(t, s.DB.Where("request_no = ?", "YSQ-1").First(&q).Error)
		if q.Answered != nil || q.ApplicantName != "张三" || q.Origin != models.RequestOriginApp {
			t.Errorf("the worked request changed: %+v", q)
		}
	})
}
