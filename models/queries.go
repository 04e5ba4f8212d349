package models

import (
	"context"
	"fmt"
)

// ItemsOf returns the catalog items a department leads and those it shares
// as co-responsible, by its name, code or any group it belongs to.
func (s *Store) ItemsOf(ctx context.Context, v Viewer, deptID uint) (leads, co []CatalogItem, err error) {
	d, err := s.Department(ctx, v, deptID)
	if err != nil {
		return nil, nil, err
	}
	return s.ItemsFor(ctx, d)
}

// ItemsFor is ItemsOf for a department already read (with its groups).
func (s *Store) ItemsFor(ctx context.Context, d *Department) (leads, co []CatalogItem, err error) {
	items, err := s.Catalog(ctx, CatalogFilter{})
	if err != nil {
		return nil, nil, err
	}
	names := namesOf(*d)
	for _, it := range items {
		switch {
		case anyIn(it.LeadList(), names):
			leads = append(leads, it)
		case anyIn(it.CoList(), names):
			co = append(co, it)
		}
	}
	return leads, co, nil
}

// namesOf are the names the catalog may call a department by: its name, its
// code and the groups it belongs to.
func namesOf(d Department) map[string]bool {
	names := map[string]bool{d.Name: true, d.Code: true}
	for _, g := range d.Groups {
		names[g.Name] = true
	}
	return names
}

// Leaders are the departments that lead an item of the catalog, by the
// same names as ItemsOf.
func (s *Store) Leaders(ctx context.Context) (map[uint]bool, error) {
	var depts []Department
	if err := s.DB.WithContext(ctx).Preload("Groups").Find(&depts).Error; err != nil {
		return nil, fmt.Errorf("read departments: %w", err)
	}
	items, err := s.Catalog(ctx, CatalogFilter{})
	if err != nil {
		return nil, err
	}
	out := map[uint]bool{}
	for _, d := range depts {
		names := namesOf(d)
		for _, it := range items {
			if anyIn(it.LeadList(), names) {
				out[d.ID] = true
				break
			}
		}
	}
	return out, nil
}

func anyIn(list []string, set map[string]bool) bool {
	for _, s := range list {
		if set[s] {
			return true
		}
	}
	return false
}

// Counts are the figures on the office's home page.
type Counts struct {
	Departments, Groups, Items, Users int64
}

// Counts reads the home page figures.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	db := s.DB.WithContext(ctx)
	for _, q := range []struct {
		model any
		dst   *int64
	}{{&Department{}, &c.Departments}, {&Group{}, &c.Groups}, {&CatalogItem{}, &c.Items}, {&User{}, &c.Users}} {
		if err := db.Model(q.model).Count(q.dst).Error; err != nil {
			return c, fmt.Errorf("count: %w", err)
		}
	}
	return c, nil
}
