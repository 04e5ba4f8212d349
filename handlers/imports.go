package handlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/views"
)

// importJob is an upload being imported in the background, so that a long
// file shows its progress and blocks nobody. Jobs live in memory for an
// hour; the import history (import_runs) is the permanent record.
type importJob struct {
	ID       string
	UserID   uint
	Kind     ingest.Kind
	FileName string
	Started  time.Time

	mu        sync.Mutex
	cancel    context.CancelCauseFunc
	cancelled bool
	done      int
	total     int
	finished  bool
	report    *ingest.Report
	message   string // the outcome, or why it failed, in Chinese
}

// jobView is a job's state as a page shows it.
type jobView struct {
	ID, FileName, Message string
	Kind                  ingest.Kind
	Done, Total, Percent  int
	Finished, Cancelled   bool
	Report                *ingest.Report
}

func (j *importJob) progress(done, total int) {
	j.mu.Lock()
	j.done, j.total = done, total
	j.mu.Unlock()
}

func (j *importJob) view() jobView {
	j.mu.Lock()
	defer j.mu.Unlock()
	v := jobView{ID: j.ID, FileName: j.FileName, Kind: j.Kind, Done: j.done, Total: j.total, Finished: j.finished, Cancelled: j.cancelled, Report: j.report, Message: j.message}
	if j.total > 0 {
		v.Percent = min(100, 100*j.done/j.total)
	}
	return v
}

// jobs holds the background imports.
type jobs struct {
	mu sync.Mutex
	m  map[string]*importJob
}

func (js *jobs) add(j *importJob) {
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.m == nil {
		js.m = map[string]*importJob{}
	}
	for id, old := range js.m {
		if time.Since(old.Started) > time.Hour {
			delete(js.m, id)
		}
	}
	js.m[j.ID] = j
}

// get returns a job to the user who started it, and to nobody else.
func (js *jobs) get(id string, v models.Viewer) (*importJob, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.m[id]
	if !ok || j.UserID != v.UserID {
		return nil, models.ErrNotFound
	}
	return j, nil
}

// imports is the office's import page: upload, templates, history.
func (s *Server) imports(c *fiber.Ctx) error {
	v, _ := viewer(c)
	runs, err := s.store.ImportRuns(c.UserContext(), v, models.ImportRunFilter{Limit: 100})
	if err != nil {
		return err
	}
	return s.page(c, "imports", "import.title", fiber.Map{"Kinds": ingest.Kinds, "Runs": runs})
}

// startImport saves the upload and imports it in the background.
func (s *Server) startImport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	kind, err := ingest.ParseKind(c.FormValue("kind"))
	if err != nil {
		return s.flashBack(c, views.T(lang(c), "import.badkind"), "/imports")
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return s.flashBack(c, views.T(lang(c), "import.nofile"), "/imports")
	}
	// The upload's memory belongs to the request: keep a copy for the job.
	tmp, err := os.CreateTemp("", models.TempPattern())
	if err != nil {
		return fmt.Errorf("spool upload: %w", err)
	}
	if err := c.SaveFile(fh, tmp.Name()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("spool upload: %w", err)
	}
	tmp.Close()
	// The job's context ends with the server (SIGTERM) or its cancel button.
	ctx, cancel := context.WithCancelCause(s.background)
	job := &importJob{ID: randomToken()[:16], UserID: v.UserID, Kind: kind, FileName: fh.Filename, Started: s.opt.Now(), cancel: cancel}
	s.jobs.add(job)
	opt := ingest.Options{Partial: c.FormValue("partial") != "", Source: "file", FileName: fh.Filename, Viewer: v, Progress: job.progress}
	s.running.Add(1)
	go func() {
		defer s.running.Done()
		defer cancel(nil)
		s.runImport(ctx, job, tmp.Name(), opt)
	}()
	return c.Redirect("/imports/jobs/"+job.ID, fiber.StatusSeeOther)
}

// runImport runs one job to the end; the request that started it is gone.
func (s *Server) runImport(ctx context.Context, job *importJob, path string, opt ingest.Options) {
	defer os.Remove(path)
	rep, err := func() (*ingest.Report, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return s.importer.File(ctx, job.Kind, job.FileName, f, opt)
	}()
	job.mu.Lock()
	defer job.mu.Unlock()
	job.finished, job.report = true, rep
	switch {
	case err != nil:
		job.message = ingest.UserMessage(err)
		if !errors.Is(err, ingest.ErrRejected) {
			s.opt.Log.Warn("import failed", "kind", job.Kind, "file", job.FileName, "err", err)
		}
	case rep != nil:
		job.message = rep.Summary()
	}
}

// importJobPage shows a job's progress, refreshing itself until it ends.
func (s *Server) importJobPage(c *fiber.Ctx) error {
	v, _ := viewer(c)
	job, err := s.jobs.get(c.Params("id"), v)
	if err != nil {
		return err
	}
	jv := job.view()
	data := fiber.Map{"Job": jv}
	if !jv.Finished {
		data["Refresh"] = 2 // no script needed: the page reloads itself
	}
	return s.page(c, "import_job", "import.title", data)
}

