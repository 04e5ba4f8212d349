package ingest

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/models"
	"gorm.io/gorm"
)

// deptChunk bounds the departments of one statement.
const deptChunk = 500

// write stores the departments in a few statements each way, for a
// province's thousands of units: new ones first, in batches, so that
// parents named later in the file have ids; changed ones one by one (they
// are few); then parents, one statement per parent; then group
// memberships, creating groups named for the first time.
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
	var news []models.Department
	for _, r := range b.rows {
		if r.bad {
			continue
		}
		v := &r.view
		d, exists := b.stored[v.Code]
		if !exists {
			news = append(news, models.Department{Code: v.Code, Name: v.Name, Kind: v.Kind,
				Head: v.Head, Leader: v.Leader, Liaison: v.Liaison, Phone: v.Phone, Mobile: v.Mobile})
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
	if err := b.create(db, news, ids); err != nil {
		return counts{}, err
	}
	parents := map[uint][]uint{} // parent id (0: none) → departments
	var members []deptRow
	var replaced []uint
	for _, p := range work {
		r, id := p.r, ids[p.r.view.Code]
		if (p.before == nil && r.view.Parent != "") || (p.before != nil && p.before.Parent != r.view.Parent) {
			parents[ids[r.view.Parent]] = append(parents[ids[r.view.Parent]], id) // ids[""] is 0
		}
		if len(r.groups) > 0 && (p.before == nil || p.before.Groups != r.view.Groups) {
			members = append(members, *r)
			if p.before != nil {
				replaced = append(replaced, id)
			}
		}
	}
	if err := setParents(db, parents); err != nil {
		return counts{}, err
	}
	created, err := b.setGroups(db, ids, members, replaced)
	if err != nil {
		return counts{}, err
	}
	return b.counts, b.w.tx.RecordAll(append(changes, created...))
}

// create inserts the new departments in batches and learns their ids by
// code: an id guessed from the batch's first would be wrong on a Galera
// cluster, which numbers rows by steps of its size.
func (b *deptBatch) create(db *gorm.DB, news []models.Department, ids map[string]uint) error {
	if len(news) == 0 {
		return nil
	}
	if err := db.Omit("Groups", "Parent").CreateInBatches(news, deptChunk).Error; err != nil {
		return fmt.Errorf("create departments: %w", err)
	}
	codes := make([]string, len(news))
	for i, d := range news {
		codes[i] = d.Code
	}
	for start := 0; start < len(codes); start += deptChunk {
		var got []models.Department
		if err := db.Select("id", "code").Where("code IN ?", codes[start:min(start+deptChunk, len(codes))]).Find(&got).Error; err != nil {
			return fmt.Errorf("read the new departments' ids: %w", err)
		}
		for _, d := range got {
			ids[d.Code] = d.ID
		}
	}
	b.counts.inserted += len(news)
	return nil
}

// setParents sets each parent's children in one statement (0: none).
func setParents(db *gorm.DB, parents map[uint][]uint) error {
	for parent, children := range parents {
		var to any
		if parent != 0 {
			to = parent
		}
		for start := 0; start < len(children); start += deptChunk {
			err := db.Model(&models.Department{}).Where("id IN ?", children[start:min(start+deptChunk, len(children))]).Update("parent_id", to).Error
			if err != nil {
				return fmt.Errorf("set parents: %w", err)
			}
		}
	}
	return nil
}

// setGroups makes the rows' departments members of the rows' groups, and
// of those only for the departments replaced, creating the groups that do
// not exist yet (audit-logged as created).
func (b *deptBatch) setGroups(db *gorm.DB, ids map[string]uint, rows []deptRow, replaced []uint) ([]models.Change, error) {
	var created []models.Change
	var all []models.GroupMember
	for _, r := range rows {
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
			all = append(all, models.GroupMember{GroupID: gid, DepartmentID: ids[r.view.Code]})
		}
	}
	if err := models.SetGroupMembers(db, replaced, all, deptChunk); err != nil {
		return nil, err
	}
	return created, nil
}

// abort has nothing to stop: departments are written only by write.
func (b *deptBatch) abort() {}

func (b *deptBatch) Close() {}
