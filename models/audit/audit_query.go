package audit

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
)

// AuditQuery selects audit entries for the audit page and its export: by
// the person who acted, a date range, the action, the kind of record and
// the department concerned. Empty fields select everything.
type AuditQuery struct {
	UserName string
	// From and To are whole days, both included.
	From, To time.Time
	Action   string
	Entity   string
	EntityID uint
	// DepartmentID selects the entries about the department.
	DepartmentID uint
	Limit        int
}

// scope applies the query to a read of audit entries, newest first.
func (q AuditQuery) scope(db *gorm.DB) *gorm.DB {
	db = db.Order("id desc")
	if q.UserName != "" {
		db = db.Where("user_name = ?", q.UserName)
	}
	if !q.From.IsZero() {
		db = db.Where("at >= ?", q.From.UTC())
	}
	if !q.To.IsZero() {
		db = db.Where("at < ?", q.To.AddDate(0, 0, 1).UTC())
	}
	if q.Action != "" {
		db = db.Where("action = ?", q.Action)
	}
	if q.Entity != "" {
		db = db.Where("entity = ?", q.Entity)
	}
	if q.EntityID != 0 {
		db = db.Where("entity_id = ?", strconv.FormatUint(uint64(q.EntityID), 10))
	}
	if q.DepartmentID != 0 {
		id := strconv.FormatUint(uint64(q.DepartmentID), 10)
		// An entry carries the department it is about (auditDepartment);
		// one written before it did is found as it was then, by the
		// department its change names.
		cond := "department_id = ? OR (department_id = 0 AND ((entity = 'department' AND entity_id = ?)"
		args := []any{q.DepartmentID, id}
		for _, key := range models.DepartmentKeys {
			for _, end := range []string{",", "}"} {
				cond += " OR `before` LIKE ? OR `after` LIKE ?"
				pat := "%\"" + key + "\":" + id + end + "%"
				args = append(args, pat, pat)
			}
		}
		db = db.Where(cond+"))", args...)
	}
	return db
}

// AuditEntries lists the entries the query selects, newest first, at most
// q.Limit (200 when unset, 1000 at most). Only the office and auditors read
// the log.
func (s *Store) AuditEntries(ctx context.Context, v models.Viewer, q AuditQuery) ([]models.AuditEntry, error) {
	if !v.Can(models.ActReadAudit) {
		return nil, models.ErrForbidden
	}
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 200
	}
	var out []models.AuditEntry
	if err := q.scope(s.DB.WithContext(ctx)).Limit(q.Limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return out, nil
}

// AuditFacets are the values the audit page offers as filters: who has
// acted, and which actions and kinds of record the log holds.
type AuditFacets struct {
	Users, Actions, Entities []string
}

// AuditFacets reads the filters' choices from the log itself.
func (s *Store) AuditFacets(ctx context.Context, v models.Viewer) (AuditFacets, error) {
	var f AuditFacets
	if !v.Can(models.ActReadAudit) {
		return f, models.ErrForbidden
	}
	db := s.DB.WithContext(ctx).Model(&models.AuditEntry{})
	for col, into := range map[string]*[]string{"user_name": &f.Users, "action": &f.Actions, "entity": &f.Entities} {
		if err := db.Session(&gorm.Session{}).Distinct(col).Order(col).Pluck(col, into).Error; err != nil {
			return f, fmt.Errorf("read audit filters: %w", err)
		}
	}
	return f, nil
}
