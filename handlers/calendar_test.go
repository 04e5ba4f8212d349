package handlers_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// upload posts one file as a multipart form with the page's CSRF token.
func (c *client) upload(path, page, name string, data []byte) (*http.Response, string) {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", c.token(page))
	f, _ := w.CreateFormFile("file", name)
	_, _ = f.Write(data)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

func TestOfficeAddsNextYearsHolidayNotice(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		notice := `{"year": 2027, "papers": ["https://www.gov.cn/notice-2027"], "days": [
			{"name": "元旦", "date": "2027-01-01", "isOffDay": true},
			{"name": "春节", "date": "2027-02-07", "isOffDay": false}]}`
		resp, _ := c.upload("/calendar", "/calendar", "2027.json", []byte(notice))
		if resp.StatusCode != 303 {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		_, page := c.get("/calendar")
		if !strings.Contains(page, "2027") || !strings.Contains(page, "notice-2027") || !strings.Contains(page, "节假日安排已导入") {
			t.Error("the new year is not listed with its notice")
		}
		cal, err := s.Calendar(t.Context())
		modelstest.Must(t, err)
		if !cal.HasYear(2027) {
			t.Error("scoring's calendar does not know 2027")
		}

		resp, page = c.upload("/calendar", "/calendar", "bad.json", []byte("\x00\x01 not json"))
		if resp.StatusCode != 422 || !strings.Contains(page, `class="error"`) {
			t.Errorf("garbage upload: %d", resp.StatusCode)
		}

		head := b.client(t)
		head.signIn("head", testPassword)
		if resp, _ := head.upload("/calendar", "/calendar", "2027.json", []byte(notice)); resp.StatusCode != 403 {
			t.Errorf("head uploading a notice: %d, want 403", resp.StatusCode)
		}
	})
}
