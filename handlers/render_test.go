package handlers

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/views"
)

// Pages rendered in their layout and fragments rendered alone (the
// overview's and the ranking's bodies) at the same time all render: a
// fragment never takes away the layout's way of embedding its page.
// Run it under -race as well.
func TestPagesAndFragmentsRenderConcurrently(t *testing.T) {
	v := newEngine(func(version string) string { return version })
	const workers, rounds = 8, 2000
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				var out bytes.Buffer
				if (w+i)%2 == 0 {
					if err := v.Render(&out, "ranking_body", fiber.Map{"Lang": views.Chinese, "Year": 2026}); err != nil {
						errs <- err
					}
					continue
				}
				msg := "页面第" + string(rune('0'+w)) + "号"
				if err := v.Render(&out, "error", fiber.Map{"Lang": views.Chinese, "Title": "出错", "Message": msg}, "layouts/main"); err != nil {
					errs <- err
				} else if !strings.Contains(out.String(), msg) || !strings.Contains(out.String(), "</html>") {
					t.Errorf("a page in its layout lost its body: %.200q", out.String())
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		if failed++; failed <= 3 {
			t.Error(err)
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d renders failed", failed, workers*rounds)
	}
}
