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
// catalog. The electronic copies are the registered documents' (demoCopy,
// from demoPublications).
func demoGuide(ctx context.Context, store *models.Store, users map[string]models.Viewer, today time.Time) error {
	office := users["office"]
	on := scoring.DateOf(today)
	g := guide.New(store)
	if _, err := g.Save(ctx, office, DemoGuide, today); err != nil {
		return err
	}
	if _, err := g.IssueGuide(ctx, office, on); err != nil {
		return err
	}
	_, err := g.IssueCatalog(ctx, office, today.Year(), on)
	return err
}

// demoCopy has the clerk attach to document d a Word copy whose title is
// d's and whose paragraphs say paras, scanned as it is stored; with a
// reason, the office then lets its findings through (放行).
func demoCopy(ctx context.Context, store *models.Store, clerk, office models.Viewer, d guard.Doc, reason string, at time.Time, paras ...string) error {
	var doc docx.Document
	doc.Title(d.Title)
	for _, p := range paras {
		doc.Paragraph(p)
	}
	var buf bytes.Buffer
	if _, err := doc.WriteTo(&buf); err != nil {
		return err
	}
	gd := guard.New(store)
	if _, err := gd.Attach(ctx, clerk, d, upload.Upload{Name: "正文.docx", Data: buf.Bytes()}, 0, at); err != nil {
		return fmt.Errorf("demo copy: %w", err)
	}
	if reason == "" {
		return nil
	}
	return gd.Override(ctx, office, d, guard.OverrideForm{Reason: reason}, at)
}
