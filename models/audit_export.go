package models

import (
	"context"
	"fmt"
)

// EachAuditEntry calls fn with every audit entry, newest first, optionally
// of one kind of record: the whole log for its export, streamed row by row
// rather than capped like AuditLog. Only the office and auditors read it.
func (s *Store) EachAuditEntry(ctx context.Context, v Viewer, entity string, fn func(AuditEntry) error) error {
	if !v.Can(ActReadAudit) {
		return ErrForbidden
	}
	q := s.DB.WithContext(ctx).Model(&AuditEntry{}).Order("id desc")
	if entity != "" {
		q = q.Where("entity = ?", entity)
	}
	rows, err := q.Rows()
	if err != nil {
		return fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e AuditEntry
		if err := s.DB.ScanRows(rows, &e); err != nil {
			return fmt.Errorf("read audit entry: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}
