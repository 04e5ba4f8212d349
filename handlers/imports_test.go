package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/sources"
)

// uploadImport posts a file to /imports and follows the job until it ends.
func (c *client) uploadImport(kind, name, data string, partial bool) (jobPath, page string) {
	c.t.Helper()
	var body bytes.Buffer
	w := multipartWriter(&body, map[string]string{"_csrf": c.token("/imports"), "kind": kind, "partial": map[bool]string{true: "1"}[partial]}, name, data)
	req := httptest.NewRequest(http.MethodPost, "/imports", &body)
	req.Header.Set("Content-Type", w)
	resp, _ := c.do(req)
	jobPath = resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(jobPath, "/imports/jobs/") {
		c.t.Fatalf("upload: %d → %q", resp.StatusCode, jobPath)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, page = c.get(jobPath); !strings.Contains(page, `http-equiv="refresh"`) {
			return jobPath, page
		}
	}
	c.t.Fatal("import did not finish")
	return "", ""
}

func TestOfficeUploadsWithProgressHistoryAndErrorFile(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)

		good := "部门,目录序号,标题,公开形式,公开日期,索引号\nSJ09,23,案例一,网站,2024-03-05,A-1\nSJ09,23,案例二,网站,2024/3/6,A-2\n"
		_, page := c.uploadImport("publications", "公开记录.csv", good, false)
		if !strings.Contains(page, "新增 2 行") {
			t.Fatalf("job page after a good file: %.400s", page)
		}
		bad := good + "不存在的部门,23,案例三,网站,2024-03-07,A-3\n"
		job, page := c.uploadImport("publications", "公开记录.csv", bad, true)
		if !strings.Contains(page, "第 4 行") || !strings.Contains(page, "/errors") {
			t.Fatalf("partial job page lacks the line-numbered error or the error file: %.600s", page)
		}
		resp, errFile := c.get(job + "/errors")
		if resp.StatusCode != 200 || !strings.Contains(errFile, "不存在的部门") || !strings.Contains(errFile, "错误原因") {
			t.Errorf("error file: %d %q", resp.StatusCode, errFile)
		}
		_, history := c.get("/imports")
		if strings.Count(history, "公开记录.csv") < 2 || !strings.Contains(history, "部分导入") {
			t.Error("history does not list both uploads with their outcome")
		}

		other := b.client(t)
		other.signIn("auditor", testPassword)
		if resp, _ := other.get(job); resp.StatusCode != 403 {
			t.Errorf("someone else's job page: %d, want 403", resp.StatusCode)
		}
	})
}

func TestTemplatesDownloadAsXLSX(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		c := newBureau(t, s).client(t)
		c.signIn("head", testPassword)
		resp, body := c.get("/imports/templates/publications")
		if resp.StatusCode != 200 || !strings.HasPrefix(body, "PK") || !strings.Contains(resp.Header.Get("Content-Disposition"), "xlsx") {
			t.Errorf("template: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		if resp, _ := c.get("/imports/templates/nonsense"); resp.StatusCode != 404 {
			t.Errorf("unknown kind: %d", resp.StatusCode)
		}
	})
}

