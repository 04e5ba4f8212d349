package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
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
		r.Kind.Title("zh"), r.Read, r.Inserted, r.Updated, r.Unchanged, r.Rejected, r.Duration.Seconds())
}

// listErrors fills Errors from the bad rows, up to maxListedErrors.
func (r *Report) listErrors(bad []*badRow) {
	n := 0
	for _, b := range bad {
		n += len(b.errs)
		for _, e := range b.errs {
			if len(r.Errors) < maxListedErrors {
				e.Message = truncate(e.Message, maxMessageRunes)
				r.Errors = append(r.Errors, e)
			}
		}
	}
	if n > maxListedErrors {
		r.Errors = append(r.Errors, RowError{Message: fmt.Sprintf("另有 %d 个错误未列出", n-maxListedErrors)})
	}
}

// errorFileName names the error file after the input: 公开记录.xlsx →
// 公开记录-错误行.xlsx.
func errorFileName(name string, kind Kind, format string) string {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if name == "" || base == "." || base == "" {
		base = kind.Title("zh")
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
