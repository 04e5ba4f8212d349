package ingest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The readers are fuzzed without a database: whatever the bytes, a reader
// returns rows or one of its documented errors, never panics, and stays
// within its bounds. `go test` runs the seeds; .ci/run explores each for a
// few seconds (`go test ./models/ingest -run '^$' -fuzz FuzzCSVReader`).

// fuzzLimits are small, so that fuzzing reaches the bounds quickly.
var fuzzLimits = Limits{MaxBytes: 1 << 20, MaxXLSXBytes: 1 << 20, MaxUnzipBytes: 4 << 20, MaxXMLInMemory: 1 << 20,
	MaxZipEntries: 100, MaxBadRows: 1000, MaxFields: 64, MaxLineBytes: 4096, MaxMerges: 100, MaxSheetRows: 2000, TimeBudget: time.Minute}

// drain reads every row of src, checking what each reader promises.
func drain(t *testing.T, src source, err error) {
	t.Helper()
	if err != nil {
		checkReaderError(t, err)
		return
	}
	defer src.Close()
	for range 100000 {
		r, err := src.next()
		if err == io.EOF {
			return
		}
		if err != nil {
			checkReaderError(t, err)
			return
		}
		if len(r.cells) != len(src.layout().names) {
			t.Fatalf("row of %d cells for %d columns", len(r.cells), len(src.layout().names))
		}
		if len(r.raw) > fuzzLimits.MaxFields && src.format() != "json" {
			t.Fatalf("row of %d cells past the bound %d", len(r.raw), fuzzLimits.MaxFields)
		}
	}
	t.Fatal("reader did not end")
}

func checkReaderError(t *testing.T, err error) {
	t.Helper()
	var he *headerError
	if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) && !errors.As(err, &he) {
		t.Fatalf("undocumented error: %v", err)
	}
	if len(UserMessage(err)) > 4096 {
		t.Fatalf("message of %d bytes", len(UserMessage(err)))
	}
}

func fuzzInput(t *testing.T, data []byte) *input {
	t.Helper()
	in, err := readInput(bytes.NewReader(data), fuzzLimits.MaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	return in
}

func FuzzCSVReader(f *testing.F) {
	for _, k := range []Kind{Publications, Requests, Departments, Catalog} {
		f.Add([]byte(sample[k]))
	}
	f.Add([]byte("\ufeff部门,标题\n\"ZA\",\"x\"\"y\"\n"))
	f.Add([]byte("department,title\n" + strings.Repeat(",", 5000) + "\n"))
	f.Add([]byte("department\tseq\ttitle\n'=cmd\t1\t\xff\xfe\n"))
	f.Add([]byte{0xFF, 0xFE, 'd', 0, '\t', 0, 'x', 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fuzzInput(t, data)
		sp := specs[Publications]
		src, err := openCSV(in, sp.columns, sp.figures, fuzzLimits)
		drain(t, src, err)
	})
}

func FuzzJSONReader(f *testing.F) {
	f.Add([]byte(`[{"department": "ZA", "seq": 1, "title": "t", "figures": {"a": 1}}]`))
	f.Add([]byte(`[42, "x", null, [1, [2]], {"k": {"nested": true}}]`))
	f.Add([]byte(`{"year": 2025, "days": [{"name": "元旦", "date": "2025-01-01", "isOffDay": true}]}`))
	f.Add([]byte(`[{"a":1,"a":2,"$schema":"x"}`))
	f.Add([]byte("\ufeff[]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range []Kind{Publications, Holidays, QuarterlyReports} {
			src, err := openJSON(bytes.NewReader(data), int64(len(data)), k, specs[k], fuzzLimits)
			drain(t, src, err)
		}
	})
}

func FuzzXLSXReader(f *testing.F) {
	recs := [][]string{{"部门", "目录序号", "标题", "公开形式", "公开日期", "索引号"}, {"ZA", "1", "标题", "网站", "2025-01-06", "A-1"}, {"", "", "x", "", "", ""}}
	f.Add(toXLSX(f, Publications, recs, "A2:A3", "B2:C3"))
	f.Add(craftXLSX(f, headerRow(), `<mergeCells count="2"><mergeCell ref="A2:B9"/><mergeCell ref="A5:C6"/></mergeCells>`))
	f.Add(craftXLSX(f, headerRow()+`<row r="3000"><c r="A3000"><v>1</v></c></row>`, ""))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 || !bytes.HasPrefix(data, []byte("PK")) {
			return // not a zip: the CSV reader's case
		}
		in := fuzzInput(t, data)
		sp := specs[Publications]
		src, err := openXLSX(context.Background(), in, Publications, sp.columns, sp.figures, fuzzLimits)
		if err == nil {
			drain(t, src, nil)
			return
		}
		checkReaderError(t, err)
	})
}

// The encoding detector gives the same answer however the bytes are cut
// into chunks, and agrees with the standard library on UTF-8.
func FuzzEncodingScan(f *testing.F) {
	f.Add([]byte(sample[Publications]), 7)
	f.Add([]byte("一季\xff度\n"), 3)
	f.Add([]byte{0xD6, 0xD0, 0xCE, 0xC4, '\n', 0x81, 0x30, 0x81, 0x30}, 1)
	f.Add([]byte{0xE4, 0xB8}, 1)
	f.Fuzz(func(t *testing.T, data []byte, cut int) {
		var whole, chunked encodingScan
		whole.Write(data)
		whole.end()
		if cut <= 0 {
			cut = 1
		}
		for p := data; len(p) > 0; p = p[min(cut, len(p)):] {
			chunked.Write(p[:min(cut, len(p))])
		}
		chunked.end()
		if whole != chunked {
			t.Fatalf("whole %+v, in chunks of %d %+v", whole, cut, chunked)
		}
		if (whole.badUTF8 == 0) != utf8.Valid(data) {
			t.Fatalf("badUTF8 = %d, utf8.Valid = %v", whole.badUTF8, utf8.Valid(data))
		}
		if whole.lines != bytes.Count(data, []byte{'\n'}) {
			t.Fatalf("lines %d", whole.lines)
		}
		if whole.badUTF8 > 0 && (whole.utf8Line < 1 || whole.utf8Line > whole.lines+1) {
			t.Fatalf("first bad UTF-8 byte on line %d of %d", whole.utf8Line, whole.lines+1)
		}
	})
}

// Dates: whatever the text, parseDate answers a real date or no.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-01-06", "2025/3/28", "2025年3月31日", "20250101", "2025-02-30", "45658", " 2025.1.6 ", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseDate(s)
		if !ok {
			return
		}
		if _, err := time.Parse("2006-01-02", d); err != nil {
			t.Fatalf("parseDate(%q) = %q, not a date", s, d)
		}
	})
}
