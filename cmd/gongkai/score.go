package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// scoreCommand computes and stores a year's scores and prints them:
// gongkai score --year 2024 --as-of 2025-02-01 --format json|csv [--scheme VERSION] [--batch N].
func scoreCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(stdout)
	year := fs.Int("year", 0, "assessment year, e.g. 2024")
	asOf := fs.String("as-of", "", "the day the scores are computed for (default: 2 February of the next year, or today if earlier)")
	format := fs.String("format", "json", "json or csv")
	scheme := fs.String("scheme", "", "scheme version (default: the newest approved)")
	batch := fs.Int("batch", 0, "departments read and scored at a time (default: the whole year up to 1.5 million publications, else batches of about 500,000 publications, at most 1,000 departments)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !scoring.ValidYear(*year) {
		return fmt.Errorf("%w: --year 必须是 %d 到 %d 之间的年份", errUsage, scoring.MinYear, scoring.MaxYear)
	}
	if *format != "json" && *format != "csv" {
		return fmt.Errorf("%w: --format 只能是 json 或 csv", errUsage)
	}
	day, err := asOfDate(*asOf, *year, time.Now())
	if err != nil {
		return err
	}
	store, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()

	run, res, err := scoreruns.New(store).InBatches(*batch).Deciding(accountability.Decisions(store)).ComputeScores(ctx, models.System, scoreruns.ScoreRequest{Year: *year, AsOf: day, SchemeVersion: *scheme}, time.Now())
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return errors.New(verr.Message)
	}
	if err != nil {
		return err
	}
	report := scoreruns.NewScoreReport(run, res.Departments)
	if *format == "csv" {
		return report.WriteCSV(stdout)
	}
	return report.WriteJSON(stdout)
}

// asOfDate parses --as-of; empty means the year's default cut-off
// (scoring.DefaultAsOf), the one the office's form offers.
func asOfDate(s string, year int, now time.Time) (scoring.Date, error) {
	if s == "" {
		return scoring.DefaultAsOf(year, scoring.DateOf(now)), nil
	}
	d, err := scoring.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("%w: --as-of “%s”不是有效日期，应为 2025-02-01 的格式", errUsage, s)
	}
	return d, nil
}
