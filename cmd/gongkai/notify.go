package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
)

// NotifyEvery is how often the server runs the inboxes' pass.
const NotifyEvery = 5 * time.Minute

// notifyTimeout bounds one pass.
const notifyTimeout = 2 * time.Minute

// notifyCommand is `gongkai notify`: one pass of the inboxes, as the
// server's ticker runs it (for a cron job, or to send now).
func notifyCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("notify takes no arguments\n\n%s", usage)
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	store, err := openConfigured(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	r, err := notifyPass(ctx, store, cfg.SMTP)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "提醒 %d 条，汇总邮件 %d 封，发出邮件 %d 封\n", r.Reminded, r.Digests, r.Mailed)
	return nil
}

// notifyPass runs one bounded pass; without a mailer no e-mail is sent.
func notifyPass(ctx context.Context, store *models.Store, mailer *notify.Mailer) (notify.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, notifyTimeout)
	defer cancel()
	var sender notify.Sender
	if mailer != nil {
		sender = mailer
	}
	return notify.New(store).Pass(ctx, sender, time.Now())
}

// notifyEvery runs the pass every NotifyEvery until ctx ends: every
// instance runs it, and each reminder and e-mail is claimed in the database.
func notifyEvery(ctx context.Context, store *models.Store, mailer *notify.Mailer, log *slog.Logger) {
	every(ctx, NotifyEvery, func(time.Time) {
		if r, err := notifyPass(ctx, store, mailer); err != nil {
			log.Warn("notify pass", "err", err)
		} else if r != (notify.Result{}) {
			log.Info("notify pass", "reminded", r.Reminded, "digests", r.Digests, "mailed", r.Mailed)
		}
	})
}
