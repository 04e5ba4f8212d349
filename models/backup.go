package models

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Backup writes a consistent copy of the database to path while the
// application runs. SQLite: VACUUM INTO, an online snapshot in one
// transaction. MySQL/MariaDB: mysqldump --single-transaction (one
// consistent InnoDB snapshot, no table locks), which must be installed.
func Backup(ctx context.Context, dsn, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists already: a backup never overwrites", path)
	}
	if isMySQL(dsn) {
		args, env, err := mysqlArgs(dsn)
		if err != nil {
			return err
		}
		out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("create backup: %w", err)
		}
		cmd := exec.CommandContext(ctx, "mysqldump", append([]string{"--single-transaction", "--routines", "--triggers", "--hex-blob", "--default-character-set=utf8mb4"}, args...)...)
		cmd.Env, cmd.Stdout = env, out
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err = cmd.Run()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return fmt.Errorf("mysqldump: %w: %s", err, strings.TrimSpace(stderr.String()))
		}
		return nil
	}
	store, err := Open(dsn, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if err := store.DB.WithContext(ctx).Exec("VACUUM INTO ?", abs).Error; err != nil {
		return fmt.Errorf("back up: %w", err)
	}
	return nil
}

// Restore replaces the database's contents with a backup made by Backup,
// after checking that the backup opens and its audit chain holds. Stop the
// application first. SQLite: the file is replaced. MySQL/MariaDB: the dump
// is loaded into the database with the mysql client.
func Restore(ctx context.Context, dsn, path string) error {
	if isMySQL(dsn) {
		args, env, err := mysqlArgs(dsn)
		if err != nil {
			return err
		}
		in, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("open backup: %w", err)
		}
		defer in.Close()
		cmd := exec.CommandContext(ctx, "mysql", append([]string{"--default-character-set=utf8mb4"}, args...)...)
		cmd.Env, cmd.Stdin = env, in
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("mysql: %w: %s", err, strings.TrimSpace(stderr.String()))
		}
		return nil
	}
	// Check the backup before anything is replaced.
	backup, err := Open("sqlite:"+path, nil)
	if err != nil {
		return err
	}
	var check string
	err = backup.DB.WithContext(ctx).Raw("PRAGMA integrity_check").Scan(&check).Error
	if err == nil && check != "ok" {
		err = fmt.Errorf("integrity check: %s", check)
	}
	if err == nil {
		var st ChainState
		if st, err = backup.VerifyAudit(ctx); err == nil && !st.OK {
			err = fmt.Errorf("the backup's audit log is broken (%s %v: gongkai audit verify on the restored copy says more)", st.Problem, st.Args)
		}
	}
	backup.Close()
	if err != nil {
		return fmt.Errorf("backup %s is unusable: %w", path, err)
	}
	target := strings.TrimPrefix(dsn, "sqlite:")
	if target == "" {
		target = DefaultSQLitePath
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
		return err
	}
	tmp := target + ".restore"
	if err := copyFile(path, tmp); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(target + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(tmp, target)
}

func isMySQL(dsn string) bool { return strings.HasPrefix(dsn, "mysql://") }

// mysqlArgs are the client's arguments for dsn; the password goes in the
// environment, never on a command line that ps shows.
func mysqlArgs(dsn string) (args, env []string, err error) {
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" || strings.Trim(u.Path, "/") == "" {
		return nil, nil, fmt.Errorf("bad MySQL address %q", redact(dsn))
	}
	args = []string{"--protocol=tcp", "--host=" + u.Hostname(), "--user=" + u.User.Username()}
	if p := u.Port(); p != "" {
		args = append(args, "--port="+p)
	}
	env = os.Environ()
	if pw, ok := u.User.Password(); ok {
		env = append(env, "MYSQL_PWD="+pw)
	}
	return append(args, strings.Trim(u.Path, "/")), env, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
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
