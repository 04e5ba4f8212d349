package scoreruns_test

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
)

// A department's explanation is stored deflated and read back as the
// JSON it was; a row stored before compression (JSON text) still reads,
// and a stored explanation that does not inflate is an error, not an
// empty page.
func TestExplanationStoredDeflated(t *testing.T) {
	ctx := context.Background()
	detail := `{"Dept":7,"Name":"治安支队","Indicators":[` + strings.Repeat(`{"Code":"A1","Score":"20","Deductions":[]},`, 200) + `{"Code":"D5"}]}`
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		row := scoreruns.DepartmentScore{RunID: 1, DepartmentID: 7, Grade: "优秀", Rank: 1, Detail: detail}
		modelstest.Must(t, s.DB.Create(&row).Error)
		var stored []byte
		modelstest.Must(t, s.DB.Raw("SELECT detail FROM department_scores WHERE id = ?", row.ID).Row().Scan(&stored))
		if len(stored) == 0 || stored[0] != 0x01 || len(stored)*4 > len(detail) {
			t.Fatalf("stored %d bytes starting %x for %d bytes of JSON, want the deflated form, under a quarter", len(stored), stored[:1], len(detail))
		}
		var back scoreruns.DepartmentScore
		modelstest.Must(t, s.DB.WithContext(ctx).First(&back, row.ID).Error)
		if back.Detail != detail {
			t.Fatalf("read back %.80q…, want the JSON stored", back.Detail)
		}

		// A run stored before: its JSON as text.
		modelstest.Must(t, s.DB.Exec("INSERT INTO department_scores (run_id, department_id, total, grade, rank_no, veto, capped, detail) VALUES (2, 7, 0, '', 0, ?, ?, ?)", false, false, detail).Error)
		var old scoreruns.DepartmentScore
		modelstest.Must(t, s.DB.Where("run_id = 2").First(&old).Error)
		if old.Detail != detail {
			t.Fatalf("a row stored as text reads %.80q…", old.Detail)
		}

		modelstest.Must(t, s.DB.Exec("UPDATE department_scores SET detail = ? WHERE run_id = 2", []byte{0x01, 0xff, 0x00}).Error)
		if err := s.DB.Where("run_id = 2").First(&old).Error; err == nil {
			t.Fatal("a stored explanation that does not inflate read without an error")
		}
	})
}
