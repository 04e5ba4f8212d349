package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// A publication outside the catalog (a 工作动态 news post) shows 目录外 for
// its 目录序号 on the record page, and "outside the catalog" in English,
// never a 0.
func TestRecordPageShowsUncatalogued(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		news := models.Publication{DepartmentID: b.own.ID, IndexNo: "DT-1", Seq: models.Uncatalogued, Title: "治安支队开展冬季巡逻",
			Channel: "网站", Published: time.Date(2025, 1, 7, 0, 0, 0, 0, time.UTC)}
		modelstest.Must(t, s.DB.Create(&news).Error)
		c := b.client(t)
		c.signIn("head", testPassword)
		resp, body := c.get("/records/publication/" + itoa(news.ID))
		if resp.StatusCode != 200 || !strings.Contains(body, "<dt>目录序号</dt><dd>目录外</dd>") {
			t.Fatalf("status %d, record page without 目录外:\n%s", resp.StatusCode, body)
		}
		c.get("/lang?to=en&back=/")
		if _, body := c.get("/records/publication/" + itoa(news.ID)); !strings.Contains(body, "<dd>outside the catalog</dd>") {
			t.Errorf("English record page without “outside the catalog”:\n%s", body)
		}
	})
}
