package main

import (
	"context"
	"fmt"
	"io"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/views"
)

// auditCommand handles "gongkai audit verify": it checks the whole hash
// chain and names the first entry edited, inserted or deleted, then every
// issued document against the hash recorded when it was issued.
func auditCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "verify" {
		return fmt.Errorf("%w: gongkai audit verify", errUsage)
	}
	store, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if !st.OK {
		return fmt.Errorf("%s / %s", views.T(views.Chinese, "audit.chain.bad", views.T(views.Chinese, st.Problem, st.Args...)),
			views.T(views.English, "audit.chain.bad", views.T(views.English, st.Problem, st.Args...)))
	}
	fmt.Fprintf(stdout, "操作日志链完整 / audit chain intact: %d 条, 链尾 / head %d %s\n", st.Entries, st.HeadSeq, st.HeadHash)
	p, n, err := documents.Verify(ctx, store.DB)
	if err != nil {
		return err
	}
	if p != nil {
		return fmt.Errorf("%s / %s", views.T(views.Chinese, "document.bad", views.T(views.Chinese, p.Key, p.Args...)),
			views.T(views.English, "document.bad", views.T(views.English, p.Key, p.Args...)))
	}
	fmt.Fprintf(stdout, "%s / %s\n", views.T(views.Chinese, "document.ok", n), views.T(views.English, "document.ok", n))
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
	if err := models.Backup(ctx, cfg.DB, args[0]); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已备份到 / backed up to %s\n", args[0])
	return nil
}

// restoreCommand handles "gongkai restore FILE" (the application stopped),
// then migrates the restored database and checks its audit chain.
func restoreCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("%w: gongkai restore FILE", errUsage)
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if err := models.Restore(ctx, cfg.DB, args[0]); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已从 %s 恢复 / restored\n", args[0])
	return auditCommand(ctx, []string{"verify"}, stdout)
}
