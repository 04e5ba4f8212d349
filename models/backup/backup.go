// Package backup writes and checks backups of the database and restores
// them (gongkai backup, gongkai restore), and keeps a restore and the
// servers of one database from running at once.
package backup

import (
	"bufio"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/migrations"
)

// Manifest says what a backup holds: the last schema step applied and the
// audit chain's head when the backup began (an anchor: the restored chain
// must still carry that entry). A MySQL dump carries it on its last line,
// with the SHA-256 of everything before, so a dump cut short or changed
// shows before anything is restored.
type Manifest struct {
	Migration string
	Anchor    audit.AuditAnchor
}

func (m Manifest) String() string { return "migration=" + m.Migration + " audit=" + m.Anchor.String() }

// The first and last lines of a gongkai MySQL dump.
const (
	dumpHeader     = "-- gongkai backup 1: a MySQL dump checked and restored by gongkai restore"
	manifestPrefix = "-- gongkai manifest "
)

// Backup writes a consistent copy of the database to path while the
// application runs, and returns its manifest. SQLite: VACUUM INTO, an
// online snapshot in one transaction. MySQL/MariaDB: mysqldump
// --single-transaction (one consistent InnoDB snapshot, no table locks),
// which must be installed, between gongkai's header and manifest lines.
func Backup(ctx context.Context, dsn, path string) (Manifest, error) {
	if _, err := os.Stat(path); err == nil {
		return Manifest{}, fmt.Errorf("%s exists already: a backup never overwrites", path)
	}
	store, err := models.Open(dsn, nil)
	if err != nil {
		return Manifest{}, err
	}
	defer store.Close()
	// Read before the snapshot: the anchor's entry is in it, since entries
	// are only ever added.
	m, err := manifest(ctx, store)
	if err != nil {
		return m, err
	}
	if isMySQL(dsn) {
		return m, dumpMySQL(ctx, dsn, path, m)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return m, err
	}
	if err := store.DB.WithContext(ctx).Exec("VACUUM INTO ?", abs).Error; err != nil {
		return m, fmt.Errorf("back up: %w", err)
	}
	return m, nil
}

func manifest(ctx context.Context, s *models.Store) (Manifest, error) {
	ids, err := migrations.Applied(ctx, s)
	if err != nil || len(ids) == 0 {
		return Manifest{}, fmt.Errorf("read the schema's version: %v", err)
	}
	anchor, err := audit.New(s).AuditHeadAnchor(ctx)
	return Manifest{Migration: ids[len(ids)-1], Anchor: anchor}, err
}

func dumpMySQL(ctx context.Context, dsn, path string, m Manifest) error {
	args, env, err := mysqlArgs(dsn, "")
	if err != nil {
		return err
	}
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create backup: %w", err)
	}
	sum := sha256.New()
	w := bufio.NewWriterSize(io.MultiWriter(out, sum), 1<<16)
	fmt.Fprintln(w, dumpHeader)
	cmd := exec.CommandContext(ctx, "mysqldump", append([]string{"--single-transaction", "--routines", "--triggers", "--hex-blob", "--default-character-set=utf8mb4"}, args...)...)
	cmd.Env, cmd.Stdout = env, w
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	if err != nil {
		err = fmt.Errorf("mysqldump: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		_, err = fmt.Fprintf(out, "%s%s sha256=%x\n", manifestPrefix, m, sum.Sum(nil))
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// isMySQL reports whether dsn names a MySQL/MariaDB database.
func isMySQL(dsn string) bool { return strings.HasPrefix(dsn, "mysql://") }

// quoteName quotes a MySQL identifier.
func quoteName(name string) string { return "`" + strings.ReplaceAll(name, "`", "``") + "`" }

// mysqlArgs are the client's arguments for dsn, on database db (dsn's own
// when empty); the password goes in the environment, never on a command
// line that ps shows.
func mysqlArgs(dsn, db string) (args, env []string, err error) {
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" || strings.Trim(u.Path, "/") == "" {
		return nil, nil, fmt.Errorf("bad MySQL address %q", models.Redact(dsn))
	}
	args = []string{"--protocol=tcp", "--host=" + u.Hostname(), "--user=" + u.User.Username()}
	if p := u.Port(); p != "" {
		args = append(args, "--port="+p)
	}
	env = os.Environ()
	if pw, ok := u.User.Password(); ok {
		env = append(env, "MYSQL_PWD="+pw)
	}
	if db == "" {
		db = strings.Trim(u.Path, "/")
	}
	return append(args, db), env, nil
}

// copyFile copies from to a new file to, never over one that exists.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
