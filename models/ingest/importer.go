// Long file: the import pipeline (open, check, load, report) in the order it
// runs.

package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
)

// Options say how to import and on whose behalf.
type Options struct {
	// Partial loads the good rows and returns the bad ones as an error file;
	// without it a file with any bad row loads nothing.
	Partial bool
	// Source is the road: file, api, pull, seed or cli (default file).
	Source string
	// SourceID is the registered source of a pull or an API token.
	SourceID uint
	// FileName names the input in the history (Records) or overrides the
	// name given to File.
	FileName string
	// Viewer is who imports, for the audit log; default models.System.
	Viewer models.Viewer
	// OnlyDepartment, when set, scopes the import to one department (an API
	// token's or a pulled source's): a row of any other department is bad.
	OnlyDepartment uint
	// Progress, when set, is called every few thousand rows with the rows
	// read and checked (their new rows are being written meanwhile) and the
	// rows expected in all: estimated until the end, from the line count of
	// a CSV, the declared size of a sheet, the share of a JSON body read.
	// The last call, once everything is written, has done == total.
	Progress func(done, total int)
	// Writing, when set, is called on SQLite after each chunk of new rows
	// is committed, once every row is read: rows written, rows to write.
	Writing func(written, total int)
}

func (o Options) withDefaults(source string) Options {
	if o.Source == "" {
		o.Source = source
	}
	if o.Viewer.Name == "" {
		o.Viewer = models.System
	}
	return o
}

// progressEvery is how many rows pass between two Progress calls.
const progressEvery = 5000

// Importer loads files, API bodies and pulled sources into the store. It is
// safe for concurrent use. On MySQL an import locks only the rows it
// writes; on SQLite, where one writer holds the whole database, it writes
// its new rows in chunks that let other writers in between
// (upsert_sqlite.go).
type Importer struct {
	store *models.Store
	// Limits bound the input; DefaultLimits unless changed before use.
	Limits Limits
	// noLoadData makes MySQL use multi-row INSERT, as it does when the server
	// refuses LOAD DATA LOCAL; tests set it to exercise that path.
	noLoadData bool
	// chunk, when set, is the rows of a chunk on SQLite (tests make it small).
	chunk int64
}

// New returns an importer for the store with DefaultLimits.
func New(store *models.Store) *Importer {
	return &Importer{store: store, Limits: DefaultLimits}
}

// File imports a CSV, XLSX or JSON file (the format is told by its content;
// name is for the history and the error file). On success the Report says
// what was done. With bad rows it returns the Report and ErrRejected, unless
// Options.Partial loaded the good ones. A file that cannot be read gives an
// *InputError (ErrTooLarge, ErrMalformed, or ErrPull for a pulled source);
// a scoped import that oversteps gives ErrScope; any other error is an
// infrastructure failure. Whatever the outcome the Report is returned and
// the run recorded, and nothing is half-written: the rows are written in one
// transaction, or on SQLite in chunks that are taken out again unless the
// last transaction, which completes the import, commits. UserMessage words any of these errors for people.
func (im *Importer) File(ctx context.Context, kind Kind, name string, r io.Reader, opt Options) (*Report, error) {
	if opt.FileName == "" {
		opt.FileName = name
	}
	opt = opt.withDefaults("file")
	if !opt.Viewer.Can(models.ActAdminister) {
		return nil, models.ErrForbidden // files and pulled sources are the office's to load
	}
	rep, run, err := im.begin(ctx, kind, opt)
	if err != nil {
		return nil, err
	}
	ctx, cancel := im.budget(ctx)
	defer cancel()
	err = im.file(ctx, kind, r, opt, rep)
	return rep, im.end(run, rep, stopped(ctx, err))
}

func (im *Importer) file(ctx context.Context, kind Kind, r io.Reader, opt Options, rep *Report) error {
	in, err := readInput(r, max(im.Limits.MaxBytes, im.Limits.MaxXLSXBytes))
	if err != nil {
		return err
	}
	defer in.Close()
	rep.SHA256 = in.sum
	return im.loadAgain(ctx, kind, in, opt, rep, func() (source, error) { return im.open(ctx, kind, in) })
}

