// Package models owns persistence: the GORM models, the Store that opens
// SQLite or MySQL by DSN, the versioned migrations, and the queries that
// check who may read what.
package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/gongkai/gongkai/models/stamps"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Sentinel errors that handlers turn into pages; never shown as Go strings.
var (
	// ErrNotFound: the record does not exist, or the viewer may not know it does.
	ErrNotFound = errors.New("not found")
	// ErrForbidden: the viewer's role does not allow the action.
	ErrForbidden = errors.New("forbidden")
)

// DefaultSQLitePath is where the embedded database lives when GONGKAI_DB is empty.
const DefaultSQLitePath = "data/gongkai.db"

// Store is the application's handle on its database.
type Store struct {
	DB *gorm.DB
	// Dialect is "sqlite" or "mysql"; bulk paths differ between them.
	Dialect string
	// memo keeps what is costly to build and cheap to check: see memo.go.
	memo memo
	// writer queues this process's write transactions on SQLite (nil on
	// MySQL): see takeWriter.
	writer chan struct{}
	// stamps runs the reads of Stamps, one for all who ask at once.
	stamps stamps.Reader
}

// Open connects to the database named by dsn: empty or "sqlite:PATH" for the
// embedded SQLite file, "mysql://USER:PASS@HOST:PORT/DB" for MySQL or MariaDB.
// It does not migrate; call Migrate.
func Open(dsn string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg := &gorm.Config{
		Logger:         logger.NewSlogLogger(log, logger.Config{SlowThreshold: time.Second, LogLevel: logger.Warn, IgnoreRecordNotFoundError: true, ParameterizedQueries: true}),
		TranslateError: true,
		NowFunc:        func() time.Time { return time.Now().UTC() },
	}
	switch {
	case dsn == "" || strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			path = DefaultSQLitePath
		}
		if path != ":memory:" {
			if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
				return nil, fmt.Errorf("create database folder: %w", err)
			}
		}
		// Foreign keys are off in SQLite unless asked for; WAL and a busy
		// timeout keep concurrent readers and one writer from SQLITE_BUSY.
		// Every transaction begins as a writer (BEGIN IMMEDIATE): one that
		// began as a reader and wrote later could not wait for the writer
		// before it (SQLite refuses at once, "database is locked (517)",
		// without using the busy timeout), while a writer waits at BEGIN
		// for as long as the busy timeout allows. A read-only transaction
		// (sql.TxOptions{ReadOnly: true}) still begins as a reader.
		db, err := gorm.Open(sqlite.Open(path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout("+strconv.Itoa(int(sqliteBusyTimeout.Milliseconds()))+")&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"), cfg)
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		// database/sql keeps two idle connections by default; under many
		// concurrent requests SQLite connections would be opened and closed
		// all the time (a new connection costs more than the query).
		sqlDB.SetMaxIdleConns(16)
		if err := stamps.Register(db); err != nil {
			return nil, err
		}
		return &Store{DB: db, Dialect: "sqlite", memo: newMemo(), writer: make(chan struct{}, 1)}, nil
	case strings.HasPrefix(dsn, "mysql://"):
		native, err := MySQLNativeDSN(dsn)
		if err != nil {
			return nil, err
		}
		db, err := gorm.Open(mysql.Open(native), cfg)
		if err != nil {
			return nil, fmt.Errorf("open mysql: %w", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		sqlDB.SetMaxOpenConns(32)
		sqlDB.SetMaxIdleConns(16)
		sqlDB.SetConnMaxLifetime(30 * time.Minute)
		if err := stamps.Register(db); err != nil {
			return nil, err
		}
		return &Store{DB: db, Dialect: "mysql", memo: newMemo()}, nil
	default:
		return nil, fmt.Errorf("GONGKAI_DB must be empty, sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB, got %q", Redact(dsn))
	}
}

// sqliteBusyTimeout is how long SQLite lets a writer wait for the one
// before it.
const sqliteBusyTimeout = 10 * time.Second

// takeWriter queues a write transaction behind this process's others on
// SQLite, which has one writer. Waiting here, a transaction begins the
// moment the one before it ends; SQLite's own busy handler polls instead,
// sleeping up to 100 ms between tries, so that under fifty people at once
// a writer could lose the lock again and again to later ones until its
// deadline. A wait as long as the busy timeout goes on to SQLite's own
// (a transaction begun inside another's would otherwise wait for ever).
// release ends the turn.
func (s *Store) takeWriter(ctx context.Context) (release func()) {
	if s.writer == nil {
		return func() {}
	}
	wait := time.NewTimer(sqliteBusyTimeout)
	defer wait.Stop()
	select {
	case s.writer <- struct{}{}:
		return func() { <-s.writer }
	case <-ctx.Done():
	case <-wait.C:
	}
	return func() {}
}

// MySQLNativeDSN turns mysql://USER:PASS@HOST:PORT/DB?opts into the driver's
// own form, always with utf8mb4, parseTime and UTC dates, and with a query's
// arguments written into it by the driver (interpolateParams): otherwise
// each query with arguments is three round trips (prepare, execute, close),
// which at fifty people at once was most of a signed-in page's time.
func MySQLNativeDSN(dsn string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" || strings.Trim(u.Path, "/") == "" {
		return "", fmt.Errorf("bad MySQL address %q: want mysql://USER:PASS@HOST:PORT/DB", Redact(dsn))
	}
	pass, _ := u.User.Password()
	q := u.Query()
	q.Set("charset", "utf8mb4")
	q.Set("parseTime", "True")
	q.Set("loc", "UTC")
	if q.Get("interpolateParams") == "" {
		q.Set("interpolateParams", "true")
	}
	if q.Get("allowAllFiles") == "" {
		q.Set("allowAllFiles", "false")
	}
	return fmt.Sprintf("%s:%s@tcp(%s)/%s?%s", u.User.Username(), pass, u.Host, strings.Trim(u.Path, "/"), q.Encode()), nil
}

// Redact hides a password in a DSN before it reaches a log or an error.
func Redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "***")
			return u.String()
		}
	}
	return dsn
}

// Stamps reads where every change stands now (stamps.Reader.Read): a
// change committed before the call is always seen.
func (s *Store) Stamps(ctx context.Context) (stamps.Stamps, error) {
	return s.stamps.Read(ctx, s.DB, QueryTimeout)
}

// Changes is the number of audited changes ever made, the chain head's
// Seq: every change the application makes is audited in its own
// transaction, which moves the head before it commits (stamps.Stamps).
func (s *Store) Changes(ctx context.Context) (int64, error) {
	st, err := s.Stamps(ctx)
	return st.Changes, err
}

// Close releases the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Conn takes a connection of the pool for the caller alone, for work that
// must stay on one connection (SQLite's TEMP tables); Close gives it back.
func (s *Store) Conn(ctx context.Context) (*sql.Conn, error) {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return nil, err
	}
	return sqlDB.Conn(ctx)
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// NotFound maps GORM's not-found to ErrNotFound and wraps everything else.
func NotFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return fmt.Errorf("%s: %w", what, err)
}
