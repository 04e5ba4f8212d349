package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/gongkai/gongkai/models"
)

// A running server holds its database, so that gongkai restore can see it
// and refuse rather than replace the data under it (a form saved after
// such a swap answered 303 and was lost). The holds end with the process,
// however it ends, so a server killed with -9 leaves nothing to clean up:
//   - SQLite: a shared flock on PATH.lock; restore takes it exclusively.
//   - MySQL/MariaDB: a named lock (GET_LOCK) on a connection kept open,
//     one of serveSlots names per database so that several instances can
//     serve one database; restore takes its own name, then looks at every
//     slot. Galera refuses named locks (error 1235): there the connection
//     is kept open all the same, and restore refuses while any other
//     connection uses the database. Either way only the node's own
//     connections show: on a cluster, stop the instances on every node.

// serveSlots bounds the instances that hold one MySQL database at once.
const serveSlots = 32

// errServing: a server holds the database (restore refuses).
var errServing = models.Invalid("database", "restore.serving")

// errRestoring: a restore is replacing the database (a server refuses to start).
var errRestoring = models.Invalid("database", "serve.restoring")

// HoldDatabase marks the database of dsn as served by this process until
// release is called. It fails while a restore runs.
func HoldDatabase(ctx context.Context, dsn string, log *slog.Logger) (release func(), err error) {
	if !isMySQL(dsn) {
		return flockDatabase(dsn, syscall.LOCK_SH, errRestoring)
	}
	names, err := lockNames(dsn)
	if err != nil {
		return nil, err
	}
	// The hold outlives ctx's cancel: it ends with release.
	ctx = context.WithoutCancel(ctx)
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	store, err := models.Open(dsn, nil)
	if err != nil {
		return nil, err
	}
	sqlDB, err := store.DB.DB()
	if err != nil {
		store.Close()
		return nil, err
	}
	take := func() (*sql.Conn, error) {
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			return nil, err
		}
		for _, name := range names.serve {
			var got sql.NullInt64
			if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", name).Scan(&got); lockUnsupported(err) {
				return conn, nil // Galera: the open connection is the hold
			} else if err != nil {
				unlock(conn)
				return nil, fmt.Errorf("hold the database: %w", err)
			}
			if got.Int64 != 1 {
				continue
			}
			// Taken; now a restore that started first shows.
			var restoring sql.NullInt64
			if err := conn.QueryRowContext(ctx, "SELECT IS_USED_LOCK(?)", names.restore).Scan(&restoring); err != nil || restoring.Valid {
				unlock(conn)
				if err == nil {
					err = errRestoring
				}
				return nil, err
			}
			return conn, nil
		}
		unlock(conn)
		return nil, fmt.Errorf("more than %d instances serve this database", serveSlots)
	}
	conn, err := take()
	if err != nil {
		store.Close()
		return nil, err
	}
	// The connection must stay open (wait_timeout closes an idle one):
	// a ping a minute keeps it, and a lost one is taken again.
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-done:
				unlock(conn)
				store.Close()
				return
			case <-tick.C:
				if err := conn.PingContext(ctx); err == nil {
					continue
				}
				conn.Close()
				if c, err := take(); err == nil {
					conn = c
				} else {
					log.Warn("hold the database for restore to see", "err", err)
				}
			}
		}
	}()
	return func() { close(done); <-stopped }, nil
}

// holdForRestore takes the database of dsn for a restore; it refuses while
// a server holds it, and a server cannot start until release.
func holdForRestore(ctx context.Context, dsn string, admin *models.Store) (release func(), err error) {
	if !isMySQL(dsn) {
		return flockDatabase(dsn, syscall.LOCK_EX, errServing)
	}
	names, err := lockNames(dsn)
	if err != nil {
		return nil, err
	}
	sqlDB, err := admin.DB.DB()
	if err != nil {
		return nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var got sql.NullInt64
	err = conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", names.restore).Scan(&got)
	if lockUnsupported(err) {
		// Galera: any other connection to the database may be a server's.
		var others int64
		err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()").Scan(&others)
		if err != nil || others > 0 {
			conn.Close()
			if err == nil {
				err = errServing
			}
			return nil, err
		}
		return func() { conn.Close() }, nil
	}
	if err != nil {
		unlock(conn)
		return nil, fmt.Errorf("take the database for restore: %w", err)
	}
	if got.Int64 != 1 {
		unlock(conn)
		return nil, models.Invalid("database", "restore.busy")
	}
	for _, name := range names.serve {
		var holder sql.NullInt64
		if err := conn.QueryRowContext(ctx, "SELECT IS_USED_LOCK(?)", name).Scan(&holder); err != nil || holder.Valid {
			unlock(conn)
			if err == nil {
				err = errServing
			}
			return nil, err
		}
	}
	return func() { unlock(conn) }, nil
}

// lockUnsupported reports Galera's refusal of named locks (MariaDB error
// 1235 while WSREP_ON).
func lockUnsupported(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && me.Number == 1235
}

// unlock releases the named locks of conn and hands it back to its pool,
// where it would otherwise keep them.
func unlock(conn *sql.Conn) {
	if _, err := conn.ExecContext(context.Background(), "DO RELEASE_ALL_LOCKS()"); err != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn }) // not back to the pool
	}
	conn.Close()
}

// flockDatabase takes SQLite's PATH.lock, shared (servers) or exclusive
// (restore), without waiting; busy is the refusal when it is held.
func flockDatabase(dsn string, how int, busy error) (func(), error) {
	path := sqlitePath(dsn)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create database folder: %w", err)
	}
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock the database: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, busy
		}
		return nil, fmt.Errorf("lock the database: %w", err)
	}
	return func() { f.Close() }, nil
}

// mysqlLocks are the named locks of a MySQL database: MySQL bounds a name
// to 64 characters, so the database is named by a hash.
type mysqlLocks struct {
	serve   []string
	restore string
}

func lockNames(dsn string) (mysqlLocks, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return mysqlLocks{}, fmt.Errorf("bad MySQL address %q", models.Redact(dsn))
	}
	sum := sha256.Sum256([]byte(strings.Trim(u.Path, "/")))
	id := hex.EncodeToString(sum[:8])
	l := mysqlLocks{restore: "gongkai.restore." + id}
	for i := range serveSlots {
		l.serve = append(l.serve, fmt.Sprintf("gongkai.serve.%s.%d", id, i))
	}
	return l, nil
}

// sqlitePath is the file of a SQLite dsn.
func sqlitePath(dsn string) string {
	if p := strings.TrimPrefix(dsn, "sqlite:"); p != "" {
		return p
	}
	return models.DefaultSQLitePath
}
