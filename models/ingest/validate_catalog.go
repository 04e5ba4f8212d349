package ingest

import (
	"strings"

	"github.com/gongkai/gongkai/models"
)

// Columns of the catalog (责任分解表), the layout of Annex 1.
const (
	catSeq = iota
	catLevel1
	catLevel2
	catItem
	catChannels
	catScope
	catCadence
	catLead
	catCo
	catNote
)

var catalogColumns = []column{
	catSeq:      {key: "seq", name: "序号", required: true},
	catLevel1:   {key: "level1", name: "一级目录", required: true, max: 32, note: "对外公开 / 对内公开"},
	catLevel2:   {key: "level2", name: "二级目录", required: true, max: 64},
	catItem:     {key: "item", name: "三级目录", required: true, max: 512, note: "应公开的内容"},
	catChannels: {key: "channels", name: "公开形式", required: true, max: 256, note: "多项用“、”分隔"},
	catScope:    {key: "scope", name: "公开范围", max: 128},
	catCadence:  {key: "cadence", name: "公开时限", max: 64, note: "须含 长期、每季度、每月、及时 或 依申请；空白为未定公开时限，不计分"},
	catLead:     {key: "lead", name: "牵头责任部门", required: true, max: 256, note: "部门或分组名称，多项用“、”分隔"},
	catCo:       {key: "co", name: "相关责任主体", max: 512, note: "部门或分组名称，多项用“、”分隔"},
	catNote:     {key: "note", name: "备注", max: 512},
}

var catalog = recordKind{
	table: &table{
		name: "catalog_items", entity: "catalog_item", id: "id", nKey: 1, keyName: "序号", deptField: -1, created: true,
		fields: []field{{"seq", fInt}, {"level1", fText}, {"level2", fText}, {"title", fText}, {"channels", fText},
			{"scope", fText}, {"cadence", fText}, {"lead", fText}, {"co", fText}, {"note", fText}},
	},
	keyCol: catSeq,
	build: func(c *checker) []string {
		return []string{c.integer(catSeq, 1, 1000000, "序号"), c.text(catLevel1), c.text(catLevel2), c.text(catItem),
			strings.Join(models.SplitNames(c.text(catChannels)), models.NameSep), c.text(catScope), c.cadence(catCadence),
			c.leads(catLead), c.coResponsible(catCo), c.text(catNote)}
	},
}

// cadence returns a 公开时限 that says which slots the item has
// (docs/SCHEMES.md). An item the table gives none (items 39, 41 and 42 of
// the Suqian table) loads without one: it has no slot, so scoring passes
// it over until the office sets one.
func (c *checker) cadence(col int) string {
	v := c.text(col)
	if v == "" {
		c.note("未填写公开时限，已按“未定公开时限”导入，设定公开时限之前该项不计分")
		return ""
	}
	for _, w := range cadenceWords {
		if strings.Contains(v, w) {
			return v
		}
	}
	c.fail(col, "“%s”不是有效的公开时限（应包含 %s）", v, strings.Join(cadenceWords, "、"))
	return v
}

// leads returns the lead names; each must be a department or a group, or
// the item would oblige nobody.
func (c *checker) leads(col int) string {
	names := models.SplitNames(c.text(col))
	for _, n := range names {
		if !c.lk.names.Resolves(n) {
			c.fail(col, "“%s”不是已知的部门或分组（请先导入部门，或在部门的“所属分组”中定义该分组）", n)
		}
	}
	return strings.Join(names, models.NameSep)
}

// coResponsible returns the co-responsible names, kept as written when they
// resolve to nothing (DOMAIN.md): a warning, not an error.
func (c *checker) coResponsible(col int) string {
	names := models.SplitNames(c.text(col))
	for _, n := range names {
		if !c.lk.names.Resolves(n) {
			c.note("相关责任主体“" + n + "”没有对应的部门或分组，已按原文保存")
		}
	}
	return strings.Join(names, models.NameSep)
}
