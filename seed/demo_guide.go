package seed

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/models/guide"
	"github.com/gongkai/gongkai/models/reports/docx"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

// DemoGuide is the demo's 公开指南 content.
var DemoGuide = guide.Content{
	Classification: "本局主动公开的政府信息分为机构职能、法规文件、规划计划、行政许可、行政执法、警务动态、便民服务、统计数据等类别。\n每条信息按索引号、名称、发布机构、发布日期和公开属性编排，索引号由部门代码、年份和顺序号组成。",
	Obtain:         "主动公开的政府信息通过市公安局门户网站、政务新媒体、新闻发布会和各办事大厅的公开栏公开。\n市档案馆、市图书馆和市政务服务中心设有政府信息公开查阅点。",
	Office:         "市公安局政府信息公开工作领导小组办公室",
	Address:        "市府前路1号市公安局办公楼三楼",
	Hours:          "工作日上午9:00至12:00，下午2:00至5:30（法定节假日除外）",
	Phone:          "0527-84420000",
	Fax:            "0527-84420001",
	Email:          "gongkai@example.gov.cn",
	Apply:          "申请人可以当面、信函、传真或通过门户网站提交政府信息公开申请表，写明申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式。\n本局收到申请后能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。",
}

// demoGuide has the office keep and issue the guide and the year's
// catalog, and the clerk of SJ09 attach copies to two of its documents: one
// carries an ID number that the office let through with a reason, the
// other a mobile number that still blocks it.
func demoGuide(ctx context.Context, store *models.Store, users map[string]models.Viewer, today time.Time) error {
	office, clerk := users["office"], users["clerk"]
	on := scoring.DateOf(today)
	g := guide.New(store)
	if _, err := g.Save(ctx, office, DemoGuide, today); err != nil {
		return err
	}
	if _, err := g.IssueGuide(ctx, office, on); err != nil {
		return err
	}
	if _, err := g.IssueCatalog(ctx, office, today.Year(), on); err != nil {
		return err
	}
	var pubs []models.Publication
	if err := store.DB.WithContext(ctx).Where("department_id = ?", clerk.DepartmentID).Order("published DESC, id DESC").Limit(2).Find(&pubs).Error; err != nil {
		return fmt.Errorf("demo copies: %w", err)
	}
	if len(pubs) < 2 {
		return nil
	}
	gd := guard.New(store)
	for i, body := range [][]string{
		{pubs[0].Title, "经查，当事人王某（身份证号码320102198001012310）于夜间在居民区燃放烟花爆竹，依法予以警告。", "特此公告。"},
		{pubs[1].Title, "举报人联系电话：13905240199。", "特此公告。"},
	} {
		var d docx.Document
		d.Title(body[0])
		for _, p := range body[1:] {
			d.Paragraph(p)
		}
		var buf bytes.Buffer
		if _, err := d.WriteTo(&buf); err != nil {
			return err
		}
		if _, err := gd.Attach(ctx, clerk, pubs[i].ID, upload.Upload{Name: "正文.docx", Data: buf.Bytes()}, 0, today); err != nil {
			return fmt.Errorf("demo copy: %w", err)
		}
	}
	return gd.Override(ctx, office, pubs[0].ID, guard.OverrideForm{Reason: "经核实，该号码为培训材料中的示例编号，不是真实的身份证号码。"}, today)
}
