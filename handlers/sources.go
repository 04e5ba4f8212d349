package handlers

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/views"
)

// sourceRow is a source with its API tokens, as listed.
type sourceRow struct {
	Source models.Source
	Tokens []models.APIToken
}

// sources lists where departments' records come from, with their tokens.
func (s *Server) sources(c *fiber.Ctx) error {
	return s.sourcesPage(c, models.SourceInput{}, "")
}

func (s *Server) sourcesPage(c *fiber.Ctx, form models.SourceInput, formErr string) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	list, err := s.store.Sources(ctx, v)
	if err != nil {
		return err
	}
	rows := make([]sourceRow, len(list))
	for i, src := range list {
		toks, err := s.store.APITokens(ctx, v, src.ID)
		if err != nil {
			return err
		}
		rows[i] = sourceRow{Source: src, Tokens: toks}
	}
	depts, err := s.store.Departments(ctx, v)
	if err != nil {
		return err
	}
	return s.page(c, "sources", "source.title", fiber.Map{"Rows": rows, "Departments": depts, "Kinds": models.SourceKinds, "Form": form, "Error": formErr})
}

func (s *Server) createSource(c *fiber.Ctx) error {
	v, _ := viewer(c)
	every, _ := strconv.Atoi(c.FormValue("every"))
	in := models.SourceInput{
		Name: strings.TrimSpace(c.FormValue("name")), DepartmentID: formUint(c, "department"), Kind: c.FormValue("kind"),
		URL: strings.TrimSpace(c.FormValue("url")), PullToken: strings.TrimSpace(c.FormValue("token")), EveryMinutes: every,
	}
	_, err := s.store.CreateSource(c.UserContext(), v, in)
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		c.Status(fiber.StatusUnprocessableEntity)
		in.PullToken = ""
		return s.sourcesPage(c, in, verr.Message)
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
		return s.flashBack(c, ingest.UserMessage(err), "/sources")
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
	plain, _, err := s.store.IssueAPIToken(c.UserContext(), v, id)
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
	if err := s.store.RevokeAPIToken(c.UserContext(), v, id); err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "source.tokenrevoked"), "/sources")
}
