package ingest

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/go-sql-driver/mysql"
)

// localInfile reports whether the server accepts LOAD DATA LOCAL (MariaDB
// does by default, MySQL 8 does not); the driver always offers it.
func (w *writer) localInfile(ctx context.Context) (bool, error) {
	var on bool
	if err := w.tx.DB.WithContext(ctx).Raw("SELECT @@GLOBAL.local_infile").Scan(&on).Error; err != nil {
		return false, fmt.Errorf("read local_infile: %w", err)
	}
	return on, nil
}

// loadDataInserter streams rows to the server with LOAD DATA LOCAL INFILE,
// MySQL's fastest way in and the statement the benchmark measures the import
// against. The driver reads the "file" from a registered reader: here a pipe
// that add writes to while the input is still being checked, so no path is
// exposed and allowAllFiles stays off. Rows travel in LOAD DATA's default
// text format: tab-separated, backslash escapes, \N for NULL.
type loadDataInserter struct {
	t       *table
	pw      *io.PipeWriter
	bw      *bufio.Writer
	buf     []byte
	n       int
	aborted bool
	done    chan loadResult
}

type loadResult struct {
	res sql.Result
	err error
}

var readerSeq atomic.Int64

// errAborted ends a LOAD DATA whose rows will be rolled back.
var errAborted = errors.New("import aborted")

func (w *writer) loadData(ctx context.Context, t *table) *loadDataInserter {
	pr, pw := io.Pipe()
	ins := &loadDataInserter{t: t, pw: pw, bw: bufio.NewWriterSize(pw, 1<<16), done: make(chan loadResult, 1)}
	name := fmt.Sprintf("gongkai-%s-%d", t.name, readerSeq.Add(1))
	mysql.RegisterReaderHandler(name, func() io.Reader { return pr })

	stamp := "'" + w.now.UTC().Format("2006-01-02 15:04:05.000000") + "'"
	set := []string{quote("updated_at") + " = " + stamp}
	if t.created {
		set = append(set, quote("created_at")+" = "+stamp)
	}
	stmt := "LOAD DATA LOCAL INFILE 'Reader::" + name + "' INTO TABLE " + quote(t.name) +
		" CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" +
		strings.Join(t.columnList(false)[:len(t.fields)], ", ") + ") SET " + strings.Join(set, ", ")
	go func() {
		defer mysql.DeregisterReaderHandler(name)
		res, err := w.tx.DB.Statement.ConnPool.ExecContext(ctx, stmt)
		// If the server stopped early, unblock add.
		pr.CloseWithError(errors.Join(err, io.ErrClosedPipe))
		ins.done <- loadResult{res, err}
	}()
	return ins
}

var escaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "\x00", `\0`)

func (ins *loadDataInserter) add(vals []string) {
	if ins.aborted {
		return
	}
	ins.buf = ins.buf[:0]
	for i, v := range vals {
		if i > 0 {
			ins.buf = append(ins.buf, '\t')
		}
		if typ := ins.t.fields[i].typ; v == "" && (typ == fDate || typ == fRef) {
			ins.buf = append(ins.buf, `\N`...)
			continue
		}
		if needsEscape(v) {
			v = escaper.Replace(v)
		}
		ins.buf = append(ins.buf, v...)
	}
	ins.buf = append(ins.buf, '\n')
	ins.n++
	// A failed write means the statement has ended; close reports why.
	_, _ = ins.bw.Write(ins.buf)
}

// needsEscape reports whether v holds a backslash or a control character.
func needsEscape(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c == '\\' {
			return true
		}
	}
	return false
}

// abort ends the statement now: the driver sends what it has and the
// server stops; the transaction is rolled back afterwards.
func (ins *loadDataInserter) abort() {
	if !ins.aborted {
		ins.aborted = true
		ins.pw.CloseWithError(errAborted)
	}
}

// close ends the input and checks the count: LOCAL makes the server skip
// rows that hit a unique key instead of failing, so a shortfall means
// another writer stored some of these keys since they were checked.
func (ins *loadDataInserter) close() error {
	if !ins.aborted {
		if err := ins.bw.Flush(); err == nil {
			ins.pw.Close()
		}
	}
	r := <-ins.done
	if ins.aborted {
		return nil
	}
	if r.err != nil {
		return fmt.Errorf("load %s: %w", ins.t.name, r.err)
	}
	n, err := r.res.RowsAffected()
	if err != nil {
		return fmt.Errorf("load %s: %w", ins.t.name, err)
	}
	if n != int64(ins.n) {
		return fmt.Errorf("%w (%s: %d of %d rows loaded)", errConflict, ins.t.name, n, ins.n)
	}
	return nil
}
