package accounts

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/cache"
	"github.com/gongkai/gongkai/models/stamps"
)

// Session is a stored web session. SessionStore implements fiber.Storage on
// it, so sessions survive a restart and several instances can share them.
type Session struct {
	Key       string    `gorm:"primaryKey;size:191"`
	Data      []byte    `gorm:"not null"`
	ExpiresAt time.Time `gorm:"index"` // zero: never
}

// SessionStore is fiber.Storage on the sessions table. What it reads is
// kept by the sessions' head (stamps.Sessions), which every write and
// end of a session moves in its transaction, on whichever instance: a
// signed-in page reads the stamps it shares with every request at that
// moment (models.Stamps), not its session's row. A session ended on
// another instance is ended here on the next request.
type SessionStore struct {
	store   *models.Store
	timeout time.Duration
	kept    *cache.Cache[sessionKey, keptSession]
	ctx     context.Context // the request's (Within), else none
}

// sessionKey names a session as it stood at a count of session writes.
type sessionKey struct {
	Key   string
	Stamp int64
}

// keptSession is a session's row as read, and its values decoded; no
// data: there is none.
type keptSession struct {
	data    []byte
	values  map[string]any
	expires time.Time
}

// sessionsKept bounds the sessions kept (a few hundred bytes each); past
// it the store starts over.
const sessionsKept = 10_000

// Within returns the storage for one request: its queries run in ctx,
// which shares the request's Stamps (stamps.Once) and deadline.
func (s *SessionStore) Within(ctx context.Context) *SessionStore {
	in := *s
	in.ctx = ctx
	return &in
}

// query bounds one session query by the store's timeout, within the
// request's context if any: fiber.Storage has no context, and a frozen
// database must not hang every request.
func (s *SessionStore) query() (context.Context, context.CancelFunc) {
	ctx := s.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return context.WithTimeout(ctx, s.timeout)
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
	return &SessionStore{store: s.Store, timeout: timeout, kept: cache.New[sessionKey, keptSession](sessionsKept)}
}

// Get returns the value for key, or nil if absent or expired.
func (s *SessionStore) Get(key string) ([]byte, error) {
	row, err := s.read(key)
	return row.data, err
}

// Values returns the values of session key as Fiber's sessions store them
// (a gob of a map[string]any), decoded once for every request until a
// session changes; nil if absent or expired. The map is shared: read it
// only.
func (s *SessionStore) Values(key string) (map[string]any, error) {
	row, err := s.read(key)
	return row.values, err
}

// read returns session key as kept at the sessions' head, nothing if it
// is absent or expired.
func (s *SessionStore) read(key string) (keptSession, error) {
	if key == "" {
		return keptSession{}, nil
	}
	ctx, cancel := s.query()
	defer cancel()
	st, err := s.store.Stamps(ctx)
	if err != nil {
		return keptSession{}, err
	}
	row, err := s.kept.Get(sessionKey{key, st.Head(stamps.Sessions)}, func() (keptSession, error) {
		var row Session
		if err := s.store.DB.WithContext(ctx).Limit(1).Find(&row, "`key` = ?", key).Error; err != nil || len(row.Data) == 0 {
			return keptSession{}, err
		}
		kept := keptSession{data: row.Data, expires: row.ExpiresAt}
		if err := gob.NewDecoder(bytes.NewReader(row.Data)).Decode(&kept.values); err != nil {
			return keptSession{}, fmt.Errorf("decode session: %w", err)
		}
		return kept, nil
	})
	if err != nil || (!row.expires.IsZero() && time.Now().After(row.expires)) {
		return keptSession{}, err
	}
	return row, nil
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
	return s.write(func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "key"}},
			DoUpdates: clause.AssignmentColumns([]string{"data", "expires_at"}),
		}).Create(&row).Error
	})
}

// Delete removes key.
func (s *SessionStore) Delete(key string) error {
	if key == "" {
		return nil
	}
	return s.write(func(tx *gorm.DB) error { return tx.Delete(&Session{}, "`key` = ?", key).Error })
}

// Reset removes every session.
func (s *SessionStore) Reset() error {
	return s.write(func(tx *gorm.DB) error {
		return tx.Session(&gorm.Session{AllowGlobalUpdate: true}).Delete(&Session{}).Error
	})
}

// write changes sessions and moves their head in one transaction, so that
// no instance keeps a session's old row past the change.
func (s *SessionStore) write(change func(tx *gorm.DB) error) error {
	ctx, cancel := s.query()
	defer cancel()
	return s.store.Transaction(ctx, func(tx *gorm.DB) error {
		if err := change(tx); err != nil {
			return err
		}
		return stamps.Bump(tx, stamps.Sessions)
	})
}

// Close does nothing: the Store owns the connection.
func (s *SessionStore) Close() error { return nil }

// PurgeExpired deletes expired sessions. Their head stays: a kept copy of
// an expired session is refused by its expiry.
func (s *SessionStore) PurgeExpired(now time.Time) error {
	return s.store.DB.Where("expires_at > ? AND expires_at < ?", time.Time{}, now).Delete(&Session{}).Error
}
