package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
)

// gongkai monitor scores smallYear's first half as of 30 June 2024 under
// the default scheme, worked out by hand, and writes no score run.
//
// 治安支队 (市局部门, the only one rated): its items are 长期 and 及时, none due
// by 30 June, so A1 20 and A3 5 count nothing; A2 10 (p1 on time); A4
// 5 × 1/26 (26 weeks ended by Sunday 30 June, one good); B1 20 (R1-R3
// received later); B2 5 − 2.5 (R4 overturned 3 June); C1 10; C2 10 × 1/2
// (C2 not closed: 1 missing); D1 8 − 1 (Q2 filed 25 June, due 20 June: 1
// late; Q3, Q4 not due); D2 4 × 2/3 (p4 免于公开); D3 3 (due next year).
// Total 82.5 + 5/26 + 8/3 = 85.36. 宿城分局: every quarterly slot due filled,
// 100. 幸福派出所 has no duty: not rated.
func TestMonitorCommandMatchesHandWorkedFigures(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, engine))
		ctx := context.Background()
		dir := t.TempDir()
		for _, kind := range []string{"departments", "catalog", "publications", "requests", "complaints", "quarterly_reports", "annual_reports", "incidents", "accountability"} {
			path := filepath.Join(dir, kind+".csv")
			modelstest.Must(t, os.WriteFile(path, []byte(smallYear[kind]), 0o600))
			var out bytes.Buffer
			if err := run(ctx, []string{"import", "--kind", kind, path}, nil, &out); err != nil {
				t.Fatalf("import %s: %v\n%s", kind, err, out.String())
			}
		}
		path := filepath.Join(dir, "web.csv")
		modelstest.Must(t, os.WriteFile(path, []byte(websitePublications()), 0o600))
		modelstest.Must(t, run(ctx, []string{"import", "--kind", "publications", path}, nil, &bytes.Buffer{}))

		var out bytes.Buffer
		modelstest.Must(t, run(ctx, []string{"monitor", "--year", "2024", "--as-of", "2024-06-30"}, nil, &out))
		got := regexp.MustCompile(` {2,}`).ReplaceAllString(out.String(), "|")
		for _, want := range []string{"2024年第二季度（数据截止 2024-06-30", "市局部门|1/1|治安支队|85.36|1|1", "分县局|1/1|宿城分局|100.00|0|0", "派出所|不参评|幸福派出所"} {
			if !strings.Contains(got, want) {
				t.Errorf("output lacks %q:\n%s", want, out.String())
			}
		}
		if err := run(ctx, []string{"monitor", "--year", "2024", "--as-of", "2025-01-10"}, nil, &out); err == nil || !strings.Contains(err.Error(), "年度考核") {
			t.Errorf("a cut-off after the year: %v", err)
		}
		store, err := openStore(ctx)
		modelstest.Must(t, err)
		defer store.Close()
		var runs int64
		modelstest.Must(t, store.DB.Model(&scoreruns.ScoreRun{}).Count(&runs).Error)
		if runs != 0 {
			t.Errorf("monitoring wrote %d score runs", runs)
		}
	})
}
