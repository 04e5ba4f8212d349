package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models/modelstest"
)

// memoryBound is what one import may take at its peak, whatever the file.
const memoryBound = 256 << 20

// peakHeap runs f while sampling the heap, and returns the largest heap
// seen. Past limit it cancels f's context, so that a file that would take
// gigabytes fails the test in seconds instead of exhausting the machine.
func peakHeap(limit uint64, f func(ctx context.Context)) uint64 {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			if m.HeapAlloc > limit {
				cancel(fmt.Errorf("heap %d MB over the bound", m.HeapAlloc>>20))
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	f(ctx)
	close(stop)
	<-sampled
	return peak.Load()
}

// A 33 KB workbook inside every stated bound (issue 21, item 4): 4,999
// merged ranges, one of them A2:ALL499999 (1,000 columns by 499,998 rows),
// the last row at 499,999. Every row it fills is bad; the import is
// refused with line-numbered Chinese errors, keeps only a bounded number
// of bad rows, and its heap stays under 256 MB. With fewer rows (under the
// 100,000 bad rows that stop checking) the partial import's error file is
// written from the rows kept, within the same bound.
func TestMergedRangesKeepMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads half a million rows")
	}
	s := modelstest.Open(t, "sqlite")
	im := bureau(t, s, Publications)
	for _, tc := range []struct {
		name    string
		last    int
		want    error
		message string
	}{
		{"refused past 100,000 bad rows", 499999, ErrMalformed, "错误的行超过 100000 行"},
		{"every row bad, error file written", 60000, ErrRejected, ErrRejected.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var merges strings.Builder
			fmt.Fprintf(&merges, `<mergeCells count="4999"><mergeCell ref="A2:ALL%d"/>`, tc.last)
			for i := range 4998 {
				fmt.Fprintf(&merges, `<mergeCell ref="B%d:C%d"/>`, i+2, i+2)
			}
			merges.WriteString(`</mergeCells>`)
			data := craftXLSX(t, headerRow()+
				`<row r="2"><c r="A2" t="inlineStr"><is><t>合并</t></is></c></row>`+
				fmt.Sprintf(`<row r="%d"><c r="A%d" t="inlineStr"><is><t>末行</t></is></c></row>`, tc.last, tc.last), merges.String())
			if len(data) > 64<<10 {
				t.Fatalf("the workbook is %d KB, not a small file", len(data)>>10)
			}
			var rep *Report
			var err error
			peak := peakHeap(memoryBound, func(ctx context.Context) {
				rep, err = im.File(ctx, Publications, "merged.xlsx", bytes.NewReader(data), Options{Viewer: office, Partial: true})
			})
			t.Logf("%d KB workbook, peak heap %d MB", len(data)>>10, peak>>20)
			if peak > memoryBound {
				t.Fatalf("peak heap %d MB, over %d MB (err = %v)", peak>>20, memoryBound>>20, err)
			}
			if !errors.Is(err, tc.want) || !strings.Contains(UserMessage(err), tc.message) {
				t.Fatalf("err = %v, want %s", err, tc.message)
			}
			if rep.Inserted != 0 || len(rep.Errors) == 0 || !strings.HasPrefix(rep.Errors[0].Message, "第 2 行") {
				t.Fatalf("inserted %d, errors %v", rep.Inserted, rep.Errors[:min(len(rep.Errors), 3)])
			}
			if !slices.ContainsFunc(rep.Errors, func(e RowError) bool {
				return strings.HasPrefix(e.Message, "另有") && strings.HasSuffix(e.Message, "个错误行未列出")
			}) {
				t.Errorf("the report does not count the bad rows not kept")
			}
			if count(t, s, "publications") != 0 {
				t.Errorf("rows were kept")
			}
		})
	}
}
