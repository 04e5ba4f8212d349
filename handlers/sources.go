package handlers

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/sources"
	"github.com/gongkai/gongkai/views"
)

// sourceRow is a source with its API tokens, as listed.
type sourceRow struct {
	Source sources.Source
	Tokens []sources.APIToken
}

// sources lists where departments' records come from, with their tokens.
func (s *Server) sources(c *fiber.Ctx) error {
	return s.sourcesPage(c, fiber.Map{"Form": sourceForm{Every: "0"}})
}

// sourcesPage lists the sources; data carries the new source's form, as
// typed when it was rejected, with its errors.
func (s *Server) sourcesPage(c *fiber.Ctx, data fiber.Map) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	list, err := sources.New(s.store).Sources(ctx, v)
	if err != nil {
		return err
	}
	rows := make([]sourceRow, len(list))
	for i, src := range list {
		toks, err := sources.New(s.store).APITokens(ctx, v, src.ID)
		if err != nil {
			return err
		}
		rows[i] = sourceRow{Source: src, Tokens: toks}
	}
	depts, err := s.store.Departments(ctx, v)
	if err != nil {
		return err
	}
	data["Rows"], data["Departments"], data["Kinds"] = rows, depts, sources.SourceKinds
	return s.page(c, "sources", "source.title", data)
}

// sourceForm is a new source as typed; the pull token is a secret, never
// shown again.
type sourceForm struct {
	Name, Department, Kind, URL, Token, Every string
}

func readSourceForm(c *fiber.Ctx) sourceForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	return sourceForm{Name: v("name"), Department: v("department"), Kind: v("kind"), URL: v("url"), Token: v("token"), Every: v("every")}
}

// maxEveryMinutes is a month: the longest interval between two pulls.
const maxEveryMinutes = 60 * 24 * 31

// Validate checks each field's shape; the Store checks how they go
// together (an interval needs an address, and so on).
func (f sourceForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("name", f.Name, 128, true)
	errs.Choice("department", f.Department)
	if !slices.Contains(sources.SourceKinds, f.Kind) {
		errs.Add("kind", "form.choose")
	}
	errs.Text("url", f.URL, 1024, false)
	errs.Text("token", f.Token, 512, false)
	if n, err := strconv.Atoi(f.Every); f.Every != "" && (err != nil || n < 0 || n > maxEveryMinutes) {
		errs.Add("every", "form.bad_whole", 0, maxEveryMinutes)
	}
	return errs
}

func (s *Server) createSource(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := readSourceForm(c)
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.sourcesPage(c, data)
	}
	every, _ := strconv.Atoi(f.Every)
	in := sources.SourceInput{Name: f.Name, DepartmentID: typedID(f.Department), Kind: f.Kind, URL: f.URL, PullToken: f.Token, EveryMinutes: every}
	_, err := sources.New(s.store).CreateSource(c.UserContext(), v, in)
	if refused(c, err, f, data, "name", "department", "kind", "url", "every") {
		return s.sourcesPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "source.created"), "/sources")
}

// pullSource fetches a source now; the outcome is in the import history.
func (s *Server) pullSource(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rep, err := s.puller.Pull(c.UserContext(), id, v)
	switch {
	case errors.Is(err, models.ErrNotFound), errors.Is(err, models.ErrForbidden):
		return err
	case err != nil:
		return s.flashBack(c, userMessage(c, err), "/sources")
	}
	return s.flashBack(c, rep.Summary(), "/sources")
}

// issueToken shows a new API token once; only its hash is kept.
func (s *Server) issueToken(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	plain, _, err := sources.New(s.store).IssueAPIToken(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "source.tokenissued", plain), "/sources")
}

func (s *Server) revokeToken(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := sources.New(s.store).RevokeAPIToken(c.UserContext(), v, id); err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "source.tokenrevoked"), "/sources")
}
