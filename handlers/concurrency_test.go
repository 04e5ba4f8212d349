package handlers_test

import (
	stdmaps "maps"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// A head who sends the same objection six times at once (a double click,
// several tabs) has it saved once; every other copy is answered with the
// refusal in Chinese, never a 5xx.
func TestDoubleSubmittedObjectionIsRefusedInChinese(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		plan, _, head := approvedPlan(t, b)
		page := plan + "/departments/" + itoa(b.own.ID)
		tok := head.token(page)
		const copies = 6
		codes, bodies := make([]int, copies), make([]string, copies)
		var wg sync.WaitGroup
		for i := range copies {
			tab := &client{t: t, app: b.app, cookies: stdmaps.Clone(head.cookies)} // one tab each, the same session
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, body := tab.postFiles(page+"/objections", url.Values{"_csrf": {tok}, "deduction": {"A2/0"}, "reason": {"该信息系节假日顺延，未超期"}}, nil)
				codes[i], bodies[i] = resp.StatusCode, body
			}()
		}
		wg.Wait()
		saved := 0
		for i, code := range codes {
			switch {
			case code == fiber.StatusSeeOther:
				saved++
			case code == fiber.StatusUnprocessableEntity && strings.Contains(bodies[i], "已对该扣分提出过异议"):
			default:
				t.Errorf("copy %d answered %d, not the refusal in Chinese", i, code)
			}
		}
		if saved != 1 {
			t.Errorf("%d of %d copies saved, want 1 (answers %v)", saved, copies, codes)
		}
	})
}
