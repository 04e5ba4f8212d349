package models

import (
	"context"
	"slices"
	"strings"
	"time"
)

// NameSep separates names, channels and sanctions inside one cell (、).
const NameSep = "、"

// CatalogItem is one row of the responsibility breakdown table (责任分解表).
// Lead and co-responsible names are kept as written and resolved against
// departments and groups when read, so that defining a group later fixes
// every item that names it.
type CatalogItem struct {
	ID       uint   `gorm:"primaryKey"`
	Seq      int    `gorm:"not null;uniqueIndex"` // 序号
	Level1   string `gorm:"size:32;not null"`     // 一级目录: 对外公开 / 对内公开
	Level2   string `gorm:"size:64;not null"`     // 二级目录: category
	Title    string `gorm:"size:512;not null"`    // 三级目录: what must be published
	Channels string `gorm:"size:256;not null"`    // 公开形式, 、-separated
	Scope    string `gorm:"size:128"`             // 公开范围
	Cadence  string `gorm:"size:64;not null"`     // 公开时限
	Lead     string `gorm:"size:256;not null"`    // 牵头责任部门, 、-separated
	Co       string `gorm:"size:512"`             // 相关责任主体, 、-separated
	Note     string `gorm:"size:512"`             // 备注

	CreatedAt time.Time
	UpdatedAt time.Time
}

// SplitNames splits a 、-separated cell (also accepting , ， ; ；) into trimmed names.
func SplitNames(cell string) []string {
	f := strings.FieldsFunc(cell, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；'
	})
	out := f[:0]
	for _, s := range f {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ChannelList returns the item's channels.
func (c CatalogItem) ChannelList() []string { return SplitNames(c.Channels) }

// LeadList returns the item's lead names.
func (c CatalogItem) LeadList() []string { return SplitNames(c.Lead) }

// CoList returns the item's co-responsible names.
func (c CatalogItem) CoList() []string { return SplitNames(c.Co) }

// CatalogFilter narrows the catalog listing.
type CatalogFilter struct {
	Level2  string // category
	Cadence string // substring: 长期, 及时, 每季度, 每月, 依申请
	Lead    string // a lead name as written
}

// Catalog lists items by sequence number. The catalog is the bureau's
// published table, so every role may read it.
func (s *Store) Catalog(ctx context.Context, f CatalogFilter) ([]CatalogItem, error) {
	if f == (CatalogFilter{}) {
		return s.wholeCatalog(ctx)
	}
	q := s.DB.WithContext(ctx).Order("seq")
	if f.Level2 != "" {
		q = q.Where("level2 = ?", f.Level2)
	}
	if f.Cadence != "" {
		q = q.Where("cadence LIKE ?", "%"+escapeLike(f.Cadence)+"%")
	}
	var items []CatalogItem
	if err := q.Find(&items).Error; err != nil {
		return nil, NotFound(err, "list catalog")
	}
	if f.Lead == "" {
		return items, nil
	}
	out := items[:0]
	for _, it := range items {
		for _, l := range it.LeadList() {
			if l == f.Lead {
				out = append(out, it)
				break
			}
		}
	}
	return out, nil
}

// wholeCatalog is every item, read again only when the catalog has changed:
// each department page and each scoring run asks for it.
func (s *Store) wholeCatalog(ctx context.Context) ([]CatalogItem, error) {
	key, err := s.tableStamp(ctx, &CatalogItem{})
	if err != nil {
		return nil, err
	}
	items, err := s.memo.catalog.Get(key, func() ([]CatalogItem, error) {
		var items []CatalogItem
		if err := s.DB.WithContext(ctx).Order("seq").Find(&items).Error; err != nil {
			return nil, NotFound(err, "list catalog")
		}
		return items, nil
	})
	return slices.Clone(items), err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Names is the set of names the catalog may use: department names and codes,
// and group names.
type Names struct {
	Departments map[string]uint // name and code -> id
	Groups      map[string]uint // group name -> id
}

// Resolves reports whether a catalog name stands for a department or a group.
func (n Names) Resolves(name string) bool {
	_, d := n.Departments[name]
	_, g := n.Groups[name]
	return d || g
}

// LoadNames reads every department and group name.
func (s *Store) LoadNames(ctx context.Context) (Names, error) {
	n := Names{Departments: map[string]uint{}, Groups: map[string]uint{}}
	var ds []Department
	if err := s.DB.WithContext(ctx).Select("id", "code", "name").Find(&ds).Error; err != nil {
		return n, NotFound(err, "load department names")
	}
	for _, d := range ds {
		n.Departments[d.Name] = d.ID
		n.Departments[d.Code] = d.ID
	}
	var gs []Group
	if err := s.DB.WithContext(ctx).Select("id", "name").Find(&gs).Error; err != nil {
		return n, NotFound(err, "load group names")
	}
	for _, g := range gs {
		n.Groups[g.Name] = g.ID
	}
	return n, nil
}