func TestAPIImportWithScopedToken(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		ctx := context.Background()
		src, err := sources.New(s).CreateSource(ctx, models.System, sources.SourceInput{Name: "治安网站", DepartmentID: b.own.ID, Kind: "publications"})
		modelstest.Must(t, err)
		token, tok, err := sources.New(s).IssueAPIToken(ctx, models.System, src.ID)
		modelstest.Must(t, err)

		push := func(bearer, body string) (*http.Response, string) {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/import/publications", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if bearer != "" {
				req.Header.Set("Authorization", "Bearer "+bearer)
			}
			return b.client(t).do(req)
		}
		own := `[{"department":"SJ09","seq":23,"title":"接口推送","channel":"网站","published":"2024-04-01","index_no":"API-1"}]`
		if resp, body := push(token, own); resp.StatusCode != 200 || !strings.Contains(body, `"inserted":1`) {
			t.Fatalf("push: %d %s", resp.StatusCode, body)
		}
		if resp, body := push(token, own); resp.StatusCode != 200 || !strings.Contains(body, `"unchanged":1`) {
			t.Errorf("push again: %d %s", resp.StatusCode, body)
		}
		foreign := strings.ReplaceAll(strings.ReplaceAll(own, "SJ09", "SJ16"), "API-1", "API-2")
		if resp, _ := push(token, foreign); resp.StatusCode != 403 && resp.StatusCode != 422 {
			t.Errorf("another department's row: %d, want refused", resp.StatusCode)
		}
		var n int64
		s.DB.Model(&models.Publication{}).Where("department_id = ?", b.other.ID).Count(&n)
		if n != 0 {
			t.Error("a token wrote another department's row")
		}
		if resp, _ := push("gk_forged", own); resp.StatusCode != 401 {
			t.Errorf("forged token: %d", resp.StatusCode)
		}
		if resp, _ := push("", own); resp.StatusCode != 401 {
			t.Errorf("no token: %d", resp.StatusCode)
		}
		modelstest.Must(t, sources.New(s).RevokeAPIToken(ctx, models.System, tok.ID))
		if resp, _ := push(token, own); resp.StatusCode != 401 {
			t.Errorf("revoked token: %d", resp.StatusCode)
		}
	})
}

func TestSourcesPullFromLoopback(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/csv")
			_, _ = w.Write([]byte("department,seq,title,channel,published,index_no\nSJ09,23,拉取,网站,2024-05-06,P-1\n"))
		}))
		defer feed.Close()
		c := b.client(t)
		c.signIn("office", testPassword)
		form := url.Values{"_csrf": {c.token("/sources")}, "name": {"治安支队网站"}, "department": {itoa(b.own.ID)}, "kind": {"publications"}, "url": {"ftp://x"}, "every": {"0"}}
		if resp, body := c.post("/sources", form); resp.StatusCode != 422 || !strings.Contains(body, "http://") {
			t.Errorf("bad URL: %d", resp.StatusCode)
		}
		form.Set("url", feed.URL)
		if resp, _ := c.post("/sources", form); resp.StatusCode != 303 {
			t.Fatalf("register: %d", resp.StatusCode)
		}
		_, page := c.get("/sources")
		id := regexp.MustCompile(`/sources/(\d+)/pull`).FindStringSubmatch(page)
		if id == nil {
			t.Fatal("no pull button")
		}
		c.post("/sources/"+id[1]+"/pull", url.Values{"_csrf": {c.token("/sources")}})
		if _, page = c.get("/sources"); !strings.Contains(page, "新增 1 行") {
			t.Errorf("pull outcome not shown: %.300s", page)
		}
		c.post("/sources/"+id[1]+"/tokens", url.Values{"_csrf": {c.token("/sources")}})
		if _, page = c.get("/sources"); !strings.Contains(page, "只显示这一次") {
			t.Error("new token not shown once")
		}
	})
}

// multipartWriter writes fields and one file; it returns the content type.
func multipartWriter(body *bytes.Buffer, fields map[string]string, name, data string) string {
	w := multipart.NewWriter(body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	f, _ := w.CreateFormFile("file", name)
	_, _ = f.Write([]byte(data))
	_ = w.Close()
	return w.FormDataContentType()
}

// Instances are stateless: an import started through one instance shows its
// progress on another, and the cancel button pressed there stops it, with
// nothing written.
func TestImportJobFollowedAndCancelledOnAnotherInstance(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)

		var file strings.Builder
		file.WriteString("部门,目录序号,标题,公开形式,公开日期,索引号\n")
		for i := range 300_000 {
			fmt.Fprintf(&file, "SJ09,23,案例%d,网站,2024-03-05,B-%d\n", i, i)
		}
		var body bytes.Buffer
		ct := multipartWriter(&body, map[string]string{"_csrf": c.token("/imports"), "kind": "publications"}, "大文件.csv", file.String())
		req := httptest.NewRequest(http.MethodPost, "/imports", &body)
		req.Header.Set("Content-Type", ct)
		resp, _ := c.do(req)
		job := resp.Header.Get("Location")
		if resp.StatusCode != 303 || !strings.HasPrefix(job, "/imports/jobs/") {
			t.Fatalf("upload: %d → %q", resp.StatusCode, job)
		}

		c.app = handlers.New(s, handlers.Options{Now: b.clock.Now}) // the next request lands on another instance
		if resp, page := c.get(job); resp.StatusCode != 200 || !strings.Contains(page, "大文件.csv") {
			t.Fatalf("the job's page on another instance: %d %.300s", resp.StatusCode, page)
		}
		if resp, _ := c.post(job+"/cancel", url.Values{"_csrf": {c.token(job)}}); resp.StatusCode != 303 {
			t.Fatalf("cancel on another instance: %d", resp.StatusCode)
		}
		var page string
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if _, page = c.get(job); !strings.Contains(page, `http-equiv="refresh"`) {
				break
			}
		}
		if !strings.Contains(page, "导入已被取消") {
			t.Fatalf("job page after cancelling: %.600s", page)
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&models.Publication{}).Count(&n).Error)
		if n != 0 {
			t.Errorf("%d publications kept from the cancelled import", n)
		}
	})
}

