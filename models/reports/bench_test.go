package reports_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/seed"
)

// BenchmarkAnnualBureauDemo computes the demo bureau's annual report of
// the demo year (every unit rolled up, the year before for comparison) and
// writes its DOCX, on SQLite.
func BenchmarkAnnualBureauDemo(b *testing.B) {
	ctx := context.Background()
	s := modelstest.Open(b, "sqlite")
	today := time.Date(2026, time.December, 7, 9, 0, 0, 0, time.FixedZone("CST", 8*60*60))
	if _, err := seed.Demo(ctx, s, today); err != nil {
		b.Fatal(err)
	}
	q := reports.AnnualQuery{Year: seed.ClosedYear(today)}
	for b.Loop() {
		r, err := reports.Annual(ctx, s, models.System, q)
		if err != nil {
			b.Fatal(err)
		}
		if err := r.WriteDOCX(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
