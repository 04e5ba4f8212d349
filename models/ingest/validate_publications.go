package ingest

import (
	"strconv"

	"github.com/gongkai/gongkai/models"
)

// Columns of publications (公开记录).
const (
	pubDepartment = iota
	pubSeq
	pubTitle
	pubChannel
	pubFormed
	pubPublished
	pubIndexNo
	pubDocNo
	pubAttribute
	pubReview
	pubReviewDate
	pubURL
	pubAttributeReason
	pubColumn
)

var publicationColumns = []column{
	pubDepartment:      {key: "department", name: "部门", required: true, note: "部门编码或全称"},
	pubSeq:             {key: "seq", name: "目录序号", note: "责任分解表中的序号；目录外的信息（如工作动态）留空"},
	pubTitle:           {key: "title", name: "标题", required: true, max: 512},
	pubChannel:         {key: "channel", name: "公开形式", required: true, max: 32, note: "网站、公开栏、微博、微信等，或责任分解表中列出的形式"},
	pubFormed:          {key: "formed", name: "生成日期", date: true, note: "信息形成或变更的日期"},
	pubPublished:       {key: "published", name: "公开日期", required: true, date: true},
	pubIndexNo:         {key: "index_no", name: "索引号", required: true, max: 64, note: "同一部门内不重复"},
	pubDocNo:           {key: "doc_no", name: "文号", max: 128},
	pubAttribute:       {key: "attribute", name: "公开属性", max: 128, note: "主动公开 / 依申请公开 / 不予公开"},
	pubReview:          {key: "review", name: "保密审查意见", note: "公开 / 免于公开 / 需报审"},
	pubReviewDate:      {key: "review_date", name: "审查日期", date: true},
	pubURL:             {key: "url", name: "链接", max: 1024},
	pubAttributeReason: {key: "attribute_reason", name: "不予公开理由", max: 512, note: "公开属性为不予公开时必填"},
	pubColumn:          {key: "column", name: "栏目", max: 64, note: "该公开形式下已登记的栏目名称，如工作动态；可留空"},
}

var publications = recordKind{
	table: &table{
		name: "publications", entity: "publication", id: "id", nKey: 2, keyName: "部门和索引号", deptField: 0,
		fields: []field{{"department_id", fInt}, {"index_no", fText}, {"seq", fInt}, {"title", fText}, {"channel", fText},
			{"formed", fDate}, {"published", fDate}, {"doc_no", fText}, {"attribute", fText}, {"review", fText}, {"review_date", fDate}, {"url", fText},
			{"attribute_reason", fText}, {"column_id", fRef}},
	},
	keyCol: pubIndexNo,
	build: func(c *checker) []string {
		return []string{
			c.department(pubDepartment), c.text(pubIndexNo), c.catalogSeq(pubSeq), c.text(pubTitle), c.channel(pubChannel),
			c.date(pubFormed), c.date(pubPublished), c.text(pubDocNo), c.attribute(),
			c.oneOf(pubReview, reviewDecisions, "保密审查意见"), c.date(pubReviewDate), c.link(pubURL),
			c.text(pubAttributeReason), c.column(pubColumn, pubChannel),
		}
	},
}

// catalogSeq returns a 序号 that the catalog has, or models.Uncatalogued
// ("0", as stored) for an empty cell: a publication outside the catalog,
// such as a 工作动态 news post, fills no slot but counts everywhere else.
func (c *checker) catalogSeq(col int) string {
	if c.row.cells[col] == "" {
		return strconv.Itoa(models.Uncatalogued)
	}
	v := c.integer(col, 1, 1000000, "目录序号")
	if v == "" {
		return ""
	}
	if n, _ := strconv.Atoi(v); !c.lk.seqs[n] {
		c.fail(col, "目录序号 %s 不在责任分解表中（目录外的信息请留空）", v)
	}
	return v
}

// channel returns a 公开形式 from the vocabulary or the catalog.
func (c *checker) channel(col int) string {
	v := c.text(col)
	if v != "" && !c.lk.channels[v] {
		c.fail(col, "“%s”不是已知的公开形式（应为 网站、公开栏、微博、微信、报刊等，或责任分解表中列出的形式）", v)
	}
	return v
}

// column returns the id of the column (栏目) a publication names on its
// channel, "" for none; a name the channel has no column of is an error.
func (c *checker) column(col, channel int) string {
	v := c.text(col)
	if v == "" {
		return ""
	}
	ch := c.row.cells[channel]
	id, ok := c.lk.columns[ch][v]
	if !ok {
		c.fail(col, "“%s”不是公开形式“%s”下已登记的栏目（请先由办公室在栏目管理中登记）", v, ch)
		return ""
	}
	return strconv.FormatUint(uint64(id), 10)
}