// loadAgain opens the input and loads it, and does it again from the start
// when MySQL aborts the import's transaction as a deadlock or a Galera
// cluster refuses it (another node changed the same rows first), up to
// three times in all, as Store.Audited does for a form: the input reads
// from its start as often as needed.
func (im *Importer) loadAgain(ctx context.Context, kind Kind, in *input, opt Options, rep *Report, open func() (source, error)) error {
	for attempt := 1; ; attempt++ {
		if _, err := in.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("rewind the input: %w", err)
		}
		src, err := open()
		if err != nil {
			return err
		}
		err = im.load(ctx, kind, src, opt, rep)
		src.Close()
		if attempt == 3 || !models.IsDeadlock(err) || ctx.Err() != nil {
			return err
		}
		*rep = Report{Kind: rep.Kind, FileName: rep.FileName, RunID: rep.RunID, SHA256: rep.SHA256}
	}
}

// budget bounds an import by Limits.TimeBudget: past it the import stops
// and nothing is loaded.
func (im *Importer) budget(ctx context.Context) (context.Context, context.CancelFunc) {
	if im.Limits.TimeBudget <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, im.Limits.TimeBudget, errOverBudget(im.Limits.TimeBudget))
}

// stopped returns why ctx ended, when it did and the import failed: the
// database's "context canceled" says less than the budget, the cancel
// button or the server stopping.
func stopped(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
}

// open picks the reader for the input's format.
func (im *Importer) open(ctx context.Context, kind Kind, in *input) (source, error) {
	sp := specs[kind]
	format := detectFormat(in.head)
	switch {
	case format == "xls":
		return nil, malformed(nil, "不支持旧版 Excel（.xls）或加密的工作簿，请在 Excel 中另存为 .xlsx 或 CSV")
	case kind == Holidays && format != "json":
		return nil, malformed(nil, "节假日安排只接受 holiday-cn 格式的 JSON 文件")
	case format == "xlsx":
		return openXLSX(ctx, in, kind, sp.columns, sp.figures, im.Limits)
	case in.size > im.Limits.MaxBytes:
		return nil, tooLarge("超过 %d MB 的上限", mb(im.Limits.MaxBytes))
	case format == "json":
		if !in.utf8 {
			return nil, malformed(nil, "JSON 文件必须使用 UTF-8 编码")
		}
		return openJSON(in, in.size, kind, sp, im.Limits)
	}
	return openCSV(in, sp.columns, sp.figures, im.Limits)
}

// Records imports a JSON array of objects keyed by the English column keys
// (or the Chinese names): the body of POST /api/v1/import/{kind}, read as
// it arrives into a temporary file, never whole into memory. Errors are
// File's.
func (im *Importer) Records(ctx context.Context, kind Kind, body io.Reader, opt Options) (*Report, error) {
	opt = opt.withDefaults("api")
	rep, run, err := im.begin(ctx, kind, opt)
	if err != nil {
		return nil, err
	}
	ctx, cancel := im.budget(ctx)
	defer cancel()
	err = im.records(ctx, kind, body, opt, rep)
	return rep, im.end(run, rep, stopped(ctx, err))
}

func (im *Importer) records(ctx context.Context, kind Kind, body io.Reader, opt Options, rep *Report) error {
	in, err := readInput(body, im.Limits.MaxBytes)
	if err != nil {
		return err
	}
	defer in.Close()
	rep.SHA256 = in.sum
	if !in.utf8 {
		return malformed(nil, "JSON 必须使用 UTF-8 编码")
	}
	return im.loadAgain(ctx, kind, in, opt, rep, func() (source, error) {
		return openJSON(in, in.size, kind, specs[kind], im.Limits)
	})
}

