package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
)

// importUsage is the import command line.
const importUsage = "gongkai import --kind KIND [--partial] [--errors FILE] [--max-mb N] FILE"

// importCommand loads one file through the same path as an upload:
// gongkai import --kind KIND [--partial] [--errors FILE] FILE. It prints a
// Chinese summary, writes the bad rows to --errors when asked, and fails
// (a non-zero exit) when the file was rejected.
func importCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stdout)
	kindName := fs.String("kind", "", "what the file holds: departments, catalog, publications, requests, complaints, quarterly_reports, annual_reports, incidents, accountability, holidays")
	partial := fs.Bool("partial", false, "load the good rows and set the bad ones aside, instead of loading nothing")
	errorsPath := fs.String("errors", "", "write the bad rows here, in the input's format with a 错误原因 column (with --partial)")
	maxMB := fs.Int64("max-mb", 1024, "largest CSV or JSON file accepted, in MB (uploads in the web UI stop at 64)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *kindName == "" {
		return fmt.Errorf("%w: %s", errUsage, importUsage)
	}
	kind, err := ingest.ParseKind(*kindName)
	if err != nil {
		return fmt.Errorf("%w: %s", errUsage, ingest.UserMessage(err))
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("无法打开文件 %s: %w", path, err)
	}
	defer f.Close()

	store, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	im := ingest.New(store)
	im.Limits.MaxBytes = *maxMB << 20
	opt := ingest.Options{Partial: *partial, Source: "cli", FileName: filepath.Base(path), Viewer: models.System, Progress: terminalProgress()}

	rep, err := im.File(ctx, kind, filepath.Base(path), f, opt)
	if rep != nil {
		printReport(stdout, rep)
		if len(rep.ErrorFile) > 0 && *errorsPath != "" {
			if werr := os.WriteFile(*errorsPath, rep.ErrorFile, 0o644); werr != nil {
				return fmt.Errorf("无法写入错误文件 %s: %w", *errorsPath, werr)
			}
			fmt.Fprintf(stdout, "错误行已写入 %s\n", *errorsPath)
		}
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ingest.ErrRejected), errors.Is(err, ingest.ErrTooLarge), errors.Is(err, ingest.ErrMalformed):
		return errors.New(ingest.UserMessage(err))
	}
	// An infrastructure failure: the operator at the command line needs the detail.
	return fmt.Errorf("%s: %w", ingest.UserMessage(err), err)
}

// printReport writes the outcome, the warnings and the first errors.
func printReport(w io.Writer, rep *ingest.Report) {
	fmt.Fprintln(w, rep.Summary())
	for _, msg := range rep.Warnings {
		fmt.Fprintln(w, "提示:", msg)
	}
	const shown = 50
	for i, e := range rep.Errors {
		if i == shown {
			fmt.Fprintf(w, "……共 %d 行有错误,其余未显示\n", rep.Rejected)
			break
		}
		fmt.Fprintln(w, "错误:", e.Message)
	}
}

// terminalProgress reports progress on standard error when it is a
// terminal, and stays quiet in scripts and logs.
func terminalProgress() func(done, total int) {
	fi, err := os.Stderr.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(os.Stderr, "\r%d / %d 行", done, total)
		if done == total {
			fmt.Fprint(os.Stderr, "\r\033[K")
		}
	}
}
