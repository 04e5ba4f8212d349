package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gongkai/gongkai/models"
)

// LoginFailure counts failed sign-ins for one key. It lives in the
// database so that every instance enforces the same counts: an instance
// keeps no state of its own.
type LoginFailure struct {
	Key    string    `gorm:"primaryKey;size:191"`
	Count  int       `gorm:"not null"`
	LastAt time.Time `gorm:"not null"`
}

// A sign-in attempt is held to two counts, and each only slows down, never
// locks:
//   - the account from that address: FreeAttempts failures cost nothing,
//     then each attempt waits, doubling. Someone guessing the office's
//     password from another computer slows down only themselves; the
//     office signs in from its own computer as usual.
//   - the address, whatever the account: AddressFreeAttempts failures, then
//     the same doubling. One computer cannot try many accounts quickly.
//
// A count is forgotten after LoginQuiet without a failure.
const (
	FreeAttempts        = 4
	AddressFreeAttempts = 20
	LoginQuiet          = time.Hour
)

// LoginKeys are the counters an attempt to sign in as username from addr
// is held to: the account from that address, and the address.
func LoginKeys(username, addr string) []LoginKey {
	user := models.NormalizeUsername(username)
	if len(user) > 64 {
		user = user[:64]
	}
	if len(addr) > 64 {
		addr = addr[:64]
	}
	return []LoginKey{
		{Key: "user:" + user + "@" + addr, Free: FreeAttempts},
		{Key: "addr:" + addr, Free: AddressFreeAttempts},
	}
}

// LoginKey is one counter and how many failures it lets through freely.
type LoginKey struct {
	Key  string
	Free int
}

// LoginDelay is how long a counter must wait before its next attempt, given
// n failures that free let through: nothing for the first free, then
// doubling from 2 s to at most 15 minutes.
func LoginDelay(n, free int) time.Duration {
	if n <= free {
		return 0
	}
	d := 2 * time.Second << min(n-free-1, 10)
	return min(d, 15*time.Minute)
}

// LoginWait tells how long an attempt on keys must still wait at now: the
// longest wait of any of them.
func (s *Store) LoginWait(ctx context.Context, keys []LoginKey, now time.Time) (time.Duration, error) {
	var wait time.Duration
	for _, k := range keys {
		var f LoginFailure
		err := s.DB.WithContext(ctx).First(&f, "`key` = ?", k.Key).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("read login failures: %w", err)
		}
		if now.Sub(f.LastAt) > LoginQuiet {
			continue
		}
		wait = max(wait, f.LastAt.Add(LoginDelay(f.Count, k.Free)).Sub(now))
	}
	return max(wait, 0), nil
}

// LoginFailed counts one more failure on each key; a count quiet for
// LoginQuiet starts again from one.
func (s *Store) LoginFailed(ctx context.Context, keys []LoginKey, now time.Time) error {
	for _, k := range keys {
		err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "key"}},
			DoUpdates: clause.Assignments(map[string]any{
				"count":   gorm.Expr("CASE WHEN last_at < ? THEN 1 ELSE count + 1 END", now.Add(-LoginQuiet)),
				"last_at": now,
			}),
		}).Create(&LoginFailure{Key: k.Key, Count: 1, LastAt: now}).Error
		if err != nil {
			return fmt.Errorf("count login failure: %w", err)
		}
	}
	return nil
}

// LoginSucceeded clears the account's count from that address; the
// address's count stays, so that signing in to one's own account does not
// buy more guesses at others.
func (s *Store) LoginSucceeded(ctx context.Context, keys []LoginKey) error {
	return s.DB.WithContext(ctx).Delete(&LoginFailure{}, "`key` = ?", keys[0].Key).Error
}