// load checks every row and writes the good ones, in one transaction: new
// rows go to the database as they are checked, the rest once every row is
// read. A bad row without Partial stops the writing and rolls it all back.
// The file is read as the rows are written, so the transaction runs once.
func (im *Importer) load(ctx context.Context, kind Kind, src source, opt Options, rep *Report) error {
	if opt.OnlyDepartment != 0 && !kind.departmental() {
		return errOfficeKinds
	}
	sp := specs[kind]
	lk, err := loadLookups(ctx, im.store)
	if err != nil {
		return err
	}
	lay := src.layout()
	rep.Format, rep.Encoding = src.format(), lay.encoding
	w := &writer{store: im.store, dialect: im.store.Dialect, now: time.Now().UTC(), noLoadData: im.noLoadData, run: rep.RunID, writing: opt.Writing, chunk: cmp.Or(im.chunk, copyChunk)}
	defer func() {
		if w.pin != nil { // taken by a stage (upsert_sqlite.go), given back once its writer is done
			w.pin.Close()
		}
	}()
	err = im.store.AuditedOnce(ctx, opt.Viewer, func(tx *models.Tx) error {
		w.tx = tx
		b, err := sp.newBatch(ctx, im.store, w, opt.OnlyDepartment, src.total(0))
		if err != nil {
			return err
		}
		defer b.Close()
		c := &checker{cols: sp.columns, lay: lay, lk: lk, only: opt.OnlyDepartment}
		bad := &rejected{}
		skipped, err := im.check(ctx, src, b, c, opt, rep, bad)
		rep.Rejected = bad.n
		rep.listErrors(bad)
		if err != nil {
			return err
		}
		rep.Warnings = append(src.warnings(), c.warnings()...)
		if len(skipped) > 0 {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("表格下方的合计行或注释行不是记录，已跳过（第 %s %s）", joinLines(skipped), lay.unit))
		}
		if rep.Read == 0 {
			rep.Warnings = append(rep.Warnings, "文件中没有数据行")
		}
		if bad.n > 0 {
			if !opt.Partial {
				return ErrRejected
			}
			if rep.ErrorFile, err = src.errorFile(bad.kept); err != nil {
				return err
			}
			rep.ErrorFileName = errorFileName(opt.FileName, kind, rep.Format)
			if bad.n > len(bad.kept) {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("错误文件只含前 %d 个错误行，另有 %d 个错误行未列入", len(bad.kept), bad.n-len(bad.kept)))
			}
			if bad.n == rep.Read {
				return ErrRejected
			}
		}
		n, err := b.write(ctx)
		if err != nil {
			return err
		}
		rep.Inserted, rep.Updated, rep.Unchanged = n.inserted, n.updated, n.unchanged
		if opt.Progress != nil {
			opt.Progress(rep.Read, rep.Read)
		}
		if w.chunked {
			if err := imports.SettleImport(tx, w.run); err != nil {
				return err
			}
		}
		return tx.Record("import", "import_run", rep.RunID, nil, rep.auditSummary(opt.Source))
	})
	if err != nil && w.chunked {
		// Take out the chunks already committed, even when cancelled.
		uctx, done := context.WithTimeout(context.WithoutCancel(ctx), models.QueryTimeout)
		defer done()
		if _, uerr := imports.New(im.store).UndoImport(uctx, w.run); uerr != nil {
			return errors.Join(err, uerr)
		}
	}
	return err
}

