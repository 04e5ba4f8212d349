package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/sources"
)

// ErrPull: a registered source could not be fetched (no answer, an HTTP
// error, a timeout); the run is recorded as failed.
var ErrPull = errors.New("拉取失败")

// Puller fetches registered sources and imports what they serve, through
// the same path as an upload, scoped to the source's department.
type Puller struct {
	im     *Importer
	client *http.Client
	log    *slog.Logger
}

// DefaultPullTimeout bounds one fetch, body included.
const DefaultPullTimeout = 2 * time.Minute

// NewPuller returns a puller that fetches with timeout (DefaultPullTimeout
// if zero); the body may not exceed the importer's Limits. log may be nil.
func NewPuller(im *Importer, timeout time.Duration, log *slog.Logger) *Puller {
	if timeout <= 0 {
		timeout = DefaultPullTimeout
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Puller{im: im, client: &http.Client{Timeout: timeout}, log: log}
}

// Pull fetches a source now and imports the body (CSV, XLSX or JSON, told
// by its content). by is who asked: an office user, or models.System for the
// scheduler. The run is recorded in the history with the source, and the
// outcome on the source. Errors are File's, plus ErrPull.
func (p *Puller) Pull(ctx context.Context, sourceID uint, by models.Viewer) (*Report, error) {
	src, err := sources.New(p.im.store).Source(ctx, models.System, sourceID)
	if err != nil {
		return nil, err
	}
	if src.URL == "" {
		return nil, models.Invalid("url", "refuse.ingest.no_url")
	}
	if src.Disabled {
		return nil, models.Invalid("disabled", "refuse.ingest.disabled")
	}
	kind, err := ParseKind(src.Kind)
	if err != nil {
		return nil, err
	}
	at := time.Now()
	body := &fetch{ctx: ctx, client: p.client, src: src}
	defer body.Close()
	rep, err := p.im.File(ctx, kind, fileNameOf(src.URL), body, Options{
		Source: "pull", SourceID: src.ID, FileName: src.URL, Viewer: by, OnlyDepartment: src.DepartmentID,
	})
	if rep != nil {
		run, rerr := imports.New(p.im.store).ImportRun(ctx, models.System, rep.RunID)
		if rerr == nil {
			rerr = sources.New(p.im.store).RecordPull(ctx, src.ID, at, run)
		}
		if rerr != nil && err == nil {
			err = rerr
		}
	}
	return rep, err
}

// fileNameOf is the last part of a URL's path, for the error file's name.
func fileNameOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && path.Base(u.Path) != "/" && path.Base(u.Path) != "." {
		return path.Base(u.Path)
	}
	return raw
}

// fetch is a source's body, requested on the first Read so that a failed
// request surfaces where the importer reads its input, and is recorded like
// any unreadable file.
type fetch struct {
	ctx    context.Context
	client *http.Client
	src    *sources.Source
	body   io.ReadCloser
	err    error
}

func (f *fetch) Read(p []byte) (int, error) {
	if f.body == nil && f.err == nil {
		f.body, f.err = f.open()
	}
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.body.Read(p)
	if err != nil && err != io.EOF {
		return n, pullError(err, "读取 %s 时中断或超时", f.src.URL)
	}
	return n, err
}

func (f *fetch) open() (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, f.src.URL, nil)
	if err != nil {
		return nil, pullError(err, "地址 %s 无效", f.src.URL)
	}
	req.Header.Set("Accept", "text/csv, application/json, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;q=0.9, */*;q=0.5")
	req.Header.Set("User-Agent", "gongkai")
	if f.src.PullToken != "" {
		req.Header.Set("Authorization", "Bearer "+f.src.PullToken)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, pullError(err, "无法连接 %s 或请求超时", f.src.URL)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, pullError(fmt.Errorf("HTTP %s", resp.Status), "%s 返回了 %s", f.src.URL, resp.Status)
	}
	return resp.Body, nil
}

// Close releases the connection.
func (f *fetch) Close() error {
	if f.body != nil {
		return f.body.Close()
	}
	return nil
}

func pullError(cause error, format string, args ...any) error {
	return &InputError{Kind: ErrPull, Message: "拉取失败：" + fmt.Sprintf(format, args...), Cause: cause}
}
