package imports_test

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/modelstest"
)

// office makes the office's account and answers it as a viewer.
func office(t *testing.T, s *models.Store) models.Viewer {
	t.Helper()
	u, err := accounts.New(s).CreateUser(context.Background(), models.System, accounts.NewUser{Username: "office", Name: "办公室", Role: models.RoleOffice, Password: "correct horse battery"})
	modelstest.Must(t, err)
	return models.Viewer{UserID: u.ID, Name: u.Name, Role: models.RoleOffice}
}

// An upload runs after the request that started it, and its page reads
// what it loaded; another user's cancel finds no such job.
func TestRunnerImportsAnUploadInTheBackground(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	v := office(t, s)
	var running sync.WaitGroup
	r := imports.NewRunner(imports.Config{Store: imports.New(s), Importer: ingest.New(s), Running: &running})
	csv := "code,name,kind,parent,groups\nSJ09,治安支队,市局部门,,\nFJ01,宿城分局,分县局,,\n"
	id, err := r.Start(context.Background(), imports.Upload{Viewer: v, Kind: "departments", FileName: "部门.csv"}, strings.NewReader(csv))
	modelstest.Must(t, err)
	running.Wait()
	j, err := imports.New(s).ImportJobOf(context.Background(), v, id)
	modelstest.Must(t, err)
	if !j.Finished || !strings.Contains(j.Message, "新增 2 行") || j.Report == "" {
		t.Errorf("job after the import: finished %v, message %q, report %d bytes; want finished with the 2 departments counted and a report", j.Finished, j.Message, len(j.Report))
	}
	other := models.Viewer{UserID: v.UserID + 1, Role: models.RoleOffice}
	if err := r.Cancel(context.Background(), other, id); err == nil {
		t.Error("another user cancelled the office's job")
	}
}

// waiting is an import that waits until it is stopped and says why.
type waiting struct{ started chan struct{} }

func (w waiting) ImportUpload(ctx context.Context, _ imports.Upload, _ io.Reader, _ imports.Progress) (string, string, error) {
	close(w.started)
	<-ctx.Done()
	return ingest.UserMessage(context.Cause(ctx)), "", nil
}

// The cancel button stops a job this process runs at once, not at the
// next tick.
func TestRunnerCancelsItsOwnJobAtOnce(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	v := office(t, s)
	var running sync.WaitGroup
	w := waiting{started: make(chan struct{})}
	r := imports.NewRunner(imports.Config{Store: imports.New(s), Importer: w, Running: &running, Tick: time.Hour})
	id, err := r.Start(context.Background(), imports.Upload{Viewer: v, Kind: "departments", FileName: "部门.csv"}, strings.NewReader("code\n"))
	modelstest.Must(t, err)
	<-w.started
	modelstest.Must(t, r.Cancel(context.Background(), v, id))
	running.Wait()
	j, err := imports.New(s).ImportJobOf(context.Background(), v, id)
	modelstest.Must(t, err)
	if !j.Finished || j.Message != imports.ErrCancelled.Error() {
		t.Errorf("cancelled job: finished %v, message %q; want finished, %q", j.Finished, j.Message, imports.ErrCancelled)
	}
}
