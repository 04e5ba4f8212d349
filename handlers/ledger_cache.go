package handlers

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/ledger"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// requestLedgerKey identifies the request ledger under a filter: who reads
// it (their role and department decide which requests they see), the
// filter, the day (deadlines move daily) and the state of the data: the
// count of audited changes (models.Store.Changes; every change of a
// request, of the calendar or of the scheme's time limits, and every
// import, is audited). Every page of it is cut from the one list kept.
type requestLedgerKey struct {
	Role    models.Role
	Dept    uint
	Filter  ledger.RequestFilter
	Today   scoring.Date
	Changes int64
}

// requestLedgerRows bounds the rows the kept ledgers hold in all (a few
// hundred bytes each): a year of 100,000 requests is read and sorted by
// due date once per change, not on every view.
const requestLedgerRows = 100_000

// keptLedger is the request ledger under a filter with the channels its
// filter offers (the office's list of them changes audited too).
type keptLedger struct {
	*ledger.RequestList
	Channels []models.Channel
}

// requestList is the ledger under f as v reads it, every row, from the
// cache when nothing changed since it was read, and the key it is kept by.
func (s *Server) requestList(c *fiber.Ctx, v models.Viewer, f ledger.RequestFilter, today scoring.Date) (*keptLedger, requestLedgerKey, error) {
	ctx := c.UserContext()
	changes, err := s.store.Changes(ctx)
	if err != nil {
		return nil, requestLedgerKey{}, err
	}
	key := requestLedgerKey{Role: v.Role, Dept: v.DepartmentID, Filter: f, Today: today, Changes: changes}
	l, err := s.ledgers.GetSized(key, func() (*keptLedger, int, error) {
		l, err := ledger.New(s.store).Requests(ctx, v, f, today)
		if err != nil {
			return nil, 0, err
		}
		channels, err := s.store.Channels(ctx, models.ChannelRequest)
		if err != nil {
			return nil, 0, err
		}
		return &keptLedger{RequestList: l, Channels: channels}, len(l.Rows) + len(channels), nil
	})
	return l, key, err
}

// renderedKey identifies a page of a kept list rendered: the list's key
// (which names the stamp of change it was read at), the page and the
// language.
type renderedKey struct {
	List any // a comparable key: requestLedgerKey, publicationsKey, inboxKey
	Page int
	Lang views.Lang
}

// renderedBytes bounds the rendered pages kept, in bytes of HTML (a page
// of fifty rows is 10-20 KB).
const renderedBytes = 32 << 20

// rendered is the partial template name rendered with what fill puts in
// its data, kept under (list, page, language): a page of a list that has
// not changed is rendered once, not on every view. Nothing a viewer alone
// has (a session, a CSRF token) may be in it.
func (s *Server) rendered(c *fiber.Ctx, list any, page int, name string, fill func(data fiber.Map) error) (template.HTML, error) {
	key := renderedKey{List: list, Page: page, Lang: lang(c)}
	return s.renders.GetSized(key, func() (template.HTML, int, error) {
		data := fiber.Map{"Lang": key.Lang}
		if err := fill(data); err != nil {
			return "", 0, err
		}
		html, err := s.renderPart(name, data)
		return html, len(html), err
	})
}
