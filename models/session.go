package models

import (
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Session is a stored web session. SessionStore implements fiber.Storage on
// it, so sessions survive a restart and several instances can share them.
type Session struct {
	Key       string    `gorm:"primaryKey;size:191"`
	Data      []byte    `gorm:"not null"`
	ExpiresAt time.Time `gorm:"index"` // zero: never
}

// SessionStore is fiber.Storage on the sessions table.
type SessionStore struct{ db *gorm.DB }

// Sessions returns the session storage.
func (s *Store) Sessions() *SessionStore { return &SessionStore{db: s.DB} }

// Get returns the value for key, or nil if absent or expired.
func (s *SessionStore) Get(key string) ([]byte, error) {
	if key == "" {
		return nil, nil
	}
	var row Session
	err := s.db.First(&row, "`key` = ?", key).Error
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
	return s.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"data", "expires_at"}),
	}).Create(&row).Error
}

// Delete removes key.
func (s *SessionStore) Delete(key string) error {
	if key == "" {
		return nil
	}
	return s.db.Delete(&Session{}, "`key` = ?", key).Error
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