// cancelImport is POST /imports/jobs/:id/cancel: the job stops at its next
// check and its transaction is rolled back; the run is recorded as failed.
func (s *Server) cancelImport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	job, err := s.jobs.get(c.Params("id"), v)
	if err != nil {
		return err
	}
	job.mu.Lock()
	if !job.finished {
		job.cancelled = true
		job.cancel(ingest.ErrCancelled)
	}
	job.mu.Unlock()
	return c.Redirect("/imports/jobs/"+job.ID, fiber.StatusSeeOther)
}

// importErrors downloads the bad rows of a partial or rejected import, in
// the format of the upload, ready to fix and upload again.
func (s *Server) importErrors(c *fiber.Ctx) error {
	v, _ := viewer(c)
	job, err := s.jobs.get(c.Params("id"), v)
	if err != nil {
		return err
	}
	jv := job.view()
	if jv.Report == nil || len(jv.Report.ErrorFile) == 0 {
		return models.ErrNotFound
	}
	return sendFile(c, jv.Report.ErrorFileName, jv.Report.ErrorFile)
}

// importTemplate downloads the XLSX template of a kind, with Chinese headers.
func (s *Server) importTemplate(c *fiber.Ctx) error {
	kind, err := ingest.ParseKind(c.Params("kind"))
	if err != nil {
		return models.ErrNotFound
	}
	data, err := ingest.Template(kind)
	if errors.Is(err, ingest.ErrNoTemplate) {
		return models.ErrNotFound
	}
	if err != nil {
		return err
	}
	return sendFile(c, ingest.TemplateFileName(kind), data)
}

// sendFile answers with a download; the name may be Chinese (RFC 6266).
func sendFile(c *fiber.Ctx, name string, data []byte) error {
	c.Set(fiber.HeaderContentDisposition, "attachment; filename*=UTF-8''"+url.PathEscape(name))
	c.Set(fiber.HeaderContentType, contentType(name))
	return c.Send(data)
}

func contentType(name string) string {
	switch {
	case len(name) > 5 && name[len(name)-5:] == ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case len(name) > 5 && name[len(name)-5:] == ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case len(name) > 5 && name[len(name)-5:] == ".json":
		return fiber.MIMEApplicationJSONCharsetUTF8
	}
	return "text/csv; charset=utf-8"
}

// apiImport is POST /api/v1/import/{kind}: a JSON array of records pushed
// with a source's API token, scoped to that source's department and kind.
func (s *Server) apiImport(c *fiber.Ctx) error {
	token, ok := bearer(c)
	if !ok {
		return c.Status(fiber.StatusUnauthorized).JSON(fiber.Map{"error": "缺少 API 令牌（Authorization: Bearer …）"})
	}
	kind, err := ingest.ParseKind(c.Params("kind"))
	if err != nil {
		return c.Status(fiber.StatusNotFound).JSON(fiber.Map{"error": "未知的数据类别“" + c.Params("kind") + "”"})
	}
	// The token is checked before the body is read; the body is copied as
	// it arrives to a temporary file.
	var body io.Reader = c.Request().BodyStream()
	if body == nil {
		body = bytes.NewReader(c.Body())
	}
	rep, err := s.importer.Push(c.UserContext(), token, kind, body, c.QueryBool("partial"))
	status := fiber.StatusOK
	switch {
	case err == nil:
	case errors.Is(err, models.ErrBadToken):
		return c.Status(fiber.StatusUnauthorized).JSON(fiber.Map{"error": "API 令牌无效或已被撤销"})
	case errors.Is(err, ingest.ErrScope):
		status = fiber.StatusForbidden
	case errors.Is(err, ingest.ErrRejected):
		status = fiber.StatusUnprocessableEntity
	case errors.Is(err, ingest.ErrTooLarge):
		status = fiber.StatusRequestEntityTooLarge
	case errors.Is(err, ingest.ErrMalformed):
		status = fiber.StatusBadRequest
	default:
		s.opt.Log.Error("API import failed", "kind", kind, "err", err)
		status = fiber.StatusInternalServerError
	}
	return c.Status(status).JSON(apiImportResult(rep, err))
}

// apiImportResult is the JSON answer of an API import.
func apiImportResult(rep *ingest.Report, err error) fiber.Map {
	out := fiber.Map{}
	if err != nil {
		out["error"] = ingest.UserMessage(err)
	}
	if rep == nil {
		return out
	}
	errs := make([]fiber.Map, 0, len(rep.Errors))
	for _, e := range rep.Errors {
		errs = append(errs, fiber.Map{"line": e.Line, "column": e.Column, "message": e.Message})
	}
	out["kind"], out["run_id"], out["read"], out["inserted"] = rep.Kind, rep.RunID, rep.Read, rep.Inserted
	out["updated"], out["unchanged"], out["rejected"] = rep.Updated, rep.Unchanged, rep.Rejected
	out["errors"], out["warnings"] = errs, rep.Warnings
	return out
}

// bearer reads an Authorization: Bearer token.
func bearer(c *fiber.Ctx) (string, bool) {
	const prefix = "Bearer "
	h := c.Get(fiber.HeaderAuthorization)
	if len(h) <= len(prefix) || h[:len(prefix)] != prefix {
		return "", false
	}
	return h[len(prefix):], true
}
