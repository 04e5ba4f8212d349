package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/backup"
	"github.com/gongkai/gongkai/models/documents"
)

// auditCommand handles "gongkai audit verify [--anchor SEQ:HASH]", which
// checks the whole hash chain and names the first entry edited, inserted
// or deleted, then every issued document against the hash recorded when it
// was issued, and "gongkai audit anchor", which prints the chain's head to
// keep outside the database.
func auditCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "anchor") {
		return fmt.Errorf("%w: gongkai audit verify [--anchor SEQ:HASH] | gongkai audit anchor", errUsage)
	}
	fs := flag.NewFlagSet("audit "+args[0], flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	anchorText := fs.String("anchor", "", "SEQ:HASH printed by gongkai audit anchor")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() != 0 || (args[0] == "anchor" && *anchorText != "") {
		return fmt.Errorf("%w: gongkai audit verify [--anchor SEQ:HASH] | gongkai audit anchor", errUsage)
	}
	var anchor audit.AuditAnchor
	if *anchorText != "" {
		var err error
		if anchor, err = audit.ParseAuditAnchor(*anchorText); err != nil {
			return bilingual(err)
		}
	}
	store, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if args[0] == "anchor" {
		head, err := audit.New(store).AuditHeadAnchor(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, head)
		return nil
	}
	st, err := audit.New(store).VerifyAuditAnchor(ctx, anchor)
	if err != nil {
		return err
	}
	if !st.OK {
		return bilingual(&audit.ChainError{State: st})
	}
	fmt.Fprintf(stdout, "操作日志链完整 / audit chain intact: %d 条, 链尾 / head %d %s\n", st.Entries, st.HeadSeq, st.HeadHash)
	if *anchorText != "" {
		fmt.Fprintln(stdout, both("audit.anchor.ok", anchor))
	}
	p, n, err := documents.Verify(ctx, store.DB)
	if err != nil {
		return err
	}
	if p != nil {
		return fmt.Errorf("%s / %s", i18n.T(i18n.Chinese, "document.bad", i18n.T(i18n.Chinese, p.Key, p.Args...)),
			i18n.T(i18n.English, "document.bad", i18n.T(i18n.English, p.Key, p.Args...)))
	}
	fmt.Fprintln(stdout, both("document.ok", n))
	return nil
}

// backupCommand handles "gongkai backup FILE" while the application runs.
func backupCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: gongkai backup FILE", errUsage)
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	m, err := backup.Backup(ctx, cfg.DB, args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已备份到 / backed up to %s\n", args[0])
	fmt.Fprintln(stdout, both("backup.manifest", m.Migration, m.Anchor))
	return nil
}

// restoreCommand handles "gongkai restore [--yes] FILE": with the server
// stopped and the operator's confirmation (--yes, or yes typed on a
// terminal), it replaces the database with the backup, keeps the one
// replaced and checks the restored audit chain.
func restoreCommand(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	yes := fs.Bool("yes", false, "confirm the replacement")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return fmt.Errorf("%w: gongkai restore [--yes] FILE", errUsage)
	}
	file := fs.Arg(0)
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if !*yes {
		if !isTerminal(stdin) {
			return errors.New(both("restore.confirm"))
		}
		fmt.Fprint(stdout, both("restore.prompt", file))
		answer, _ := bufio.NewReader(stdin).ReadString('\n')
		if strings.TrimSpace(strings.ToLower(answer)) != "yes" {
			return errors.New(both("restore.declined"))
		}
	}
	kept, err := backup.Restore(ctx, cfg.DB, file)
	if err != nil {
		return bilingual(err)
	}
	fmt.Fprintln(stdout, both("restore.done", file))
	if kept != "" {
		fmt.Fprintln(stdout, both("restore.kept", kept))
	}
	return auditCommand(ctx, []string{"verify"}, stdout)
}

// both words a catalog message in Chinese, then English.
func both(key string, args ...any) string {
	return i18n.T(i18n.Chinese, key, args...) + " / " + i18n.T(i18n.English, key, args...)
}

// bilingual words a refusal from the catalog in both languages; other
// errors pass unchanged.
func bilingual(err error) error {
	zh, ok := audit.Worded(err, i18n.Chinese)
	if !ok {
		return err
	}
	en, _ := audit.Worded(err, i18n.English)
	return errors.New(zh + " / " + en)
}

// isTerminal reports whether r is a terminal a person types at.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
