package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Reports open on the latest period that has records, not on the empty
// quarter that has just begun; asked for a period, they show it.
func TestReportsOpenOnTheLatestPeriodWithData(t *testing.T) {
	t.Parallel() // its own database
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s) // today: 2 March 2026
		modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: b.own.ID, IndexNo: "q3", Seq: 23, Title: "第三季度案例", Channel: "网站",
			Published: time.Date(2024, 8, 5, 0, 0, 0, 0, time.UTC)}).Error)
		c := b.client(t)
		c.signIn("office", testPassword)
		_, page := c.get("/reports/quarterly")
		if !strings.Contains(page, `name="year" value="2024"`) || !strings.Contains(page, `<option value="3" selected>`) {
			t.Error("the quarterly report does not open on 2024's third quarter, the latest with records")
		}
		if _, page := c.get("/reports/quarterly?year=2026&quarter=1"); !strings.Contains(page, `name="year" value="2026"`) || !strings.Contains(page, `<option value="1" selected>`) {
			t.Error("a period asked for is not shown")
		}
		if _, page := c.get("/reports/annual"); !strings.Contains(page, `value="2024"`) {
			t.Error("the annual report does not open on 2024, the latest year with records")
		}
	})
}
