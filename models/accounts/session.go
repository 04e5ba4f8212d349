package accounts

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gongkai/gongkai/models"
)

// Session is a stored web session. SessionStore implements fiber.Storage on
// it, so sessions survive a restart and several instances can share them.
type Session struct {
	Key       string    `gorm:"primaryKey;size:191"`
	Data      []byte    `gorm:"not null"`
	ExpiresAt time.Time `gorm:"index"` // zero: never
}

// SessionStore is fiber.Storage on the sessions table.
type SessionStore struct {
	db      *gorm.DB
	timeout time.Duration
}

// query bounds one session query by the store's timeout: fiber.Storage
// has no context, and a frozen database must not hang every request.
func (s *SessionStore) query() (*gorm.DB, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	return s.db.WithContext(ctx), cancel
}

// Sessions returns the session storage, each query bounded by QueryTimeout.
func (s *Store) Sessions() *SessionStore { return s.SessionsWithin(models.QueryTimeout) }

// SessionsWithin returns the session storage with each query bounded by
// timeout (QueryTimeout when not positive): the web server gives it the
// bound of its requests.
func (s *Store) SessionsWithin(timeout time.Duration) *SessionStore {
	if timeout <= 0 {
		timeout = models.QueryTimeout
	}
	return &SessionStore{db: s.DB, timeout: timeout}
}

// Get returns the value for key, or nil if absent or expired.
func (s *SessionStore) Get(key string) ([]byte, error) {
	if key == "" {
		return nil, nil
	}
	var row Session
	db, cancel := s.query()
	defer cancel()
	err := db.First(&row, "`key` = ?", key).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !row.ExpiresAt.IsZero() && time.Now().After(row.ExpiresAt) {
		return nil, nil
	}
	return row.Data, nil
}

// Set stores val under key for exp (0: no expiry).
func (s *SessionStore) Set(key string, val []byte, exp time.Duration) error {
	if key == "" || len(val) == 0 {
		return nil
	}
	row := Session{Key: key, Data: val}
	if exp > 0 {
		row.ExpiresAt = time.Now().Add(exp).UTC()
	}
	db, cancel := s.query()
	defer cancel()
	return db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"data", "expires_at"}),
	}).Create(&row).Error
}

// Delete removes key.
func (s *SessionStore) Delete(key string) error {
	if key == "" {
		return nil
	}
	db, cancel := s.query()
	defer cancel()
	return db.Delete(&Session{}, "`key` = ?", key).Error
}

// Reset removes every session.
func (s *SessionStore) Reset() error {
	return s.db.Session(&gorm.Session{AllowGlobalUpdate: true}).Delete(&Session{}).Error
}

// Close does nothing: the Store owns the connection.
func (s *SessionStore) Close() error { return nil }

// PurgeExpired deletes expired sessions.
func (s *SessionStore) PurgeExpired(now time.Time) error {
	return s.db.Where("expires_at > ? AND expires_at < ?", time.Time{}, now).Delete(&Session{}).Error
}