// check reads every row through the batch and gathers the bad ones in
// bad. Rows under the table that are no records (a 合计 row, notes) are
// skipped, and their lines returned.
func (im *Importer) check(ctx context.Context, src source, b batch, c *checker, opt Options, rep *Report, bad *rejected) (skipped []int, err error) {
	one := func(r *row) error {
		rep.Read++
		c.start(r)
		if c.ok() {
			b.add(c)
		}
		if !c.ok() {
			if bad.n == 0 && !opt.Partial {
				b.abort() // nothing will be kept: stop writing now
			}
			bad.add(r, c.errs)
			if bad.n > im.Limits.MaxBadRows {
				return malformed(nil, "错误的行超过 %d 行，已停止检查；请先核对文件是否为%s的表格", im.Limits.MaxBadRows, rep.Kind.Title(i18n.Chinese))
			}
		}
		if rep.Read%progressEvery == 0 {
			if ctx.Err() != nil {
				return context.Cause(ctx)
			}
			if opt.Progress != nil {
				opt.Progress(rep.Read, src.total(rep.Read))
			}
		}
		return nil
	}
	// Rows that look like a trailer wait: they are skipped only if no
	// record follows them.
	var held []*row
	for {
		r, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if trailer(r) && len(held) < maxTrailerRows {
			held = append(held, keep(r))
			continue
		}
		for _, h := range held {
			if err := one(h); err != nil {
				return nil, err
			}
		}
		held = held[:0]
		if err := one(r); err != nil {
			return nil, err
		}
	}
	for _, h := range held {
		skipped = append(skipped, h.line)
	}
	late := b.finish(c)
	if len(late) > 0 && !opt.Partial {
		b.abort()
	}
	for _, r := range late {
		bad.add(r.row, r.errs)
	}
	slices.SortStableFunc(bad.kept, func(x, y *badRow) int { return x.row.line - y.row.line })
	return skipped, nil
}

// begin records the start of an import run.
func (im *Importer) begin(ctx context.Context, kind Kind, opt Options) (*Report, *imports.ImportRun, error) {
	if _, ok := specs[kind]; !ok {
		_, err := ParseKind(string(kind))
		return nil, nil, err
	}
	run := &imports.ImportRun{UserID: opt.Viewer.UserID, UserName: opt.Viewer.Name, Source: opt.Source,
		Kind: string(kind), FileName: truncate(opt.FileName, 255)}
	if opt.SourceID != 0 {
		run.SourceID = &opt.SourceID
	}
	if opt.OnlyDepartment != 0 {
		run.DepartmentID = &opt.OnlyDepartment
	}
	if err := imports.New(im.store).StartImportRun(ctx, run); err != nil {
		return nil, nil, err
	}
	return &Report{Kind: kind, FileName: opt.FileName, RunID: run.ID}, run, nil
}

// end records the outcome of a run and returns the import's error, or the
// failure to record it.
func (im *Importer) end(run *imports.ImportRun, rep *Report, err error) error {
	rep.Duration = time.Since(run.StartedAt)
	var in *InputError
	var he *headerError
	switch {
	case errors.As(err, &he):
		rep.Errors = append(rep.Errors, RowError{Line: he.line, Message: he.Error()})
		err = ErrRejected
	case errors.As(err, &in):
		rep.Errors = append(rep.Errors, RowError{Message: in.Message})
	}
	run.Format, run.SHA256 = rep.Format, rep.SHA256
	run.Read, run.Inserted, run.Updated, run.Unchanged, run.Rejected = rep.Read, rep.Inserted, rep.Updated, rep.Unchanged, rep.Rejected
	run.DurationMS = max(rep.Duration.Milliseconds(), 1)
	switch {
	case err == nil && rep.Rejected > 0:
		run.Status, run.Message = imports.RunPartial, rep.Summary()
	case err == nil:
		run.Status, run.Message = imports.RunDone, rep.Summary()
	case errors.Is(err, ErrRejected) && len(rep.Errors) > 0:
		run.Status, run.Message = imports.RunRejected, UserMessage(err)+"："+rep.Errors[0].Message
	case errors.Is(err, ErrPull):
		run.Status, run.Message = imports.RunFailed, UserMessage(err)
	case errors.Is(err, ErrRejected), errors.As(err, &in), errors.Is(err, ErrScope):
		run.Status, run.Message = imports.RunRejected, UserMessage(err)
	default:
		run.Status, run.Message = imports.RunFailed, UserMessage(err)
	}
	if ferr := imports.New(im.store).FinishImportRun(run); ferr != nil && err == nil {
		return ferr
	}
	return err
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
