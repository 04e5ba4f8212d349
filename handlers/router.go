package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
)

// routeProp is a property of a route that a middleware running before
// fiber picks the route must know (the body limit, the time budget). It is
// declared where the route is registered, so no list of paths elsewhere has
// to be kept in step with the routes.
type routeProp uint8

const (
	// takesFiles: the route takes files, up to UploadBodyLimit from a signed-in
	// user, and runs under the import's time budget.
	takesFiles routeProp = 1 << iota
	// compute: the route scores a whole year, under ComputeTimeout.
	compute
)

// router registers the routes (get, post) and keeps each one's properties
// in the order of registration.
type router struct {
	*fiber.App
	routes []declared
}

// declared is a registered route: method, path split in segments, and its
// properties.
type declared struct {
	method   string
	segments []string
	props    routeProp
}

// get and post register a route with the action it needs: checked by can,
// and kept as the route's name, which the route × role matrix test reads;
// props are the route's properties (takesFiles, compute).
func get(r *router, path string, a models.Action, h fiber.Handler, props ...routeProp) {
	r.Get(path, can(a), h).Name(string(a))
	r.declare(fiber.MethodGet, path, props)
}

func post(r *router, path string, a models.Action, h fiber.Handler, props ...routeProp) {
	r.Post(path, can(a), h).Name(string(a))
	r.declare(fiber.MethodPost, path, props)
}

func (r *router) declare(method, path string, props []routeProp) {
	d := declared{method: method, segments: splitPath(path)}
	for _, p := range props {
		d.props |= p
	}
	r.routes = append(r.routes, d)
}

// has reports whether the route the request goes to has property p: the
// first route registered for its method whose path matches, as fiber picks
// it (paths compared without case and without a trailing slash, fiber's
// defaults).
func (r *router) has(c *fiber.Ctx, p routeProp) bool {
	segs := splitPath(c.Path())
	for _, d := range r.routes {
		if d.method == c.Method() && matchSegments(d.segments, segs) {
			return d.props&p != 0
		}
	}
	return false
}

func splitPath(path string) []string {
	return strings.Split(strings.Trim(path, "/"), "/")
}

// matchSegments matches a path against a route's segments: a literal
// segment matches itself, a parameter (:id, or :id.json with a fixed
// suffix) any non-empty segment ending in the suffix.
func matchSegments(route, path []string) bool {
	if len(route) != len(path) {
		return false
	}
	for i, seg := range route {
		if name, ok := strings.CutPrefix(seg, ":"); ok {
			_, suffix, _ := strings.Cut(name, ".")
			if suffix != "" {
				suffix = "." + suffix
			}
			if len(path[i]) <= len(suffix) || !strings.HasSuffix(strings.ToLower(path[i]), strings.ToLower(suffix)) {
				return false
			}
			continue
		}
		if !strings.EqualFold(seg, path[i]) {
			return false
		}
	}
	return true
}
