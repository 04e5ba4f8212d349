package audit

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/models"
)

// EachAuditEntry calls fn with every audit entry the query selects, newest
// first: the log for its export, streamed row by row rather than capped
// like AuditEntries (q.Limit is ignored). Only the office and auditors
// read it.
func (s *Store) EachAuditEntry(ctx context.Context, v models.Viewer, q AuditQuery, fn func(models.AuditEntry) error) error {
	if !v.Can(models.ActReadAudit) {
		return models.ErrForbidden
	}
	rows, err := q.scope(s.DB.WithContext(ctx).Model(&models.AuditEntry{})).Rows()
	if err != nil {
		return fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e models.AuditEntry
		if err := s.DB.ScanRows(rows, &e); err != nil {
			return fmt.Errorf("read audit entry: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}
