// Command gongkai runs the disclosure-compliance web application and its
// office tools: serve (default), import, score, user, audit, backup, restore.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/seed"
)

const usage = `gongkai: 警务公开考核系统 / police disclosure compliance

usage:
  gongkai [serve]                         start the web application
  gongkai import --kind KIND [--partial] FILE
                                          load a CSV, XLSX or JSON file
  gongkai score --year Y [--as-of DATE] [--format json|csv]
                                          score every department
  gongkai monitor --year Y [--as-of DATE] monitor a period inside the year (季度监测), apart
                                          from the assessment
  gongkai user add --role ROLE --username U --name NAME [--department CODE]
                                          create an account (password from stdin or generated)
  gongkai audit verify [--anchor SEQ:HASH]
                                          check the audit log's hash chain (and an anchor kept)
  gongkai audit anchor                    print the chain's head (SEQ:HASH) to keep outside the database
  gongkai backup FILE                     back up the database while it runs
  gongkai restore [--yes] FILE            replace the database with a checked backup (server
                                          stopped); the database replaced is kept beside it
  gongkai gen --out DIR [--units 3000] [--publications 1000000] [--seed S]
                                          write a generated province year as import files
  gongkai notify                          run one pass of the inboxes: deadline reminders, digests, e-mail

environment: see README.md (GONGKAI_ADDR, GONGKAI_DB, GONGKAI_DEMO, GONGKAI_SECURE_COOKIE, GONGKAI_TRUSTED_PROXIES, GONGKAI_SMTP)
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if path := os.Getenv("GONGKAI_CPUPROFILE"); path != "" {
		defer profileCPU(path)()
	}
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gongkai:", err)
		os.Exit(1)
	}
}

// run dispatches a subcommand; serve is the default. A leading flag that is
// not a request for help is a mistake, never a reason to start a server.
func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, stdout)
	case "import":
		return importCommand(ctx, args, stdout)
	case "score":
		return scoreCommand(ctx, args, stdout)
	case "monitor":
		return monitorCommand(ctx, args, stdout)
	case "user":
		return userCommand(ctx, args, stdin, stdout)
	case "gen":
		return genCommand(ctx, args, stdout)
	case "audit":
		return auditCommand(ctx, args, stdout)
	case "backup":
		return backupCommand(ctx, args, stdout)
	case "restore":
		return restoreCommand(ctx, args, stdin, stdout)
	case "notify":
		return notifyCommand(ctx, args, stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n\n%s", cmd, usage)
}

// openStore opens the configured database, brings its schema up to date and
// makes sure the facts every install needs (holiday calendar, default
// scheme) are there.
func openStore(ctx context.Context) (*models.Store, error) {
	cfg, err := loadConfig()
	if err != nil {
		return nil, err
	}
	return openConfigured(ctx, cfg)
}

func openConfigured(ctx context.Context, cfg config) (*models.Store, error) {
	store, err := models.Open(cfg.DB, cfg.Log)
	if err != nil {
		return nil, err
	}
	if err := migrations.Run(ctx, store); err != nil {
		store.Close()
		return nil, err
	}
	if err := seed.Facts(ctx, store); err != nil {
		store.Close()
		return nil, fmt.Errorf("load the holiday calendar and default scheme: %w", err)
	}
	return store, nil
}

// profileCPU writes a CPU profile of the command to path (GONGKAI_CPUPROFILE,
// for docs/PERFORMANCE.md) and returns the function that ends it.
func profileCPU(path string) func() {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gongkai: cpu profile:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// errUsage marks a mistake in a command line, printed with the usage.
var errUsage = errors.New("usage")
