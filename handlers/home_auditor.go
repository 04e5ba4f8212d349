package handlers

import (
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
)

// auditTopic is one kind of change the auditor's day follows: the entries
// of one kind of record, only those of Actions when set, never those of
// Skip.
type auditTopic struct {
	Key           string // message key of the heading (home.audit.*)
	Entity        string
	Actions, Skip []string
}

// keeps reports whether the topic lists an entry of the action.
func (t auditTopic) keeps(action string) bool {
	return (t.Actions == nil || slices.Contains(t.Actions, action)) && !slices.Contains(t.Skip, action)
}

// auditTopics are the changes an auditor reads first each day: grades,
// scores, cases, accounts, and what was taken out of the app.
var auditTopics = []auditTopic{
	{"home.audit.grades", "assessment_plan", []string{"propose", "approve_grades", "return_grades", "request_reopen", "approve_reopen", "refuse_reopen", "publish"}, nil},
	{"home.audit.scores", "scores", nil, nil},
	{"home.audit.cases", "accountability_case", nil, nil},
	{"home.audit.accounts", "user", nil, []string{"sign_in", "sign_in_failed", "sign_out"}},
	{"home.audit.exports", "download", nil, nil},
}

// auditDayRows is how many changes of each kind the home lists.
const auditDayRows = 5

// auditSection is one kind of change with its latest entries.
type auditSection struct {
	auditTopic
	Rows []auditRow
}

// auditorHome is the auditor's day: whether the audit chain holds and the
// anchor to keep outside the database, then the latest changes of grades,
// scores, cases and accounts, and the exports, each linked to the record
// and to the log filtered to its kind.
func (s *Server) auditorHome(c *fiber.Ctx, v models.Viewer, data fiber.Map) error {
	ctx := c.UserContext()
	anchor, err := audit.New(s.store).AuditHeadAnchor(ctx)
	if err != nil {
		return err
	}
	l := lang(c)
	names, _, err := s.auditNames(ctx, v, l)
	if err != nil {
		return err
	}
	sections := make([]auditSection, len(auditTopics))
	for i, topic := range auditTopics {
		// Read past the entries of other actions (sign-ins of an account).
		entries, err := audit.New(s.store).AuditEntries(ctx, v, audit.AuditQuery{Entity: topic.Entity, Limit: 10 * auditDayRows})
		if err != nil {
			return err
		}
		sections[i].auditTopic = topic
		for _, e := range entries {
			if len(sections[i].Rows) == auditDayRows {
				break
			}
			if topic.keeps(e.Action) {
				sections[i].Rows = append(sections[i].Rows, readAuditFor(v, e, l, names))
			}
		}
	}
	data["Chain"], data["Anchor"], data["AuditDay"] = s.chainState(c), anchor, sections
	return nil
}
