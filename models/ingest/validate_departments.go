package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/models"
)

// Columns of departments (Annex 3's 联络表 and the groups the catalog names).
const (
	depCode = iota
	depName
	depKind
	depParent
	depHead
	depLeader
	depLiaison
	depPhone
	depMobile
	depGroups
)

var departmentColumns = []column{
	depCode:    {key: "code", name: "编码", required: true, max: 64},
	depName:    {key: "name", name: "名称", required: true, max: 128, note: "全称，如 治安支队"},
	depKind:    {key: "kind", name: "类别", required: true, note: "市局部门 / 分县局 / 派出所"},
	depParent:  {key: "parent", name: "上级", note: "上级部门的编码或全称，可以是本文件中的部门"},
	depHead:    {key: "head", name: models.LabelHead, max: 64},
	depLeader:  {key: "leader", name: models.LabelLeader, max: 64},
	depLiaison: {key: "liaison", name: models.LabelLiaison, max: 64},
	depPhone:   {key: "phone", name: models.LabelPhone, max: 32},
	depMobile:  {key: "mobile", name: models.LabelMobile, max: 32},
	depGroups:  {key: "groups", name: "所属分组", note: "分组名称，多项用“、”分隔；填写时部门的分组以此为准，留空则不变"},
}

// deptView is a department as an import compares and audit-logs it: the
// parent by code, the groups by name.
type deptView struct {
	Code, Name, Kind, Parent             string
	Head, Leader, Liaison, Phone, Mobile string
	Groups                               string // sorted, 、-separated
}

// deptRow is a checked row of a departments file.
type deptRow struct {
	row    *row
	view   deptView
	parent string   // as written: a code or a name
	groups []string // sorted; empty: leave the department's groups as they are
	bad    bool
}

// deptBatch checks and writes departments. Unlike records, departments
// refer to each other (a parent may come later in the file) and to groups,
// so they are kept whole and checked again once every row is read; there
// are hundreds, not millions.
type deptBatch struct {
	w       *writer
	stored  map[string]*models.Department // by code
	byName  map[string]*models.Department
	codeOf  map[uint]string // stored department id → code
	rows    []*deptRow
	byCode  map[string]*deptRow
	inFile  map[string]*deptRow // by name
	groupID map[string]uint
	counts  counts
}

func newDeptBatch(ctx context.Context, store *models.Store, w *writer) (*deptBatch, error) {
	var all []models.Department
	if err := store.DB.WithContext(ctx).Preload("Groups").Find(&all).Error; err != nil {
		return nil, fmt.Errorf("read departments: %w", err)
	}
	b := &deptBatch{w: w, stored: map[string]*models.Department{}, byName: map[string]*models.Department{},
		codeOf: map[uint]string{}, byCode: map[string]*deptRow{}, inFile: map[string]*deptRow{}, groupID: map[string]uint{}}
	for i := range all {
		d := &all[i]
		b.stored[d.Code], b.byName[d.Name], b.codeOf[d.ID] = d, d, d.Code
	}
	var groups []models.Group
	if err := store.DB.WithContext(ctx).Find(&groups).Error; err != nil {
		return nil, fmt.Errorf("read groups: %w", err)
	}
	for _, g := range groups {
		b.groupID[g.Name] = g.ID
	}
	return b, nil
}

