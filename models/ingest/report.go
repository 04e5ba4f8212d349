package ingest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/i18n"
)

// Report is what an import did, for the page, the API answer and the CLI.
type Report struct {
	Kind     Kind
	Format   string // csv, xlsx or json
	Encoding string // CSV: UTF-8, UTF-8 BOM, GB18030 or UTF-16
	FileName string
	SHA256   string

	Read      int // data rows read (blank rows are skipped)
	Inserted  int
	Updated   int
	Unchanged int
	Rejected  int

	Errors   []RowError // the bad rows' problems, the first maxListedErrors of them
	Warnings []string   // unknown columns; co-responsible names that resolve to nothing

	// ErrorFile holds, with Options.Partial, the bad rows in the input's own
	// format with a 错误原因 column: fixed, it can be imported again.
	ErrorFile     []byte
	ErrorFileName string

	Duration time.Duration
	RunID    uint // the import_runs row
}

// maxListedErrors bounds Report.Errors; Rejected counts them all. Each
// message is cut to maxMessageRunes (it may quote a cell), so a report stays
// well under a megabyte whatever the input.
const (
	maxListedErrors = 1000
	maxMessageRunes = 300
)

// Summary is the outcome in one Chinese sentence.
func (r *Report) Summary() string {
	return fmt.Sprintf("%s：读取 %d 行，新增 %d 行，更新 %d 行，未变 %d 行，拒绝 %d 行，用时 %.1f 秒",
		r.Kind.Title(i18n.Chinese), r.Read, r.Inserted, r.Updated, r.Unchanged, r.Rejected, r.Duration.Seconds())
}

// listErrors fills Errors from the bad rows kept, up to maxListedErrors,
// and says how many more there were.
func (r *Report) listErrors(bad *rejected) {
	n := 0
	for _, b := range bad.kept {
		n += len(b.errs)
		for _, e := range b.errs {
			if len(r.Errors) < maxListedErrors {
				r.Errors = append(r.Errors, e)
			}
		}
	}
	if n > maxListedErrors {
		r.Errors = append(r.Errors, RowError{Message: fmt.Sprintf("另有 %d 个错误未列出", n-maxListedErrors)})
	}
	if more := bad.n - len(bad.kept); more > 0 {
		r.Errors = append(r.Errors, RowError{Message: fmt.Sprintf("另有 %d 个错误行未列出", more)})
	}
}

// Bad rows are kept, for the report and the error file, up to
// maxKeptBadRows rows or maxKeptBadBytes of their cells and messages,
// whichever comes first; the rest are only counted. A sheet whose merged
// ranges fill a thousand columns of every row would otherwise hold
// gigabytes of bad rows (issue 21).
const (
	maxKeptBadRows  = 1000
	maxKeptBadBytes = 16 << 20
)

// rejected gathers an import's bad rows: the first ones kept, all counted.
type rejected struct {
	kept  []*badRow
	n     int // bad rows in all
	bytes int // what the kept rows hold, roughly
}

// add counts a bad row, and keeps a copy of it while the bounds allow.
func (b *rejected) add(r *row, errs []RowError) {
	b.n++
	if len(b.kept) >= maxKeptBadRows || b.bytes >= maxKeptBadBytes {
		return
	}
	k := &badRow{row: &row{line: r.line, problem: r.problem, raw: slices.Clone(r.raw), obj: r.obj}, errs: make([]RowError, len(errs))}
	size := len(r.obj) + 64*len(errs)
	for _, cell := range r.raw {
		size += len(cell) + 16
	}
	for i, e := range errs {
		e.Message = truncate(e.Message, maxMessageRunes)
		k.errs[i] = e
		size += len(e.Message) + len(e.Column)
	}
	b.kept = append(b.kept, k)
	b.bytes += size
}

// errorFileName names the error file after the input: 公开记录.xlsx →
// 公开记录-错误行.xlsx.
func errorFileName(name string, kind Kind, format string) string {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if name == "" || base == "." || base == "" {
		base = kind.Title(i18n.Chinese)
	}
	return base + "-错误行." + format
}

// auditSummary is the import's own audit entry.
func (r *Report) auditSummary(source string) map[string]any {
	return map[string]any{
		"kind": r.Kind, "source": source, "file": r.FileName, "format": r.Format, "sha256": r.SHA256,
		"read": r.Read, "inserted": r.Inserted, "updated": r.Updated, "unchanged": r.Unchanged, "rejected": r.Rejected,
	}
}
