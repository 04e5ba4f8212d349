package models

import "context"

// LastAuditID is the id of the newest audit entry. Every change the Store
// makes is audited in its own transaction, so the id grows with each: a
// cache keyed by it (with the newest import) never serves what a change
// has made stale.
func (s *Store) LastAuditID(ctx context.Context) (uint, error) {
	var id uint
	err := s.DB.WithContext(ctx).Model(&AuditEntry{}).Select("COALESCE(MAX(id), 0)").Scan(&id).Error
	return id, err
}
