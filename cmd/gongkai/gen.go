package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/gongkai/gongkai/seed"
)

// genCommand writes a generated province year as import files, for load
// tests and benchmarks: gongkai gen --out DIR [--year Y] [--units N] [--publications N]
// [--requests N] [--complaints N] [--seed S]. Load the files with gongkai
// import, in the order printed.
func genCommand(_ context.Context, args []string, stdout io.Writer) error {
	p := seed.DefaultProvince
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stdout)
	out := fs.String("out", "", "folder to write the CSV files into (created if missing)")
	fs.IntVar(&p.Year, "year", seed.ClosedYear(time.Now()), "the assessment year generated (default: the last closed year)")
	fs.IntVar(&p.Units, "units", p.Units, "assessed units: city departments, county bureaus and police stations")
	fs.IntVar(&p.Publications, "publications", p.Publications, "publications in the year, about")
	fs.IntVar(&p.Requests, "requests", p.Requests, "information requests, about")
	fs.IntVar(&p.Complaints, "complaints", p.Complaints, "complaints and inquiries, about")
	fs.Uint64Var(&p.Seed, "seed", p.Seed, "the same seed writes the same files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *out == "":
		return fmt.Errorf("%w: --out 须指定写入文件的目录", errUsage)
	case p.Units < 21 || p.Units > 100_000:
		return fmt.Errorf("%w: --units 须在 21 到 100000 之间", errUsage)
	case p.Publications < 0 || p.Requests < 0 || p.Complaints < 0 || p.Publications > 50_000_000 || p.Requests > 10_000_000 || p.Complaints > 10_000_000:
		return fmt.Errorf("%w: 记录数须为 0 到 5000 万（申请、投诉 1000 万）之间的整数", errUsage)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	files, err := seed.WriteProvince(*out, p)
	if err != nil {
		return err
	}
	for _, f := range files {
		st, err := os.Stat(f.Path)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-18s %s (%d KB)\n", f.Kind, filepath.Base(f.Path), st.Size()>>10)
	}
	return nil
}
