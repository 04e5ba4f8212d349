package backup

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/migrations"
)

// Restore replaces the database with a backup made by Backup and returns
// where the database it replaced is kept (empty when there was none): a
// file beside it (SQLite) or a schema beside it (MySQL), until the
// operator removes it. Nothing is touched until the whole backup is
// checked: it is restored into a new file or schema, which must be
// gongkai's (its header and manifest), of a schema this program knows,
// with only the objects its migrations make and an audit chain that holds;
// only then is it switched in, at once (a rename). It refuses while a
// server holds the database.
func Restore(ctx context.Context, dsn, path string) (kept string, err error) {
	if isMySQL(dsn) {
		return restoreMySQL(ctx, dsn, path)
	}
	return restoreSQLite(ctx, dsn, path)
}

func restoreSQLite(ctx context.Context, dsn, path string) (string, error) {
	target := sqlitePath(dsn)
	release, err := holdForRestore(ctx, dsn, nil)
	if err != nil {
		return "", err
	}
	defer release()
	// The backup is checked and brought up to date beside the target, so
	// that the switch is one rename.
	fresh := target + ".restoring"
	removeSQLite := func(p string) {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(p + suffix)
		}
	}
	removeSQLite(fresh)
	if err := copyFile(path, fresh); err != nil {
		removeSQLite(fresh)
		return "", models.Invalid("backup", "restore.open", path)
	}
	if err := checkRestoredAt(ctx, "sqlite:"+fresh, nil); err != nil {
		removeSQLite(fresh)
		return "", err
	}
	kept := ""
	if _, err := os.Stat(target); err == nil {
		// Fold the live database's WAL into its file, so that the file
		// kept is the whole database.
		live, err := models.Open(dsn, nil)
		if err == nil {
			err = live.DB.WithContext(ctx).Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error
			live.Close()
		}
		if err != nil {
			removeSQLite(fresh)
			return "", fmt.Errorf("checkpoint the database before the switch: %w", err)
		}
		if kept, err = keepSQLite(target); err != nil {
			removeSQLite(fresh)
			return "", fmt.Errorf("keep the database replaced: %w", err)
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(target + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
	}
	if err := os.Rename(fresh, target); err != nil {
		return "", fmt.Errorf("switch to the restored database: %w", err)
	}
	return kept, nil
}

// keepSQLite gives the database file a second name beside it, never one
// already taken: a hard link, or a copy where links are not possible.
func keepSQLite(target string) (string, error) {
	base := target + ".before-restore-" + time.Now().UTC().Format("20060102T150405")
	for i := 1; ; i++ {
		kept := base
		if i > 1 {
			kept = fmt.Sprintf("%s.%d", base, i)
		}
		err := os.Link(target, kept)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			err = copyFile(target, kept)
		}
		return kept, err
	}
}

