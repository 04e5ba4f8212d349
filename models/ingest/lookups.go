package ingest

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
)

// lookups are what checking a row consults, read once before the first row
// so that a million rows cost no query each.
type lookups struct {
	names     models.Names               // department codes and names, group names
	deptNames map[uint]string            // department id → name, for messages
	seqs      map[int]bool               // catalog 序号 in use
	channels  map[string]bool            // the office's publication channels and every channel the catalog names
	columns   map[string]map[string]uint // channel → column name → column id (models/columns)

	requestChannels    map[string]bool // the office's 申请方式
	requestChannelList []string        // the same, in order, for messages
}

func loadLookups(ctx context.Context, store *models.Store) (*lookups, error) {
	names, err := store.LoadNames(ctx)
	if err != nil {
		return nil, err
	}
	lk := &lookups{names: names, deptNames: map[uint]string{}, seqs: map[int]bool{}, channels: map[string]bool{}}
	var depts []models.Department
	if err := store.DB.WithContext(ctx).Select("id", "name").Find(&depts).Error; err != nil {
		return nil, fmt.Errorf("load department names: %w", err)
	}
	for _, d := range depts {
		lk.deptNames[d.ID] = d.Name
	}
	var items []models.CatalogItem
	if err := store.DB.WithContext(ctx).Select("seq", "channels").Find(&items).Error; err != nil {
		return nil, fmt.Errorf("load catalog numbers: %w", err)
	}
	var channels []models.Channel
	if err := store.DB.WithContext(ctx).Order("id").Find(&channels).Error; err != nil {
		return nil, fmt.Errorf("load channels: %w", err)
	}
	if lk.columns, err = columns.New(store).Lookup(ctx); err != nil {
		return nil, err
	}
	lk.requestChannels = map[string]bool{}
	for _, c := range channels {
		switch c.Kind {
		case models.ChannelPublication:
			lk.channels[c.Name] = true
		case models.ChannelRequest:
			lk.requestChannels[c.Name] = true
			lk.requestChannelList = append(lk.requestChannelList, c.Name)
		}
	}
	for _, it := range items {
		lk.seqs[it.Seq] = true
		for _, c := range it.ChannelList() {
			lk.channels[c] = true
		}
	}
	return lk, nil
}
