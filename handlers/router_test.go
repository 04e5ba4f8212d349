package handlers

import (
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
)

// The properties a route is registered with reach the middlewares that run
// before fiber picks the route, for the route fiber picks: the first
// registered for the method whose path matches, case and a trailing slash
// aside.
func TestRoutePropertiesFollowTheRoute(t *testing.T) {
	t.Parallel()
	r := &router{App: fiber.New()}
	var got routeProp
	r.Use(func(c *fiber.Ctx) error {
		got = 0
		for _, p := range []routeProp{takesFiles, compute} {
			if r.has(c, p) {
				got |= p
			}
		}
		return c.SendStatus(fiber.StatusNoContent)
	})
	ok := func(c *fiber.Ctx) error { return nil }
	post(r, "/imports", models.ActPublic, ok, takesFiles)
	get(r, "/imports", models.ActPublic, ok)
	post(r, "/cases/proposals/accept", models.ActPublic, ok)
	post(r, "/cases/:id/attachments", models.ActPublic, ok, takesFiles)
	post(r, "/assessment/:id", models.ActPublic, ok, compute)
	post(r, "/assessment/:id", models.ActPublic, ok, takesFiles) // never reached: fiber takes the first
	get(r, "/overview/chart/:id.json", models.ActPublic, ok, compute)
	for _, tc := range []struct {
		method, path string
		want         routeProp
	}{
		{"POST", "/imports", takesFiles},
		{"POST", "/Imports/", takesFiles},
		{"GET", "/imports", 0},
		{"POST", "/cases/7/attachments", takesFiles},
		{"POST", "/cases//attachments", 0},
		{"POST", "/cases/proposals/accept", 0},
		{"POST", "/assessment/12", compute},
		{"POST", "/assessment/12/step", 0},
		{"GET", "/overview/chart/3.json", compute},
		{"GET", "/overview/chart/.json", 0},
		{"GET", "/overview/chart/3", 0},
	} {
		if _, err := r.Test(httptest.NewRequest(tc.method, tc.path, nil), -1); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s %s: properties %b, want %b", tc.method, tc.path, got, tc.want)
		}
	}
}
