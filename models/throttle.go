package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LoginFailure counts consecutive failed sign-ins for one key (a username, or
// an address). It lives in the database so that several instances share it.
type LoginFailure struct {
	Key    string    `gorm:"primaryKey;size:191"`
	Count  int       `gorm:"not null"`
	LastAt time.Time `gorm:"not null"`
}

// FreeAttempts is how many failures in a row cost nothing.
const FreeAttempts = 4

// LoginDelay is how long a key must wait before its next attempt, given n
// consecutive failures: nothing for the first few, then doubling from 2 s to
// at most 15 minutes.
func LoginDelay(n int) time.Duration {
	if n <= FreeAttempts {
		return 0
	}
	d := 2 * time.Second << min(n-FreeAttempts-1, 10)
	return min(d, 15*time.Minute)
}

// LoginWait tells how long the key must still wait at now.
func (s *Store) LoginWait(ctx context.Context, key string, now time.Time) (time.Duration, error) {
	var f LoginFailure
	err := s.DB.WithContext(ctx).First(&f, "`key` = ?", key).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read login failures: %w", err)
	}
	wait := f.LastAt.Add(LoginDelay(f.Count)).Sub(now)
	return max(wait, 0), nil
}

// LoginFailed counts one more failure for key.
func (s *Store) LoginFailed(ctx context.Context, key string, now time.Time) error {
	return s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.Assignments(map[string]any{"count": gorm.Expr("count + 1"), "last_at": now}),
	}).Create(&LoginFailure{Key: key, Count: 1, LastAt: now}).Error
}

// LoginSucceeded clears the count for key.
func (s *Store) LoginSucceeded(ctx context.Context, key string) error {
	return s.DB.WithContext(ctx).Delete(&LoginFailure{}, "`key` = ?", key).Error
}
