package models

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"
)

// QueryTimeout bounds every query of a request (handlers set it on the
// request's context) and every session read or write: a frozen database
// makes pages answer 503 instead of hanging.
const QueryTimeout = 15 * time.Second

// Unavailable reports whether err means the database could not answer now
// (frozen past the deadline, refused, gone away, or busy with another
// writer) rather than that the request was wrong: such a page is a 503,
// worth trying again shortly, never a 500.
func Unavailable(err error) bool {
	var ne net.Error
	switch {
	case err == nil:
		return false
	case errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, driver.ErrBadConn),
		errors.Is(err, sql.ErrConnDone),
		errors.Is(err, mysql.ErrInvalidConn),
		errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNRESET),
		errors.As(err, &ne):
		return true
	}
	msg := err.Error()
	for _, s := range []string{"database is locked", "database table is locked", "SQLITE_BUSY", "sql: database is closed", "Lock wait timeout exceeded", "Too many connections", "connection refused"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
