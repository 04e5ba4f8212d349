package reports_test

import (
	"context"
	"io"
	"testing"

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
	if _, err := seed.Demo(ctx, s); err != nil {
		b.Fatal(err)
	}
	q := reports.AnnualQuery{Year: seed.DemoYearNumber}
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
