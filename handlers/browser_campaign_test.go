package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/campaigns"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// Seed 002's plan, as the office types it into the demo on its day
// (7 December): 集中填报 to 10 December, 检查督促 to 14 December; 治安支队
// and 刑警支队 answer for every task.
const (
	browserPhases = "集中填报阶段｜2026-12-08｜2026-12-10｜根据梳理的政务公开目录，集中填报、公开和更新一批政务公开信息\n" +
		"检查督促阶段｜2026-12-10｜2026-12-14｜对本级机关和下级公安机关政务公开情况进行检查，通报有关情况"
	browserTasks = "1｜法规文件｜全面梳理和完善应予公开的法律、法规、规范性文件和执法依据｜法制支队｜治安支队、刑警支队｜2026-12-10\n" +
		"1｜公共服务｜公开各项便民利民措施和办事指南｜指挥中心行政服务处｜治安支队、刑警支队｜2026-12-10\n" +
		"2｜公告公示｜及时公开公众关注的重大案（事）件侦破、查处情况｜指挥中心行政服务处｜治安支队、刑警支队｜2026-12-14"
)

// The office drafts seed 002's campaign, the leading group approves it;
// 治安支队's head reports its tasks from its home while 刑警支队 reports
// nothing; at each phase's end the office checks (刑警支队 未完成) and issues
// the phase's 通报; the first is posted and a visitor without a session
// reads it at /public/documents/:id; the board puts 刑警支队 first.
func TestBrowserCampaignTwoPhases(t *testing.T) {
	exec := chromiumPath(t)
	store := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(context.Background(), store, demoDay); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	clk := &clock{now: demoDay}
	base := serve(t, handlers.New(store, handlers.Options{Now: clk.Now}))

	office := newBrowser(t, exec)
	office.signIn(t, base, "office")
	var page string
	err := chromedp.Run(office.ctx,
		chromedp.Navigate(base+"/campaigns"),
		chromedp.SetValue(`#campaign-form input[name=title]`, "关于进一步推进全市公安机关政务公开工作实施方案（第二轮）"),
		chromedp.SetValue(`#campaign-form input[name=scope]`, "市局各部门"),
		chromedp.SetValue(`#campaign-form textarea[name=phases]`, browserPhases),
		chromedp.SetValue(`#campaign-form textarea[name=tasks]`, browserTasks),
		chromedp.Click(`#campaign-form-save`),
		chromedp.WaitVisible(`#campaign-title`),
		chromedp.Location(&page),
		chromedp.Click(`#campaign-submit`),
		chromedp.WaitVisible(`p.flash`),
	)
	if err != nil {
		t.Fatalf("the office drafts and submits: %v", err)
	}
	leader := newBrowser(t, exec)
	leader.signIn(t, base, "leader")
	var status string
	err = chromedp.Run(leader.ctx, chromedp.Navigate(page), chromedp.Click(`#campaign-approve`), chromedp.WaitVisible(`p.flash`), chromedp.Text(`#campaign-status`, &status))
	if err != nil || status != "已批准实施" {
		t.Fatalf("the leading group approves: %v %q", err, status)
	}

	st := campaigns.New(store)
	list, _ := st.List(context.Background(), models.System)
	id := list[0].ID
	phases, _ := st.Phases(context.Background(), id)
	parts, _ := st.Parts(context.Background(), models.System, id, 0)
	head := newBrowser(t, exec)
	head.signIn(t, base, "head")
	var todo string
	if err := chromedp.Run(head.ctx, chromedp.Text(`#campaign-tasks`, &todo)); err != nil || !strings.Contains(todo, "法规文件") {
		t.Fatalf("the head's home lists the campaign's tasks: %v %q", err, todo)
	}
	report := func(phase uint) {
		t.Helper()
		for _, p := range parts {
			if p.PhaseID != phase || p.Department != "治安支队" {
				continue
			}
			form := "#report-" + itoa(p.ID)
			err := chromedp.Run(head.ctx,
				chromedp.Navigate(page),
				chromedp.SetValue(form+` textarea[name=note]`, p.Category+"已在门户网站公开"),
				chromedp.Submit(form+` textarea[name=note]`),
				chromedp.WaitVisible(`p.flash`),
			)
			if err != nil {
				t.Fatalf("the head reports %s: %v", p.Category, err)
			}
		}
	}
	check := func(phase uint) {
		t.Helper()
		form := "#check-" + itoa(phase)
		var actions []chromedp.Action
		actions = append(actions, chromedp.Navigate(page))
		for _, p := range parts {
			if p.PhaseID != phase {
				continue
			}
			outcome := "done"
			if p.Department == "刑警支队" {
				outcome = "undone"
				actions = append(actions, chromedp.SetValue(form+` input[name=finding_`+itoa(p.ID)+`]`, "未报送，相关信息未公开"))
			}
			actions = append(actions, chromedp.SetValue(form+` select[name=outcome_`+itoa(p.ID)+`]`, outcome))
		}
		actions = append(actions, chromedp.Click(`#check-submit-`+itoa(phase)), chromedp.WaitVisible(`p.flash`),
			chromedp.Click(`#bulletin-`+itoa(phase)), chromedp.WaitVisible(`article.gw`))
		if err := chromedp.Run(office.ctx, actions...); err != nil {
			t.Fatalf("the office checks phase %d and issues its 通报: %v", phase, err)
		}
	}

	report(phases[0].ID)
	clk.Advance(3*24*time.Hour + time.Hour) // 10 December: the first phase ends
	check(phases[0].ID)
	var publicURL string
	err = chromedp.Run(office.ctx,
		chromedp.Click(`#post-bulletin`),
		chromedp.WaitVisible(`#posted`),
		chromedp.AttributeValue(`#public-link`, "href", &publicURL, nil),
	)
	if err != nil {
		t.Fatalf("the office posts the 通报: %v", err)
	}
	office.screenshot(t, "campaign_bulletin.png")

	visitor := newBrowser(t, exec)
	var notice string
	err = chromedp.Run(visitor.ctx, chromedp.Navigate(base+publicURL), chromedp.WaitVisible(`article.gw`), chromedp.Text(`article.gw`, &notice))
	if err != nil {
		t.Fatalf("the public page of the 通报: %v", err)
	}
	for _, want := range []string{"公开通报〔2026〕", "》集中填报阶段检查情况的通报", "刑警支队", "未报送，相关信息未公开", "予以通报批评", "治安支队按时完成本阶段全部任务", "2026年12月10日"} {
		if !strings.Contains(notice, want) {
			t.Errorf("the public 通报 does not say %q: %.400s", want, notice)
		}
	}

	report(phases[1].ID)
	head.screenshot(t, "campaign_head.png")
	clk.Advance(4 * 24 * time.Hour) // 14 December: the second phase ends
	check(phases[1].ID)
	var first string
	err = chromedp.Run(office.ctx, chromedp.Navigate(page+"/board"), chromedp.WaitVisible(`#board`), chromedp.Text(`#board tbody tr:first-child th`, &first))
	if err != nil || first != "刑警支队" {
		t.Errorf("the board's first unit: %q %v", first, err)
	}
	office.chartsRender(t, page+"/board")
	office.screenshot(t, "campaign_board.png")
	var bulletins string
	if err := chromedp.Run(office.ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#bulletins`), chromedp.Text(`#bulletins`, &bulletins)); err != nil {
		t.Fatal(err)
	}
	if strings.Count(bulletins, "已在门户网站公开") != 1 {
		t.Errorf("two 通报 issued, one posted: %q", bulletins)
	}
	office.screenshot(t, "campaign.png")
	for _, b := range []*browser{office, leader, head, visitor} {
		b.check(t)
	}
}
