package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/backup"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/seed"
)

// serve runs the web application until ctx ends. With GONGKAI_DEMO=1 it
// first loads the demo bureau into an empty database and prints its
// sign-ins; without it an empty database stays empty.
func serve(ctx context.Context, stdout io.Writer) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	// Held while serving, so that gongkai restore refuses to replace it.
	release, err := backup.HoldDatabase(ctx, cfg.DB, cfg.Log)
	if err != nil {
		return bilingual(err)
	}
	defer release()
	store, err := openConfigured(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()

	// Runs left "running" by a process that died, and its upload copies.
	if n, err := imports.New(store).FailInterruptedRuns(ctx, imports.ReasonInterrupted, false); err != nil {
		return err
	} else if n > 0 {
		cfg.Log.Warn("import runs left running by a stopped process marked failed", "runs", n)
	}
	imports.RemoveOrphanTempFiles(false)

	// On SIGTERM: stop taking requests and drain them, then cancel the
	// background imports (each rolls back and records why) and wait for them.
	stopCtx, stopImports := context.WithCancelCause(context.Background())
	defer stopImports(ingest.ErrStopped)
	var running sync.WaitGroup
	opt := handlers.Options{Cookie: cfg.Cookie, TrustedProxies: cfg.Proxies, Log: cfg.Log, Background: stopCtx, Imports: &running}
	if cfg.Demo {
		loaded, err := seed.Demo(ctx, store, time.Now())
		if err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		if loaded {
			fmt.Fprintln(stdout, "演示数据已载入 / demo bureau loaded")
		}
		// The sign-in page lists the demo sign-ins only while they work:
		// never on a database whose accounts are real.
		if _, err := accounts.New(store).Authenticate(ctx, seed.DemoUsers[0].Username, seed.DemoPassword); err == nil {
			fmt.Fprintln(stdout, "演示账号 / demo sign-ins:")
			for _, u := range seed.DemoUsers {
				fmt.Fprintf(stdout, "  %-11s %-12s %s\n", u.Role, u.Username, u.Password)
				opt.DemoUsers = append(opt.DemoUsers, handlers.DemoUser{Role: u.Role, Username: u.Username, Password: u.Password})
			}
		}
	}
	if counts, err := store.Counts(ctx); err == nil && counts.Users == 0 {
		fmt.Fprintln(stdout, "尚无账号 / no accounts yet: gongkai user add --role office --username NAME --name 姓名 (prints a one-time password)")
	}

	app := handlers.New(store, opt)
	// Scheduled pulls: every instance runs the loop; a source is claimed in
	// the database, so it is pulled once however many instances run.
	go ingest.NewPuller(ingest.New(store), handlers.PullTimeout, cfg.Log).RunScheduler(ctx, time.Minute)
	go purgeSessions(ctx, store, cfg.Log)
	go failInterrupted(ctx, store, cfg.Log)
	go notifyEvery(ctx, store, cfg.SMTP, cfg.Log)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	drained := make(chan struct{})
	go func() {
		<-ctx.Done()
		_ = app.ShutdownWithTimeout(drainTimeout)
		_ = ln.Close() // in case the server had not started serving yet
		close(drained)
	}()
	fmt.Fprintf(stdout, "gongkai: http://%s\n", ln.Addr())
	if err := app.Listener(ln); err != nil && ctx.Err() == nil {
		return err
	}
	<-drained
	stopImports(ingest.ErrStopped)
	waitFor(&running, drainTimeout)
	// Whatever this process still had running (an API import cut off by
	// the drain's timeout) is marked failed too.
	if _, err := imports.New(store).FailInterruptedRuns(context.Background(), ingest.ErrStopped.Error(), true); err != nil {
		cfg.Log.Warn("mark stopped imports failed", "err", err)
	}
	imports.RemoveOrphanTempFiles(true)
	fmt.Fprintln(stdout, "gongkai: stopped")
	return nil
}

// drainTimeout bounds each stage of a stop: the requests in flight, then
// the imports being cancelled.
const drainTimeout = 10 * time.Second

// waitFor waits for wg, at most d.
func waitFor(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// failInterrupted marks failed, every heartbeat, the imports of processes
// that died: one that died just before this process started still had a
// fresh heartbeat at the start.
func failInterrupted(ctx context.Context, store *models.Store, log *slog.Logger) {
	every(ctx, imports.ImportHeartbeat, func(time.Time) {
		if n, err := imports.New(store).FailInterruptedRuns(ctx, imports.ReasonInterrupted, false); err != nil {
			log.Warn("mark interrupted imports failed", "err", err)
		} else if n > 0 {
			log.Warn("import runs of a stopped process marked failed", "runs", n)
		}
	})
}

// purgeSessions deletes expired sessions every hour, so the table holds only
// live ones.
func purgeSessions(ctx context.Context, store *models.Store, log *slog.Logger) {
	every(ctx, time.Hour, func(now time.Time) {
		if err := accounts.New(store).Sessions().PurgeExpired(now); err != nil {
			log.Warn("purge expired sessions", "err", err)
		}
	})
}

// every calls do every d until ctx ends.
func every(ctx context.Context, d time.Duration, do func(now time.Time)) {
	tick := time.NewTicker(d)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			do(now)
		}
	}
}