func restoreMySQL(ctx context.Context, dsn, path string) (string, error) {
	m, err := checkDump(path)
	if err != nil {
		return "", err
	}
	admin, err := models.Open(dsn, nil)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	release, err := holdForRestore(ctx, dsn, admin)
	if err != nil {
		return "", err
	}
	defer release()
	u, _ := url.Parse(dsn) // mysqlArgs has read it
	live := strings.Trim(u.Path, "/")
	stamp := time.Now().UTC().Format("20060102150405")
	fresh, old := live+"_restoring_"+stamp, live+"_before_restore_"+stamp
	if len(old) > 64 {
		return "", models.Invalid("database", "restore.name_long")
	}
	// Not cancelled: the schema made is dropped even after an interrupt.
	db := admin.DB.WithContext(context.WithoutCancel(ctx))
	if err := db.Exec("CREATE DATABASE " + quoteName(fresh) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").Error; err != nil {
		return "", fmt.Errorf("create a database to restore into: %w", err)
	}
	defer db.Exec("DROP DATABASE IF EXISTS " + quoteName(fresh))
	if err := loadDump(ctx, dsn, fresh, path); err != nil {
		return "", err
	}
	u.Path = "/" + fresh
	if err := checkRestoredAt(ctx, u.String(), &m); err != nil {
		return "", err
	}
	// The switch: one RENAME TABLE, which MySQL does at once, moves the
	// live tables aside and the restored ones in.
	var liveTables, freshTables []string
	const tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
	if err := db.Raw(tables, live).Scan(&liveTables).Error; err != nil {
		return "", err
	}
	if err := db.Raw(tables, fresh).Scan(&freshTables).Error; err != nil {
		return "", err
	}
	var moves []string
	for _, t := range liveTables {
		moves = append(moves, quoteName(live)+"."+quoteName(t)+" TO "+quoteName(old)+"."+quoteName(t))
	}
	for _, t := range freshTables {
		moves = append(moves, quoteName(fresh)+"."+quoteName(t)+" TO "+quoteName(live)+"."+quoteName(t))
	}
	kept := ""
	if len(liveTables) > 0 {
		if err := db.Exec("CREATE DATABASE " + quoteName(old) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci").Error; err != nil {
			return "", fmt.Errorf("create a database to keep the one replaced: %w", err)
		}
		kept = old
	}
	if err := db.Exec("RENAME TABLE " + strings.Join(moves, ", ")).Error; err != nil {
		if kept != "" {
			db.Exec("DROP DATABASE IF EXISTS " + quoteName(old))
		}
		return "", fmt.Errorf("switch to the restored database: %w", err)
	}
	return kept, nil
}

// checkDump reads the whole dump before anything is restored: gongkai's
// header first, its manifest last, the SHA-256 of everything between as
// the manifest says, and no statement that would reach another database.
func checkDump(path string) (Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return Manifest{}, models.Invalid("backup", "restore.open", path)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	first, err := r.ReadSlice('\n')
	if err != nil || string(bytes.TrimRight(first, "\r\n")) != dumpHeader {
		return Manifest{}, models.Invalid("backup", "restore.foreign")
	}
	sum := sha256.New()
	sum.Write(first)
	var last []byte
	for n := 2; ; n++ {
		line, err := readLine(r, maxDumpLine)
		if errors.Is(err, errLineLong) {
			return Manifest{}, models.Invalid("backup", "restore.line_long", n, maxDumpLine>>20)
		}
		if errors.Is(err, io.EOF) {
			if len(line) > 0 { // a last line cut short
				last = nil
			}
			break
		}
		if err != nil {
			return Manifest{}, models.Invalid("backup", "restore.open", path)
		}
		if last != nil {
			sum.Write(last)
		}
		if otherDatabase.Match(line) {
			return Manifest{}, models.Invalid("backup", "restore.statement", n)
		}
		last = line
	}
	m, want, ok := parseManifest(last)
	if !ok {
		return Manifest{}, models.Invalid("backup", "restore.incomplete")
	}
	if hex.EncodeToString(sum.Sum(nil)) != want {
		return Manifest{}, models.Invalid("backup", "restore.altered")
	}
	return m, nil
}

// maxDumpLine bounds a line of a dump: mysqldump writes a row per line at
// most, and a row of this application is far smaller (an attachment is at
// most MaxUploadSize, twice that in hex). A variable for the test.
var maxDumpLine = 64 << 20

var errLineLong = errors.New("line too long")

// readLine reads a line with its newline, at most max bytes.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		part, err := r.ReadSlice('\n')
		if len(line)+len(part) > max {
			return nil, errLineLong
		}
		line = append(line, part...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}

// otherDatabase matches a statement that would switch, create or drop a
// database: mysqldump of one database writes none.
var otherDatabase = regexp.MustCompile(`(?i)^\s*(/\*!\d*\s*)?(USE\s|(CREATE|DROP|ALTER)\s+(DATABASE|SCHEMA)\b)`)

var manifestLine = regexp.MustCompile(`^` + manifestPrefix + `migration=(\S+) audit=(\S+) sha256=([0-9a-f]{64})\n$`)

