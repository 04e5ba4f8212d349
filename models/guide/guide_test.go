package guide_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/guide"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// Content is the demo's and the tests' guide content.
func content() guide.Content {
	return guide.Content{Classification: "本局政府信息按机构职能、法规文件、工作动态分类编排。", Obtain: "通过门户网站、政务新媒体和公开查阅点获取。",
		Office: "市公安局政府信息公开工作领导小组办公室", Address: "市府前路1号", Hours: "工作日上午9:00-12:00，下午2:00-5:30", Phone: "0527-84420000",
		Email: "gongkai@example.gov.cn", Apply: "申请人可当面、信函或网络提交申请，本局自收到申请之日起20个工作日内答复。"}
}

// The office keeps the guide in versions and issues it as a numbered
// document; the catalog lists the year's published documents, not the
// exempt ones and with no personal data; the newest of each is current.
func TestGuideAndCatalog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	on := scoring.DateOf(now)
	office := models.Viewer{UserID: 1, Name: "王主任", Role: models.RoleOffice}
	head := models.Viewer{UserID: 2, Name: "赵支队长", Role: models.RoleHead, DepartmentID: 1}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		g := guide.New(s)
		if _, err := g.Save(ctx, head, content(), now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a head kept the guide: %v", err)
		}
		if _, err := g.IssueGuide(ctx, office, on); err == nil || !strings.Contains(err.Error(), "尚未保存") {
			t.Errorf("issued with no content: %v", err)
		}
		bad := content()
		bad.Phone = ""
		if _, err := g.Save(ctx, office, bad, now); err == nil {
			t.Error("saved without a phone")
		}
		c, err := g.Save(ctx, office, content(), now)
		if err != nil || c.Version != 1 {
			t.Fatalf("save: %+v %v", c, err)
		}
		if _, err := g.Save(ctx, office, content(), now); err == nil || !strings.Contains(err.Error(), "相同") {
			t.Errorf("saved the same twice: %v", err)
		}
		d, err := g.IssueGuide(ctx, office, on)
		if err != nil || d.Number != "公开办指〔2026〕1号" || !strings.Contains(d.HTML, "0527-84420000") || !strings.Contains(d.HTML, "2026年12月7日") || len(d.DOCX) == 0 {
			t.Fatalf("guide: %+v %v", d, err)
		}
		if _, err := g.IssueGuide(ctx, office, on); err == nil || !strings.Contains(err.Error(), "已经发布") {
			t.Errorf("issued twice: %v", err)
		}

		za := models.Department{Code: "ZA", Name: "治安支队", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&za).Error)
		day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
		modelstest.Must(t, s.DB.Create(&[]models.Publication{
			{DepartmentID: za.ID, IndexNo: "ZA-2026-001", Seq: 1, Title: "关于烟花爆竹燃放的通告", Channel: "网站", Published: day, Attribute: "主动公开"},
			{DepartmentID: za.ID, IndexNo: "ZA-2026-002", Seq: 1, Title: "举报电话13812345678的公告", Channel: "网站", Published: day},
			{DepartmentID: za.ID, IndexNo: "ZA-2026-003", Seq: 1, Title: "内部工作方案", Channel: "网站", Published: day, Attribute: "不予公开"},
			{DepartmentID: za.ID, IndexNo: "ZA-2025-009", Seq: 1, Title: "去年的通告", Channel: "网站", Published: day.AddDate(-1, 0, 0)},
		}).Error)
		cat, err := g.IssueCatalog(ctx, office, 2026, on)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"ZA-2026-001", "关于烟花爆竹燃放的通告", "治安支队", "2026年3月2日", "主动公开", "138****5678", "共2条"} {
			if !strings.Contains(cat.HTML, want) {
				t.Errorf("the catalog lacks %q", want)
			}
		}
		for _, not := range []string{"内部工作方案", "去年的通告", "13812345678"} {
			if strings.Contains(cat.HTML, not) {
				t.Errorf("the catalog shows %q", not)
			}
		}
		if _, err := g.IssueCatalog(ctx, office, 2026, on); err == nil || !strings.Contains(err.Error(), "没有变化") {
			t.Errorf("the same catalog twice: %v", err)
		}
		cur, curCat, err := g.Current(ctx)
		if err != nil || cur == nil || curCat == nil || cur.ID != d.ID || curCat.ID != cat.ID {
			t.Fatalf("current: %v %v %v", cur, curCat, err)
		}
		// A new version is issued under the next number and becomes current.
		next := content()
		next.Hours = "工作日全天"
		_, err = g.Save(ctx, office, next, now)
		modelstest.Must(t, err)
		d2, err := g.IssueGuide(ctx, office, on)
		if err != nil || d2.Number != "公开办指〔2026〕2号" {
			t.Fatalf("second guide: %+v %v", d2, err)
		}
		if cur, _, _ := g.Current(ctx); cur.ID != d2.ID {
			t.Error("the second guide is not current")
		}
		h, err := g.History(ctx)
		if err != nil || len(h) != 3 || h[0].Number != d2.Number {
			t.Errorf("history: %+v %v", h, err)
		}
		if _, err := g.Document(ctx, d.ID); err != nil {
			t.Error(err)
		}
	})
}
