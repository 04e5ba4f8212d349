package models

import (
	"context"
	"fmt"
)

// DepartmentChoices lists every department by code with only what a form's
// choice of departments shows (id, code, name, whether it is the secrecy
// office): no groups, no parent, so a bureau of thousands of units is one
// narrow read (issue 27).
func (s *Store) DepartmentChoices(ctx context.Context) ([]Department, error) {
	var out []Department
	if err := s.DB.WithContext(ctx).Select("id", "code", "name", "secrecy_office").Order("code").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list departments to choose from: %w", err)
	}
	return out, nil
}
