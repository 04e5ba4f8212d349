package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The command line's score --year without --as-of and the office's form on
// /scores offer the same cut-off, on any day: 2 February of the next year,
// or today while that day is still to come.
func TestCommandLineAndWebFormGiveTheSameDefaultCutOff(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	const password = "correct horse battery staple"
	_, err := s.CreateUser(context.Background(), models.System, models.NewUser{Username: "office", Name: "办公室", Role: models.RoleOffice, Password: password})
	modelstest.Must(t, err)
	for _, tc := range []struct {
		now  time.Time
		year int
		want string
	}{
		{time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC), 2025, "2026-02-02"},
		{time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC), 2025, "2026-01-20"},
		{time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC), 2026, "2026-12-06"},
	} {
		cli, err := asOfDate("", tc.year, tc.now)
		modelstest.Must(t, err)
		web := formCutOff(t, handlers.New(s, handlers.Options{Now: func() time.Time { return tc.now }}), password, tc.year)
		if cli.String() != tc.want || web != tc.want {
			t.Errorf("year %d on %s: the command line takes %s and the web form offers %s, want %s for both",
				tc.year, tc.now.Format(time.DateOnly), cli, web, tc.want)
		}
	}
}

var (
	csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	asOfField = regexp.MustCompile(`name="as_of"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="as_of"`)
)

// formCutOff signs the office in to app and reads the cut-off its form on
// /scores?year= offers.
func formCutOff(t *testing.T, app *fiber.App, password string, year int) string {
	t.Helper()
	cookies := map[string]*http.Cookie{}
	do := func(req *http.Request) string {
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := app.Test(req, -1)
		modelstest.Must(t, err)
		defer resp.Body.Close()
		for _, c := range resp.Cookies() {
			cookies[c.Name] = c
		}
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	m := csrfField.FindStringSubmatch(do(httptest.NewRequest(http.MethodGet, "/login", nil)))
	if m == nil {
		t.Fatal("no CSRF field on /login")
	}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"_csrf": {m[1]}, "username": {"office"}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	do(req)
	page := do(httptest.NewRequest(http.MethodGet, "/scores?year="+strconv.Itoa(year), nil))
	f := asOfField.FindStringSubmatch(page)
	if f == nil {
		t.Fatalf("no as_of field on /scores?year=%d", year)
	}
	return f[1] + f[2]
}
