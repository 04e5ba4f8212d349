package handlers

import (
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
)

// cadenceChoice is one option of the cadence filter.
type cadenceChoice struct{ Value, Label string }

var cadenceChoices = []cadenceChoice{
	{"长期", "cadence.standing"}, {"每季度", "cadence.quarterly"}, {"每月", "cadence.monthly"},
	{"及时", "cadence.prompt"}, {"依申请", "cadence.onrequest"},
}

// catalogRow is an item with its co-responsible names marked resolved or not.
type catalogRow struct {
	Item models.CatalogItem
	Co   []coName
}

type coName struct {
	Name     string
	Resolved bool
}

// catalog lists the responsibility table, filtered by category, cadence and
// lead, and flags co-responsible names no department or group answers to.
func (s *Server) catalog(c *fiber.Ctx) error {
	ctx := c.UserContext()
	f := models.CatalogFilter{Level2: c.Query("category"), Cadence: c.Query("cadence"), Lead: c.Query("lead")}
	all, err := s.store.Catalog(ctx, models.CatalogFilter{})
	if err != nil {
		return err
	}
	items, err := s.store.Catalog(ctx, f)
	if err != nil {
		return err
	}
	names, err := s.store.LoadNames(ctx)
	if err != nil {
		return err
	}
	var categories, leads, unresolved []string
	for _, it := range all {
		categories = appendNew(categories, it.Level2)
		for _, l := range it.LeadList() {
			leads = appendNew(leads, l)
		}
	}
	rows := make([]catalogRow, len(items))
	for i, it := range items {
		rows[i].Item = it
		for _, n := range it.CoList() {
			ok := names.Resolves(n)
			rows[i].Co = append(rows[i].Co, coName{n, ok})
			if !ok {
				unresolved = appendNew(unresolved, n)
			}
		}
	}
	slices.Sort(leads)
	return s.page(c, "catalog", "catalog.title", fiber.Map{
		"Items": items, "Rows": rows, "Filter": f, "Categories": categories, "Leads": leads,
		"Cadences": cadenceChoices, "Unresolved": unresolved,
	})
}

// appendNew appends s unless the list holds it already (lists are short).
func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
