package models

import (
	"context"
	"fmt"
)

// DepartmentChoices lists every department by code with only what a form's
// choice shows (id, code, name, whether it is the secrecy office): one
// narrow read of a bureau's thousands of units (issue 27), made once per
// change of a department (choicesEntities). Callers share it, read only.
func (s *Store) DepartmentChoices(ctx context.Context) ([]Department, error) {
	choices, err := s.departmentChoices(ctx)
	return choices.list, err
}

// DepartmentNames maps every department's id to its name, for charts and
// lists built from stored results (which name departments by id). The map
// is shared, as DepartmentChoices' list is.
func (s *Store) DepartmentNames(ctx context.Context) (map[uint]string, error) {
	choices, err := s.departmentChoices(ctx)
	return choices.names, err
}

// choices is the list of departments and their names, read together.
type choices struct {
	list  []Department
	names map[uint]string
}

// choicesEntities add, rename or mark a department: its own entries, imports.
var choicesEntities = []string{"department", "import_run"}

func (s *Store) departmentChoices(ctx context.Context) (choices, error) {
	st, err := s.Stamps(ctx)
	if err != nil {
		return choices{}, err
	}
	return s.memo.choices.Get(fmt.Sprint(st.To(choicesEntities...)), func() (choices, error) {
		var c choices
		if err := s.DB.WithContext(ctx).Select("id", "code", "name", "secrecy_office").Order("code").Find(&c.list).Error; err != nil {
			return c, fmt.Errorf("list departments to choose from: %w", err)
		}
		c.names = make(map[uint]string, len(c.list))
		for _, d := range c.list {
			c.names[d.ID] = d.Name
		}
		return c, nil
	})
}
