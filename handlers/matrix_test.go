package handlers_test

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// matrixParam fills a route's parameters: ids that exist nowhere, so that no
// request of the matrix changes a record, and words the routes expect.
var matrixParam = regexp.MustCompile(`:[a-z]+`)

func matrixPath(path string) string {
	return matrixParam.ReplaceAllStringFunc(path, func(p string) string {
		switch p {
		case ":kind":
			return "publications"
		case ":version":
			return "no-such-version"
		case ":action":
			return "disable"
		}
		return "999999"
	})
}

// tablesDigest is a digest of every table whose content is data: what no
// GET may change. Sessions, sign-in counts and the audit log (a download is
// logged) are left out.
func tablesDigest(t *testing.T, s *models.Store) map[string]string {
	t.Helper()
	tables, err := s.DB.Migrator().GetTables()
	modelstest.Must(t, err)
	out := map[string]string{}
	for _, tb := range tables {
		if slices.Contains([]string{"sessions", "login_failures", "audit_entries", "audit_heads", "sqlite_sequence"}, tb) {
			continue
		}
		var rows []map[string]any
		modelstest.Must(t, s.DB.Table(tb).Find(&rows).Error)
		h := sha256.New()
		for _, r := range rows {
			fmt.Fprintf(h, "%v\n", r)
		}
		out[tb] = fmt.Sprintf("%d %x", len(rows), h.Sum(nil))
	}
	return out
}

// TestRouteRoleMatrix is generated from the router: every route, for every
// role and signed out, answers as the permission table (models.Can) says.
// A route registered without an action fails it. A role the action refuses
// gets 403 before any handler runs; a role it allows is not refused (the
// Store may still answer 404 for what the viewer may not know exists);
// signed out, only public routes answer. No GET changes any data.
func TestRouteRoleMatrix(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	withYear(t, b)
	clients := map[models.Role]*client{}
	for _, r := range models.Roles {
		c := b.client(t)
		if resp := c.signIn(string(r), testPassword); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("sign in %s: %d", r, resp.StatusCode)
		}
		clients[r] = c
	}
	anon := b.client(t)
	tokens := map[*client]string{anon: anon.token("/login")}
	for _, c := range clients {
		tokens[c] = c.token("/")
	}
	before := tablesDigest(t, s)
	cells := 0
	for _, rt := range b.app.GetRoutes(true) {
		if rt.Method != fiber.MethodGet && rt.Method != fiber.MethodPost {
			continue
		}
		a := models.Action(rt.Name)
		if a == "" {
			t.Errorf("%s %s has no action in the permission table", rt.Method, rt.Path)
			continue
		}
		if rt.Path == "/logout" || rt.Path == "/login" {
			continue // they change the client's session; their own tests cover them
		}
		path := matrixPath(rt.Path)
		try := func(c *client) *http.Response {
			var req *http.Request
			if rt.Method == fiber.MethodPost {
				req = httptest.NewRequest(http.MethodPost, path, strings.NewReader("_csrf="+tokens[c]))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			} else {
				req = httptest.NewRequest(http.MethodGet, path, nil)
			}
			resp, _ := c.do(req)
			cells++
			return resp
		}
		resp := try(anon)
		signedOut := resp.StatusCode == fiber.StatusSeeOther && resp.Header.Get("Location") == "/login" || resp.StatusCode == fiber.StatusUnauthorized
		if a != models.ActPublic && !signedOut {
			t.Errorf("signed out %s %s: %d, want the sign-in page", rt.Method, rt.Path, resp.StatusCode)
		}
		if a == models.ActPublic {
			continue
		}
		for _, r := range models.Roles {
			resp := try(clients[r])
			v := models.Viewer{Role: r}
			switch {
			case resp.StatusCode >= 500:
				t.Errorf("%s %s %s: %d", r, rt.Method, rt.Path, resp.StatusCode)
			case !v.Can(a) && resp.StatusCode != fiber.StatusForbidden:
				t.Errorf("%s %s %s: %d, want 403 (%s is for %v)", r, rt.Method, rt.Path, resp.StatusCode, a, models.Allowed(a))
			case v.Can(a) && resp.StatusCode == fiber.StatusForbidden:
				t.Errorf("%s %s %s: 403, but the permission table allows %s", r, rt.Method, rt.Path, a)
			case resp.StatusCode == fiber.StatusSeeOther && resp.Header.Get("Location") == "/login":
				t.Errorf("%s %s %s: signed out", r, rt.Method, rt.Path)
			}
		}
	}
	after := tablesDigest(t, s)
	for tb, d := range before {
		if after[tb] != d {
			t.Errorf("table %s changed during the matrix (a GET or a refused POST changed it)", tb)
		}
	}
	t.Logf("%d route × role cells", cells)
}
