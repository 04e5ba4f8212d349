package handlers_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/campaigns"
	"github.com/gongkai/gongkai/models/modelstest"
)

// campaignFixture is the matrix's campaign: approved, its first phase
// checked with its 通报 issued, its second ended and waiting for the check
// (of the own department's part, checkPart), its third open with the own
// department's part (reportPart).
type campaignFixture struct {
	id, checkPhase, checkPart, reportPart, bulletin uint
}

func newCampaignFixture(t *testing.T, b *bureau) campaignFixture {
	t.Helper()
	ctx := context.Background()
	st := campaigns.New(b.store)
	office := models.Viewer{Name: "办公室", Role: models.RoleOffice}
	ps, err := campaigns.ParsePhases("调研梳理阶段｜2026-02-10｜2026-02-15\n集中填报阶段｜2026-02-15｜2026-02-25\n检查督促阶段｜2026-02-25｜2026-03-20")
	modelstest.Must(t, err)
	ts, err := campaigns.ParseTasks("1｜政务公开目录｜编写目录｜-｜治安支队｜2026-02-15\n2｜法规文件｜梳理法规文件｜-｜治安支队｜2026-02-25\n3｜检查督促｜自查｜-｜治安支队｜2026-03-20")
	modelstest.Must(t, err)
	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	c, err := st.Create(ctx, office, campaigns.Input{Title: "矩阵专项行动", Phases: ps, Tasks: ts}, at)
	modelstest.Must(t, err)
	modelstest.Must(t, st.Take(ctx, office, c.ID, campaigns.Submit, "", at))
	modelstest.Must(t, st.Take(ctx, models.Viewer{Name: "组长", Role: models.RoleLeader}, c.ID, campaigns.Approve, "", at))
	phases, _ := st.Phases(ctx, c.ID)
	parts, _ := st.Parts(ctx, office, c.ID, 0)
	f := campaignFixture{id: c.ID, checkPhase: phases[1].ID}
	for _, p := range parts {
		switch p.PhaseID {
		case phases[0].ID:
			modelstest.Must(t, st.CheckPhase(ctx, office, c.ID, p.PhaseID, []campaigns.CheckInput{{AssignmentID: p.ID, Outcome: campaigns.Done}}, time.Date(2026, 2, 16, 9, 0, 0, 0, time.UTC)))
		case phases[1].ID:
			f.checkPart = p.ID
		default:
			f.reportPart = p.ID
		}
	}
	doc, err := st.IssueBulletin(ctx, office, c.ID, phases[0].ID, time.Date(2026, 2, 17, 9, 0, 0, 0, time.UTC))
	modelstest.Must(t, err)
	f.bulletin = doc.ID
	return f
}

func (f *matrixFixture) campaignPath(rest string) string {
	return "/campaigns/" + itoa(f.camp.id) + rest
}

// The campaigns' POST routes, each with a valid form on the fixture's
// campaign.
func init() {
	posts := map[string]func(f *matrixFixture, r models.Role) matrixTarget{
		"/campaigns": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: "/campaigns", form: f.values("title", "矩阵新方案", "phases", "集中填报阶段｜2026-03-03｜2026-03-05",
				"tasks", "1｜法规文件｜梳理｜-｜治安支队｜2026-03-05")}
		},
		"/campaigns/:id": func(f *matrixFixture, _ models.Role) matrixTarget {
			// The fixture's campaign is approved: a valid form, refused by the Store.
			return matrixTarget{path: f.campaignPath(""), form: f.values("title", "矩阵专项行动", "phases", "集中填报阶段｜2026-03-03｜2026-03-05",
				"tasks", "1｜法规文件｜梳理｜-｜治安支队｜2026-03-05")}
		},
		"/campaigns/:id/submit": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: f.campaignPath("/submit"), form: url.Values{}}
		},
		"/campaigns/:id/approve": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: f.campaignPath("/approve"), form: url.Values{}}
		},
		"/campaigns/:id/return": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: f.campaignPath("/return"), form: f.values("reason", "请补充责任单位")}
		},
		"/campaigns/:id/parts/:part/report": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: f.campaignPath("/parts/" + itoa(f.camp.reportPart) + "/report"), form: f.values("note", "已完成自查")}
		},
		"/campaigns/:id/phases/:phase/check": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: f.campaignPath("/phases/" + itoa(f.camp.checkPhase) + "/check"), form: f.values("outcome_"+itoa(f.camp.checkPart), "done")}
		},
		"/campaigns/:id/phases/:phase/bulletin": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: f.campaignPath("/phases/" + itoa(f.camp.checkPhase) + "/bulletin"), form: url.Values{}}
		},
		"/campaigns/:id/documents/:doc/post": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: f.campaignPath("/documents/" + itoa(f.camp.bulletin) + "/post"), form: url.Values{}}
		},
		"/campaigns/:id/documents/:doc/correct": func(f *matrixFixture, _ models.Role) matrixTarget {
			return matrixTarget{path: f.campaignPath("/documents/" + itoa(f.camp.bulletin) + "/correct"), form: f.values("correction", "第二项改为部分完成。")}
		},
	}
	for path, build := range posts {
		matrixPosts[path] = build
	}
}