func (b *deptBatch) add(c *checker) {
	r := &deptRow{parent: c.text(depParent)}
	r.view = deptView{
		Code: c.text(depCode), Name: c.text(depName), Kind: c.oneOf(depKind, departmentKinds, "部门类别"),
		Head: c.text(depHead), Leader: c.text(depLeader), Liaison: c.text(depLiaison), Phone: c.text(depPhone), Mobile: c.text(depMobile),
	}
	r.groups = models.SplitNames(c.text(depGroups))
	for _, g := range r.groups {
		if len([]rune(g)) > 128 {
			c.fail(depGroups, "分组名称“%s”超过 128 个字符", g)
		}
	}
	slices.Sort(r.groups)
	r.groups = slices.Compact(r.groups)
	if prev, dup := b.byCode[r.view.Code]; dup && r.view.Code != "" {
		c.fail(depCode, "与第 %d %s的编码相同，同一部门出现了两次", prev.row.line, c.lay.unit)
	}
	if prev, dup := b.inFile[r.view.Name]; dup && r.view.Name != "" {
		c.fail(depName, "与第 %d %s的名称相同", prev.row.line, c.lay.unit)
	}
	if d, taken := b.byName[r.view.Name]; taken && d.Code != r.view.Code {
		c.fail(depName, "名称“%s”已被编码为 %s 的部门使用", r.view.Name, d.Code)
	}
	if !c.ok() {
		return
	}
	r.row = keep(c.row)
	b.rows = append(b.rows, r)
	b.byCode[r.view.Code], b.inFile[r.view.Name] = r, r
}

// finish resolves parents, now that every row is known: a parent must be a
// department stored or in the file, not the department itself, and the
// chain of parents may not loop. A row whose parent's row was rejected is
// rejected too, until nothing changes.
func (b *deptBatch) finish(c *checker) []*badRow {
	var bad []*badRow
	reject := func(r *deptRow, col int, format string, args ...any) {
		c.start(r.row)
		c.fail(col, format, args...)
		bad = append(bad, &badRow{row: r.row, errs: c.errs})
		r.bad = true
	}
	for _, r := range b.rows {
		switch code, ok := b.resolve(r.parent); {
		case r.parent == "":
		case !ok:
			reject(r, depParent, "上级部门“%s”不存在（请填写已有部门或本文件中部门的编码或全称）", r.parent)
		case code == r.view.Code:
			reject(r, depParent, "上级部门不能是部门自己")
		default:
			r.view.Parent = code
		}
	}
	for _, r := range b.rows {
		if !r.bad && b.loops(r.view.Code) {
			reject(r, depParent, "上级关系形成循环（%s 最终又以自己为上级）", r.view.Code)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, r := range b.rows {
			if p, inFile := b.byCode[r.view.Parent]; !r.bad && inFile && p.bad && b.stored[p.view.Code] == nil {
				reject(r, depParent, "上级部门“%s”所在的第 %d %s有错误，未能导入", r.parent, p.row.line, c.lay.unit)
				changed = true
			}
		}
	}
	return bad
}

// resolve finds a parent named by code or name, in the file or stored.
func (b *deptBatch) resolve(name string) (string, bool) {
	if r, ok := b.byCode[name]; ok {
		return r.view.Code, true
	}
	if r, ok := b.inFile[name]; ok {
		return r.view.Code, true
	}
	if d, ok := b.stored[name]; ok {
		return d.Code, true
	}
	if d, ok := b.byName[name]; ok {
		return d.Code, true
	}
	return "", false
}

// parentOf is a department's parent code after the import: the file's
// word where the file has the department, the stored one otherwise.
func (b *deptBatch) parentOf(code string) string {
	if r, ok := b.byCode[code]; ok {
		return r.view.Parent
	}
	if d, ok := b.stored[code]; ok && d.ParentID != nil {
		return b.codeOf[*d.ParentID]
	}
	return ""
}

func (b *deptBatch) loops(code string) bool {
	seen := map[string]bool{code: true}
	for p := b.parentOf(code); p != ""; p = b.parentOf(p) {
		if p == code {
			return true
		}
		if seen[p] {
			return false // a loop above, reported on its own rows
		}
		seen[p] = true
	}
	return false
}

// viewOf is a stored department as an import compares it.
func (b *deptBatch) viewOf(d *models.Department) deptView {
	v := deptView{Code: d.Code, Name: d.Name, Kind: d.Kind, Head: d.Head, Leader: d.Leader, Liaison: d.Liaison, Phone: d.Phone, Mobile: d.Mobile}
	if d.ParentID != nil {
		v.Parent = b.codeOf[*d.ParentID]
	}
	names := make([]string, len(d.Groups))
	for i, g := range d.Groups {
		names[i] = g.Name
	}
	slices.Sort(names)
	v.Groups = strings.Join(names, models.NameSep)
	return v
}
