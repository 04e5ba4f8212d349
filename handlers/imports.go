// Long file: the import pages and the background job runner; issue 22 moves
// the runner beside ingest (models/imports), which brings this file under
// 400 lines.

package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/sources"
)

// jobView is a job's state as a page shows it.
type jobView struct {
	ID, FileName, Message string
	Kind                  ingest.Kind
	Done, Total, Percent  int64
	Finished, Cancelled   bool
	Writing               bool
	Report                *ingest.Report
}

func viewOf(j *imports.ImportJob) (jobView, error) {
	v := jobView{ID: j.ID, FileName: j.FileName, Kind: ingest.Kind(j.Kind), Done: j.Done, Total: j.Total,
		Finished: j.Finished, Cancelled: j.CancelRequested, Writing: j.Writing, Message: j.Message}
	if j.Total > 0 {
		v.Percent = min(100, 100*j.Done/j.Total)
	}
	if j.Report != "" {
		v.Report = new(ingest.Report)
		if err := json.Unmarshal([]byte(j.Report), v.Report); err != nil {
			return v, fmt.Errorf("read import job %s: %w", j.ID, err)
		}
	}
	return v, nil
}

// imports is the office's import page: upload, templates, history.
func (s *Server) imports(c *fiber.Ctx) error {
	return s.importsPage(c, fiber.Map{})
}

// importsPage is the import page; data carries a rejected upload as
// chosen, with its errors.
func (s *Server) importsPage(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	runs, err := imports.New(s.store).ImportRuns(c.UserContext(), v, imports.ImportRunFilter{Limit: 100})
	if err != nil {
		return err
	}
	data["Kinds"], data["Runs"] = ingest.Kinds, runs
	return s.page(c, "imports", "import.title", data)
}

// importForm is an upload as chosen: the kind, the file's name (a browser
// never lets a page choose the file again) and whether to keep good rows.
type importForm struct {
	Kind, File, Partial string
}

// Validate needs a known kind and a file.
func (f importForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if _, err := ingest.ParseKind(f.Kind); err != nil {
		errs.Add("kind", "import.badkind")
	}
	if f.File == "" {
		errs.Add("file", "import.nofile")
	}
	return errs
}

// startImport hands the upload to the background runner (models/imports)
// and shows the job's page.
func (s *Server) startImport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	fh, _ := c.FormFile("file")
	f := importForm{Kind: c.FormValue("kind"), Partial: c.FormValue("partial")}
	if fh != nil {
		f.File = fh.Filename
	}
	if data := (fiber.Map{}); !validate(c, f, data) {
		return s.importsPage(c, data)
	}
	kind, _ := ingest.ParseKind(f.Kind)
	body, err := fh.Open()
	if err != nil {
		return fmt.Errorf("read upload: %w", err)
	}
	defer body.Close()
	id, err := s.runner.Start(c.UserContext(), imports.Upload{Viewer: v, Kind: string(kind), FileName: fh.Filename, Partial: f.Partial != ""}, body)
	if err != nil {
		return err
	}
	return c.Redirect("/imports/jobs/"+id, fiber.StatusSeeOther)
}

// ownJob reads the viewer's own job, on whichever instance runs it.
func (s *Server) ownJob(c *fiber.Ctx) (jobView, error) {
	v, _ := viewer(c)
	j, err := imports.New(s.store).ImportJobOf(c.UserContext(), v, c.Params("id"))
	if err != nil {
		return jobView{}, err
	}
	return viewOf(j)
}

// importJobPage shows a job's progress, refreshing itself until it ends.
func (s *Server) importJobPage(c *fiber.Ctx) error {
	jv, err := s.ownJob(c)
	if err != nil {
		return err
	}
	data := fiber.Map{"Job": jv}
	if !jv.Finished {
		data["Refresh"] = 2 // no script needed: the page reloads itself
	}
	return s.page(c, "import_job", "import.title", data)
}

// cancelImport is POST /imports/jobs/:id/cancel: the job stops at its next
// check and its transaction is rolled back; the run is recorded as failed.
// On the instance running it, it stops at once; on another, within a tick.
func (s *Server) cancelImport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id := c.Params("id")
	if err := s.runner.Cancel(c.UserContext(), v, id); err != nil {
		return err
	}
	return c.Redirect("/imports/jobs/"+url.PathEscape(id), fiber.StatusSeeOther)
}

// importErrors downloads the bad rows of a partial or rejected import, in
// the format of the upload, ready to fix and upload again.
func (s *Server) importErrors(c *fiber.Ctx) error {
	jv, err := s.ownJob(c)
	if err != nil {
		return err
	}
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
	case errors.Is(err, sources.ErrBadToken):
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

// userMessage is ingest.UserMessage for a page: a Store refusal in the
// reader's language, any other error as UserMessage words it.
func userMessage(c *fiber.Ctx, err error) string {
	var in *ingest.InputError
	var verr *models.ValidationError
	if !errors.As(err, &in) && errors.As(err, &verr) {
		return verr.Text(lang(c))
	}
	return ingest.UserMessage(err)
}