func parseManifest(line []byte) (Manifest, string, bool) {
	g := manifestLine.FindSubmatch(line)
	if g == nil {
		return Manifest{}, "", false
	}
	anchor, err := audit.ParseAuditAnchor(string(g[2]))
	if err != nil {
		return Manifest{}, "", false
	}
	return Manifest{Migration: string(g[1]), Anchor: anchor}, string(g[3]), true
}

// loadDump runs the mysql client on the dump into the database named
// into. Its error names the line only: the client's message quotes SQL.
func loadDump(ctx context.Context, dsn, into, path string) error {
	args, env, err := mysqlArgs(dsn, into)
	if err != nil {
		return err
	}
	in, err := os.Open(path)
	if err != nil {
		return models.Invalid("backup", "restore.open", path)
	}
	defer in.Close()
	cmd := exec.CommandContext(ctx, "mysql", append([]string{"--default-character-set=utf8mb4"}, args...)...)
	cmd.Env, cmd.Stdin = env, in
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if g := loadErrorLine.FindStringSubmatch(stderr.String()); g != nil {
			n, _ := strconv.Atoi(g[1])
			return models.Invalid("backup", "restore.load_line", n)
		}
		return models.Invalid("backup", "restore.load")
	}
	return nil
}

var loadErrorLine = regexp.MustCompile(`at line (\d+)`)

// checkRestoredAt opens a restored copy and checks it (checkRestored).
func checkRestoredAt(ctx context.Context, dsn string, m *Manifest) error {
	s, err := models.Open(dsn, nil)
	if err != nil {
		if !isMySQL(dsn) { // a file SQLite cannot open
			return models.Invalid("backup", "restore.damaged")
		}
		return err
	}
	defer s.Close()
	return checkRestored(ctx, s, m)
}

// checkRestored decides whether a restored copy may replace the database:
// whole (SQLite's integrity check), gongkai's, of schema steps this
// program knows (then brought up to date), with no table, view, trigger
// or routine the migrations do not make, and an audit chain that holds
// and carries the manifest's anchor.
func checkRestored(ctx context.Context, s *models.Store, m *Manifest) error {
	db := s.DB.WithContext(ctx)
	if s.Dialect == "sqlite" {
		var check string
		if err := db.Raw("PRAGMA integrity_check").Scan(&check).Error; err != nil || check != "ok" {
			return models.Invalid("backup", "restore.damaged")
		}
	}
	if !s.DB.Migrator().HasTable("migrations") || !s.DB.Migrator().HasTable(&models.AuditHead{}) {
		return models.Invalid("backup", "restore.foreign")
	}
	ids, err := migrations.Applied(ctx, s)
	// Another application's migrations table does not begin with ours.
	if err != nil || len(ids) == 0 || ids[0] != migrations.IDs()[0] {
		return models.Invalid("backup", "restore.foreign")
	}
	known := map[string]bool{}
	for _, id := range migrations.IDs() {
		known[id] = true
	}
	for _, id := range ids {
		if !known[id] {
			return models.Invalid("backup", "restore.newer", id)
		}
	}
	if m != nil && ids[len(ids)-1] != m.Migration {
		return models.Invalid("backup", "restore.altered")
	}
	// Migrated first, since a step may drop a table of an earlier release;
	// what a hostile trigger does meanwhile stays in the copy refused.
	if err := migrations.Run(ctx, s); err != nil {
		return models.Invalid("backup", "restore.upgrade")
	}
	if err := checkSchemaObjects(ctx, s); err != nil {
		return err
	}
	var st models.ChainState
	if m != nil {
		st, err = audit.New(s).VerifyAuditAnchor(ctx, m.Anchor)
	} else {
		st, err = s.VerifyAudit(ctx)
	}
	if err != nil {
		return err
	}
	if !st.OK {
		return &audit.ChainError{Key: "restore.chain_bad", State: st}
	}
	return nil
}
