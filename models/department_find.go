package models

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// FoundMax is the most departments FindDepartments offers when a search
// names none exactly.
const FoundMax = 10

// FindDepartments finds the department text names among those v may see
// (issue 27: a search field instead of a list of thousands): the one whose
// code or name is text, else the one whose name contains it; when several
// names contain it, up to FoundMax of them by code, for the viewer to
// choose; none: nothing. Each is read narrow (id, code, name).
func (s *Store) FindDepartments(ctx context.Context, v Viewer, text string) ([]Department, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	q := func() *gorm.DB {
		db := s.DB.WithContext(ctx).Model(&Department{}).Select("id", "code", "name").Order("code")
		if own, limited := v.OwnDepartment(); limited {
			db = db.Where("id = ?", own)
		}
		return db
	}
	var out []Department
	if err := q().Where("code = ? OR name = ? OR UPPER(code) = ?", text, text, strings.ToUpper(text)).Limit(1).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("find department: %w", err)
	}
	if len(out) == 1 {
		return out, nil
	}
	like := "%" + strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(text) + "%"
	if err := q().Where("name LIKE ? ESCAPE '!'", like).Limit(FoundMax).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("find departments: %w", err)
	}
	return out, nil
}

// DepartmentName is the name of department id if v may see it; "" when
// there is none or v may not.
func (s *Store) DepartmentName(ctx context.Context, v Viewer, id uint) (string, error) {
	if !v.CanSeeDepartment(id) {
		return "", nil
	}
	var names []string
	if err := s.DB.WithContext(ctx).Model(&Department{}).Where("id = ?", id).Limit(1).Pluck("name", &names).Error; err != nil {
		return "", fmt.Errorf("read department name: %w", err)
	}
	if len(names) == 0 {
		return "", nil
	}
	return names[0], nil
}
