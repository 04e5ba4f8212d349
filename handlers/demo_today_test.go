package handlers_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/seed"
)

var (
	officeTodo = regexp.MustCompile(`(?s)<section class="card" id="office-todo">(.*?)</section>`)
	// headOverdue is the head's list of what is overdue, up to the next heading.
	headOverdue = regexp.MustCompile(`(?s)<h3 class="error">[^<]*</h3>(.*?)<h3>`)
)

// A demo opened on any day looks like a bureau at work on that day (issue
// 22): its closed year's results are public, the office's home lists a few
// departments with reports overdue at most, a head's home a few overdue
// items, and no home shows last year's annual report overdue. The days: the
// handlers' demoDay, early in a year without a holiday notice (2027), and
// March, before the closed year's assessment is over.
func TestDemoHomesOnAnyDay(t *testing.T) {
	t.Parallel()
	const maxOverdue = 3
	cst := time.FixedZone("CST", 8*60*60)
	for _, day := range []time.Time{demoDay, time.Date(2027, time.January, 15, 9, 0, 0, 0, cst), time.Date(2026, time.March, 10, 9, 0, 0, 0, cst)} {
		t.Run(day.Format(time.DateOnly), func(t *testing.T) {
			t.Parallel()
			b := demoBureauOn(t, day)
			closed := itoa(uint(seed.ClosedYear(day)))
			if _, page := b.client(t).get("/public"); !strings.Contains(page, "关于"+closed+"年度政府信息公开工作考核结果的通报") {
				t.Errorf("/public lacks the results of %s", closed)
			}
			office := b.client(t)
			office.signIn("office", seed.DemoPassword)
			_, home := office.get("/")
			todo := officeTodo.FindStringSubmatch(home)
			if todo == nil {
				t.Fatal("the office's home has no to-do list")
			}
			if n := strings.Count(todo[1], "<tr><td>"); n > maxOverdue {
				t.Errorf("the office's home lists %d departments with reports overdue, want at most %d", n, maxOverdue)
			}
			if strings.Contains(home, `id="annual-due"`) && strings.Contains(home, `due overdue" id="annual-due"`) {
				t.Error("the office's home shows the bureau's annual report overdue")
			}
			for _, user := range []string{"head", "head2"} {
				c := b.client(t)
				c.signIn(user, seed.DemoPassword)
				_, page := c.get("/")
				overdue := headOverdue.FindStringSubmatch(page)
				if overdue == nil {
					t.Fatalf("%s's home has no overdue list", user)
				}
				if n := strings.Count(overdue[1], "<li>"); n > maxOverdue {
					t.Errorf("%s's home lists %d items overdue, want at most %d", user, n, maxOverdue)
				}
				if strings.Contains(page, `due overdue" id="annual-due"`) {
					t.Errorf("%s's home shows last year's annual report overdue", user)
				}
			}
		})
	}
}
