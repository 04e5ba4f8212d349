package handlers_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// A document of 治安支队 is registered by its clerk, its attribute agreed by
// the office, its secrecy review signed in five steps by five accounts (the
// clerk, the head, 江海, the secrecy committee office's head, 徐平), 刑警
// answers its consultation 不同意 and the office settles it, and the clerk
// publishes it: the scores read these in-app dates (A1 counts the quarter
// of the catalog item it fills, A2 on time, D2 reviewed before publishing,
// the coordination answered on time for D5). A second
// document, published against 刑警's 不同意 and without review, is flagged
// on its page and proposed to the discipline office (issue 24).
func TestBrowserPublicationWorkedInTheApp(t *testing.T) {
	exec := chromiumPath(t)
	ctx := context.Background()
	store, base := demoStoreServer(t)
	b := newBrowser(t, exec)
	today := scoring.DateOf(demoDay).String()
	as := func(user string) {
		t.Helper()
		if err := chromedp.Run(b.ctx, network.ClearBrowserCookies()); err != nil {
			t.Fatal(err)
		}
		b.signIn(t, base, user)
	}
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(b.ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	checkInvolved := chromedp.SendKeys(`#register input[name=involved]`, "刑警支队")
	register := func(title, indexNo string, seq int) string {
		t.Helper()
		as("clerk")
		var page string
		run("register "+title,
			chromedp.Navigate(base+"/publications"),
			chromedp.WaitVisible(`#register`),
			chromedp.SendKeys(`#register input[name=title]`, title),
			chromedp.SendKeys(`#register input[name=index_no]`, indexNo),
			chromedp.SendKeys(`#register input[name=doc_no]`, "治通〔2026〕99号"),
			chromedp.SetValue(`#register input[name=seq]`, strconv.Itoa(seq)),
			chromedp.SetValue(`#register input[name=formed]`, today),
			chromedp.SendKeys(`#register input[name=signer]`, "张卫"),
			checkInvolved,
			chromedp.Submit(`#register input[name=title]`),
			chromedp.WaitVisible(`p.flash`),
			chromedp.Location(&page),
		)
		as("office")
		run("agree with the attribute", chromedp.Navigate(page), chromedp.Click(`#form-attribute button[value=agree]`), chromedp.WaitVisible(`p.flash`))
		as("clerk")
		run("consult 刑警",
			chromedp.Navigate(page),
			chromedp.SendKeys(`#form-consult textarea[name=letter]`, "拟公开本通告，涉及贵部门职责，请于5个工作日内答复。"),
			chromedp.SendKeys(`#form-consult input[name=contact]`, "何军 0527-84301009"),
			chromedp.Submit(`#form-consult textarea[name=letter]`),
			chromedp.WaitVisible(`p.flash`),
		)
		as(seed.DemoHeadUsername("SJ16"))
		run("刑警 disagrees",
			chromedp.Navigate(page),
			chromedp.SendKeys(`#form-answer input[name=reason]`, "涉及在办案件，暂不宜公开"),
			chromedp.Click(`#form-answer button[value="不同意"]`),
			chromedp.WaitVisible(`p.flash`),
		)
		return page
	}
	publish := func(page string) {
		t.Helper()
		as("clerk")
		run("publish",
			chromedp.Navigate(page),
			chromedp.SendKeys(`#form-publish input[name=channel]`, "网站"),
			chromedp.SendKeys(`#form-publish input[name=url]`, "https://www.example.gov.cn/gaj/tg.html"),
			chromedp.Submit(`#form-publish input[name=channel]`),
			chromedp.WaitVisible(`p.flash`),
		)
	}

	// The first document is of a quarterly item its department leads and
	// nothing has filled this year (Q1-Q3 missed, Q4 running): A1 counts
	// the quarter it fills once it is out.
	var clerk models.User
	modelstest.Must(t, store.DB.Where("username = ?", "clerk").First(&clerk).Error)
	dept := *clerk.DepartmentID
	var own models.Department
	modelstest.Must(t, store.DB.First(&own, dept).Error)
	var last models.CatalogItem
	modelstest.Must(t, store.DB.Order("seq desc").First(&last).Error)
	item := last.Seq + 1
	modelstest.Must(t, store.DB.Create(&models.CatalogItem{Seq: item, Level1: "对外公开", Level2: "社会治安", Title: "烟花爆竹禁放通告",
		Channels: "网站", Cadence: "每季度", Lead: own.Name}).Error)
	before, _ := scoredDemo(t, store, dept)
	slot := slotOn(t, before, item, scoring.DateOf(demoDay))
	if got := before.Slots[slot].State; got != scoring.SlotPending {
		t.Fatalf("item %d's quarter before publishing: %s, want pending", item, got)
	}
	first := register("关于春节期间烟花爆竹禁放区域的通告", "SJ09-BR-01", item)
	for i, user := range []string{"clerk", "head", "leader", seed.DemoHeadUsername("SJ08"), "leader2"} {
		as(user)
		run("sign step "+user,
			chromedp.Navigate(first),
			chromedp.WaitVisible(`#form-step`),
			chromedp.SendKeys(`#form-step textarea[name=basis]`, "不涉及国家秘密和警务工作秘密"),
			chromedp.Submit(`#form-step textarea[name=basis]`),
			chromedp.WaitVisible(`p.flash`),
		)
		var review string
		run("read the review", chromedp.Text(`#review`, &review))
		if got := strings.Count(review, "不涉及国家秘密和警务工作秘密"); got != i+1 {
			t.Fatalf("after %s signed, the review shows %d signed steps", user, got)
		}
	}
	as("office")
	run("settle the disagreement",
		chromedp.Navigate(first),
		chromedp.SendKeys(`#coordination input[name=note]`, "删去禁放区域中涉案地点后发布"),
		chromedp.Click(`#coordination button[value="同意发布"]`),
		chromedp.WaitVisible(`p.flash`),
	)
	publish(first)
	var state, coordination string
	run("read the published document", chromedp.Navigate(first), chromedp.Text(`#state`, &state), chromedp.Text(`#coordination`, &coordination))
	if !strings.Contains(state, "已公开") || !strings.Contains(coordination, "不同意") || !strings.Contains(coordination, "同意发布") {
		t.Errorf("the first document: state %q, coordination %q", state, coordination)
	}
	var breaches int
	run("no breach", chromedp.Evaluate(`document.querySelectorAll('#violations li').length`, &breaches))
	if breaches != 0 {
		t.Errorf("a document worked by the rules shows %d breaches", breaches)
	}
	b.screenshot(t, "publication.png")

	second := register("关于娱乐场所夜间营业时间的通告", "SJ09-BR-02", models.Uncatalogued)
	publish(second)
	var violations string
	run("the second's breaches", chromedp.Navigate(second), chromedp.Text(`#violations`, &violations))
	for _, want := range []string{"相关部门不同意且未经协调即公开", "保密审查第五级批准前即公开"} {
		if !strings.Contains(violations, want) {
			t.Errorf("the second document's breaches %q lack %q", violations, want)
		}
	}
	b.check(t)

	// The scores read the in-app dates.
	var w1, w2 publications.Work
	modelstest.Must(t, store.DB.Where("index_no = ?", "SJ09-BR-01").First(&w1).Error)
	modelstest.Must(t, store.DB.Where("index_no = ?", "SJ09-BR-02").First(&w2).Error)
	after, in := scoredDemo(t, store, dept)
	if got := after.Slots[slot]; got.Item != item || got.State != scoring.SlotFilled || got.Publication != w1.PublicationID {
		t.Errorf("item %d's slot after publishing: %+v, want filled by the first document (%d)", item, got, w1.PublicationID)
	}
	if a1, was := indicator(after, "A1"), indicator(before, "A1"); a1.Score.Cmp(was.Score) <= 0 {
		t.Errorf("A1 of the department was %s, is %s after the document filled item %d", was.Score.RatString(), a1.Score.RatString(), item)
	}
	cal, sch := in.Calendar, in.Scheme
	deducted := map[uint][]scoring.DeductionKind{}
	for _, ind := range after.Indicators {
		for _, x := range ind.Deductions {
			deducted[x.Record.ID] = append(deducted[x.Record.ID], x.Kind)
		}
	}
	if ks := deducted[w1.PublicationID]; len(ks) != 0 {
		t.Errorf("the first document, reviewed and published on time, loses points: %v", ks)
	}
	if ks := deducted[w2.PublicationID]; len(ks) != 1 || ks[0] != scoring.DeductReviewMissing {
		t.Errorf("the second document, published unreviewed, loses %v, want D2's review_missing", ks)
	}
	for _, c := range in.Coordinations {
		if c.Subject == w1.Title {
			due := scoring.CoordinationDue(cal, sch.TimeLimits, c.Sent)
			if st, holds := scoring.CoordinationState(c, due, in.AsOf); st != scoring.ReplyOnTime || holds != "不同意" || c.Sent.String() != today {
				t.Errorf("the first document's coordination for D5: sent %s, %s %q", c.Sent, st, holds)
			}
		}
	}
	props, err := accountability.New(store, assessment.New(store)).Proposals(ctx, models.Viewer{Name: "纪委", Role: models.RoleDiscipline})
	modelstest.Must(t, err)
	proposed := false
	for _, p := range props {
		proposed = proposed || strings.HasPrefix(p.Key, "publication:unsettled:") && strings.Contains(p.Summary, w2.Title)
	}
	if !proposed {
		t.Error("the second document is not proposed to the discipline office")
	}
}

// scoredDemo scores the demo's year as of the demo's day, as a score run does,
// and returns department dept's result and the input it read.
func scoredDemo(t *testing.T, store *models.Store, dept uint) (scoring.DepartmentResult, *scoring.Input) {
	t.Helper()
	ctx := context.Background()
	in, err := scoreruns.New(store).Deciding(accountability.Decisions(store)).ScoringInput(ctx, demoDay.Year())
	modelstest.Must(t, err)
	sch, err := store.CurrentScheme(ctx)
	modelstest.Must(t, err)
	cal, err := store.Calendar(ctx)
	modelstest.Must(t, err)
	in.Scheme, in.Calendar, in.AsOf = sch, cal, scoring.DateOf(demoDay)
	res, err := scoring.Score(*in)
	modelstest.Must(t, err)
	for _, d := range res.Departments {
		if d.Dept == dept {
			return d, in
		}
	}
	t.Fatalf("department %d is not scored", dept)
	return scoring.DepartmentResult{}, nil
}

// slotOn is the index of d's slot of item that a document published on
// day fills.
func slotOn(t *testing.T, d scoring.DepartmentResult, item int, day scoring.Date) int {
	t.Helper()
	for i, s := range d.Slots {
		if s.Item == item && s.Period.Contains(day) {
			return i
		}
	}
	t.Fatalf("%s has no slot of item %d on %s", d.Name, item, day)
	return 0
}

// indicator is d's result of the indicator code.
func indicator(d scoring.DepartmentResult, code string) scoring.IndicatorResult {
	for _, ind := range d.Indicators {
		if ind.Code == code {
			return ind
		}
	}
	return scoring.IndicatorResult{}
}