// A job whose process died (kill -9 of a container's PID 1: no process to
// finish it, and the next one has the same process id) shows that it
// failed instead of "正在导入…" refreshing for ever, and cancelling it
// answers at once (issue 21, item 6).
func TestImportJobOfADeadProcessShowsItFailed(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		var office models.User
		modelstest.Must(t, s.DB.Where("username = ?", "office").Take(&office).Error)
		ctx := context.Background()
		for _, id := range []string{"deadjob000000001", "deadjob000000002"} {
			modelstest.Must(t, imports.New(s).StartImportJob(ctx, models.System, &imports.ImportJob{ID: id, UserID: office.ID, Kind: "publications", FileName: "崩溃前.csv", StartedAt: time.Now().UTC(), Done: 2, Total: 3}))
			// What a process killed two minutes ago leaves: its last heartbeat.
			modelstest.Must(t, s.DB.Model(&imports.ImportJob{}).Where("id = ?", id).
				Updates(map[string]any{"owner": "container:1:0123456789abcdef", "heartbeat_at": time.Now().UTC().Add(-2 * time.Minute)}).Error)
		}

		_, page := c.get("/imports/jobs/deadjob000000001")
		if strings.Contains(page, `http-equiv="refresh"`) || !strings.Contains(page, imports.ReasonInterrupted) {
			t.Fatalf("the job page of a dead process: %.600s", page)
		}
		job := "/imports/jobs/deadjob000000002"
		if resp, _ := c.post(job+"/cancel", url.Values{"_csrf": {c.token("/imports")}}); resp.StatusCode != 303 {
			t.Fatalf("cancel a dead job: %d", resp.StatusCode)
		}
		var j imports.ImportJob
		modelstest.Must(t, s.DB.Where("id = ?", "deadjob000000002").Take(&j).Error)
		if !j.Finished || j.Message != imports.ReasonInterrupted {
			t.Errorf("a dead job after cancel: finished %v, %q", j.Finished, j.Message)
		}
		if _, page := c.get(job); strings.Contains(page, "正在取消") || !strings.Contains(page, imports.ReasonInterrupted) {
			t.Errorf("the job page after cancelling a dead job: %.600s", page)
		}
	})
}

// An item loaded without a 公开时限 shows on /catalog as 未定公开时限, in
// each language, never as an empty cell.
func TestCatalogShowsItemsWithoutCadence(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 39, Level1: "对内公开", Level2: "党务信息",
			Title: "执行党的方针政策、上级组织决议、决定和工作部署情况", Channels: "公开栏、网站", Lead: "治安支队"}).Error)
		c := b.client(t)
		c.signIn("office", testPassword)
		_, body := c.get("/catalog")
		row, _, _ := strings.Cut(body[strings.Index(body, `id="item-39"`):], "</tr>")
		if !strings.Contains(row, "未定公开时限") {
			t.Errorf("item 39 on /catalog: %s", row)
		}
		c.get("/lang?to=en&back=/catalog")
		_, body = c.get("/catalog")
		if row, _, _ := strings.Cut(body[strings.Index(body, `id="item-39"`):], "</tr>"); !strings.Contains(row, "No disclosure deadline set") {
			t.Errorf("item 39 on /catalog in English: %s", row)
		}
	})
}
