package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/monitoring"
	"github.com/gongkai/gongkai/scoring"
)

// monitorCommand computes and stores a monitoring run between year ends
// (季度监测), the same Store call as the office's page, and prints each
// unit's line: gongkai monitor --year 2026 --as-of 2026-09-30 [--scheme V].
// It never writes the year's score runs or assessment.
func monitorCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("monitor", flag.ContinueOnError)
	fs.SetOutput(stdout)
	year := fs.Int("year", 0, "the year monitored, e.g. 2026")
	asOf := fs.String("as-of", "", "the cut-off inside the year (default: the end of the last quarter ended)")
	scheme := fs.String("scheme", "", "scheme version (default: the newest approved)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !scoring.ValidYear(*year) {
		return fmt.Errorf("%w: --year 必须是 %d 到 %d 之间的年份", errUsage, scoring.MinYear, scoring.MaxYear)
	}
	now := time.Now()
	day, ok := monitoring.LastQuarterEnd(scoring.DateOf(now))
	if *asOf != "" || !ok {
		d, err := scoring.ParseDate(*asOf)
		if err != nil {
			return fmt.Errorf("%w: --as-of “%s”不是有效日期，应为 2026-09-30 的格式", errUsage, *asOf)
		}
		day = d
	}
	store, err := openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()

	ms := monitoring.New(store, accountability.Decisions(store))
	run, err := ms.Compute(ctx, models.System, monitoring.Request{Year: *year, AsOf: day, SchemeVersion: *scheme}, now)
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return errors.New(verr.Message)
	}
	if err != nil {
		return err
	}
	lines, err := ms.Lines(ctx, models.System, run.ID, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s（数据截止 %s，方案 %s，监测编号 %d）\n", run.Label, run.Cut(), run.SchemeVersion, run.ID)
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "类别\t同类排名\t单位\t得分\t缺项\t逾期")
	for _, l := range lines {
		rank, total := "不参评", ""
		if l.Rated() {
			rank, total = fmt.Sprintf("%d/%d", l.Rank, l.KindRated), fmt.Sprintf("%.2f", l.Total)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%d\n", l.Kind, rank, l.Name, total, l.Missing, l.Late)
	}
	return w.Flush()
}
