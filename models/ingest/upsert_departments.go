package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/models"
	"gorm.io/gorm"
)

// write stores the departments through GORM (there are hundreds): new ones
// first, so that parents named later in the file have ids, then parents,
// then group memberships, creating groups named for the first time.
func (b *deptBatch) write(ctx context.Context) (counts, error) {
	db := b.w.tx.DB.WithContext(ctx)
	var changes []models.Change
	ids := map[string]uint{}
	for code, d := range b.stored {
		ids[code] = d.ID
	}
	type pending struct {
		r      *deptRow
		before *deptView
	}
	var work []pending
	for _, r := range b.rows {
		if r.bad {
			continue
		}
		v := &r.view
		d, exists := b.stored[v.Code]
		if !exists {
			nd := models.Department{Code: v.Code, Name: v.Name, Kind: v.Kind,
				Head: v.Head, Leader: v.Leader, Liaison: v.Liaison, Phone: v.Phone, Mobile: v.Mobile}
			if err := db.Omit("Groups", "Parent").Create(&nd).Error; err != nil {
				return counts{}, fmt.Errorf("create department %s: %w", v.Code, err)
			}
			ids[v.Code] = nd.ID
			b.counts.inserted++
			work = append(work, pending{r: r})
			continue
		}
		before := b.viewOf(d)
		v.Groups = before.Groups
		if len(r.groups) > 0 {
			v.Groups = strings.Join(r.groups, models.NameSep)
		}
		if *v == before {
			b.counts.unchanged++
			continue
		}
		err := db.Model(&models.Department{ID: d.ID}).Updates(map[string]any{
			"name": v.Name, "kind": v.Kind, "head": v.Head, "leader": v.Leader,
			"liaison": v.Liaison, "phone": v.Phone, "mobile": v.Mobile,
		}).Error
		if err != nil {
			return counts{}, fmt.Errorf("update department %s: %w", v.Code, err)
		}
		b.counts.updated++
		work = append(work, pending{r: r, before: &before})
		changes = append(changes, models.Change{Action: "update", Entity: "department", ID: d.ID, Before: before, After: *v})
	}
	for _, p := range work {
		if err := b.setParent(db, ids, p.r, p.before); err != nil {
			return counts{}, err
		}
		created, err := b.setGroups(db, ids[p.r.view.Code], p.r, p.before)
		if err != nil {
			return counts{}, err
		}
		changes = append(changes, created...)
	}
	return b.counts, b.w.tx.RecordAll(changes)
}

func (b *deptBatch) setParent(db *gorm.DB, ids map[string]uint, r *deptRow, before *deptView) error {
	if (before == nil && r.view.Parent == "") || (before != nil && before.Parent == r.view.Parent) {
		return nil
	}
	var parent *uint
	if r.view.Parent != "" {
		id := ids[r.view.Parent]
		parent = &id
	}
	if err := db.Model(&models.Department{ID: ids[r.view.Code]}).Update("parent_id", parent).Error; err != nil {
		return fmt.Errorf("set parent of department %s: %w", r.view.Code, err)
	}
	return nil
}

// setGroups makes the department's groups the row's, creating the groups
// that do not exist yet (audit-logged as created).
func (b *deptBatch) setGroups(db *gorm.DB, id uint, r *deptRow, before *deptView) ([]models.Change, error) {
	if len(r.groups) == 0 || (before != nil && before.Groups == r.view.Groups) {
		return nil, nil
	}
	var created []models.Change
	groups := make([]models.Group, 0, len(r.groups))
	for _, name := range r.groups {
		gid, ok := b.groupID[name]
		if !ok {
			g := models.Group{Name: name}
			if err := db.Omit("Members").Create(&g).Error; err != nil {
				return nil, fmt.Errorf("create group %s: %w", name, err)
			}
			gid, b.groupID[name] = g.ID, g.ID
			created = append(created, models.Change{Action: "create", Entity: "group", ID: g.ID, After: map[string]string{"name": name}})
		}
		groups = append(groups, models.Group{ID: gid, Name: name})
	}
	if err := db.Model(&models.Department{ID: id}).Association("Groups").Replace(groups); err != nil {
		return nil, fmt.Errorf("set groups of department %s: %w", r.view.Code, err)
	}
	return created, nil
}

// abort has nothing to stop: departments are written only by write.
func (b *deptBatch) abort() {}

func (b *deptBatch) Close() {}
