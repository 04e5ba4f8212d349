package handlers

import (
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/ledger"
	"github.com/gongkai/gongkai/scoring"
)

// requestLedgerKey identifies a page of the request ledger (issue 27 item
// 4): who reads it (their role and department decide which requests they
// see), the filter and page, the day (deadlines move daily) and the state
// of the data: the count of audited changes (audit.Store.Changes; every
// change of a request, of the calendar or of the scheme's time limits, and
// every import, is audited). Any change makes a new key.
type requestLedgerKey struct {
	Role    models.Role
	Dept    uint
	Filter  ledger.RequestFilter
	Today   scoring.Date
	Changes int64
}

// requestLedgerCache keeps ledger pages: a year of 100,000 requests is read
// and sorted by due date once per change, not on every view.
type requestLedgerCache struct {
	mu sync.Mutex
	m  map[requestLedgerKey]*ledger.RequestList
}

func (rc *requestLedgerCache) get(k requestLedgerKey) *ledger.RequestList {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.m[k]
}

func (rc *requestLedgerCache) put(k requestLedgerKey, l *ledger.RequestList) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.m == nil || len(rc.m) >= 256 {
		rc.m = map[requestLedgerKey]*ledger.RequestList{}
	}
	rc.m[k] = l
}

// requestList is the ledger page of f as v reads it, from the cache when
// nothing changed since it was read.
func (s *Server) requestList(c *fiber.Ctx, v models.Viewer, f ledger.RequestFilter, today scoring.Date) (*ledger.RequestList, error) {
	ctx := c.UserContext()
	changes, err := audit.New(s.store).Changes(ctx)
	if err != nil {
		return nil, err
	}
	key := requestLedgerKey{Role: v.Role, Dept: v.DepartmentID, Filter: f, Today: today, Changes: changes}
	if l := s.ledgers.get(key); l != nil {
		return l, nil
	}
	l, err := ledger.New(s.store).Requests(ctx, v, f, today)
	if err != nil {
		return nil, err
	}
	s.ledgers.put(key, l)
	return l, nil
}
