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
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The command line's score --year without --as-of, the office's form on
// /scores and the new assessment plan's form offer the same cut-off, on any
// day: 2 February of the next year, or today while that day is still to
// come.
func TestCommandLineAndWebFormsGiveTheSameDefaultCutOff(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	const password = "correct horse battery staple"
	_, err := accounts.New(s).CreateUser(context.Background(), models.System, accounts.NewUser{Username: "office", Name: "办公室", Role: models.RoleOffice, Password: password})
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
		day := tc.now.Format(time.DateOnly)
		cli, err := asOfDate("", tc.year, tc.now)
		modelstest.Must(t, err)
		office := signIn(t, handlers.New(s, handlers.Options{Now: func() time.Time { return tc.now }}), password)
		scores := fieldValue(t, office("/scores?year="+strconv.Itoa(tc.year)), "as_of")
		if cli.String() != tc.want || scores != tc.want {
			t.Errorf("year %d on %s: the command line takes %s and /scores offers %s, want %s for both", tc.year, day, cli, scores, tc.want)
		}
		plan := office("/assessment/new")
		year, err := strconv.Atoi(fieldValue(t, plan, "year"))
		modelstest.Must(t, err)
		cli, err = asOfDate("", year, tc.now)
		modelstest.Must(t, err)
		if got := fieldValue(t, plan, "as_of"); got != cli.String() {
			t.Errorf("a new plan for %d on %s offers the cut-off %s, the command line %s", year, day, got, cli)
		}
	}
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// signIn signs the office in to app and answers a browser that reads its
// pages.
func signIn(t *testing.T, app *fiber.App, password string) func(path string) string {
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
	return func(path string) string { return do(httptest.NewRequest(http.MethodGet, path, nil)) }
}

// fieldValue is the value an input named name offers on page.
func fieldValue(t *testing.T, page, name string) string {
	t.Helper()
	q := regexp.QuoteMeta(name)
	m := regexp.MustCompile(`name="` + q + `"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="` + q + `"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no field %s on the page", name)
	}
	return m[1] + m[2]
}
