package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
	"github.com/gongkai/gongkai/views"
)

// What must never show on a page (issue 29), besides machine text on a
// Chinese page (machineText): a database id presented as a name, a raw byte
// count, a Chinese grade on an English page.
var (
	idAsName  = regexp.MustCompile(`编号\s*\d+|第\s*\d+\s*号|#\d+|\b[Nn]o\.\s*\d+|\bid\s*\d+`)
	byteCount = regexp.MustCompile(`\d{4,}\s*(B|bytes|字节)\b`)
	// chineseGrade is a grade written in Chinese, which an English page
	// names in English.
	chineseGrade = regexp.MustCompile(`优秀|基本合格|不合格|合格`)
	// storedGrade is a grade as a plan's audit entry stores it: 优秀 98.50 第1名.
	storedGrade = regexp.MustCompile(`(?:优秀|基本合格|不合格|合格) [0-9]+\.[0-9]{2} 第[0-9]+名`)
	messageKey  = regexp.MustCompile(`[a-z]+(?:\.[a-z_0-9]+)+`)
)

// Each demo role follows every link of the app from its home (bounded:
// crawl), in Chinese and in English (issue 29): no page fails; none shows
// a database id as a name or a raw byte count; a Chinese page shows no
// message key, English word or code, an English page no message key and
// no Chinese grade; and each page's language switch brings the reader back
// to that page.
func TestCrawlEveryRolesPages(t *testing.T) {
	t.Parallel()
	b := demoBureau(t)
	// Usernames are Latin by nature: the users page and the audit log show them.
	var usernames []string
	modelstest.Must(t, b.store.DB.Model(&models.User{}).Pluck("username", &usernames).Error)
	latin := map[string]bool{}
	for w := range allowedLatin {
		latin[w] = true
	}
	for _, u := range usernames {
		for _, w := range latinWord.FindAllString(u, -1) {
			latin[w] = true
		}
	}
	for _, user := range []string{"office", "leader", "head", "head2", "clerk", "discipline", "auditor"} {
		t.Run(user, func(t *testing.T) {
			t.Parallel()
			for _, l := range []views.Lang{views.Chinese, views.English} {
				c := b.client(t)
				c.cookies["lang"] = &http.Cookie{Name: "lang", Value: string(l)}
				c.signIn(user, seed.DemoPassword)
				pages := crawl(t, c, "/", 90)
				if len(pages) < 10 {
					t.Errorf("%s reached only %d pages in %s", user, len(pages), l)
				}
				for path, text := range pages {
					for _, bad := range pageFaults(path, text, l, latin) {
						t.Errorf("%s %s %s shows %q", user, l, path, bad)
					}
				}
			}
		})
	}
}

// pageFaults lists what must not show in a page's visible text.
func pageFaults(path, text string, l views.Lang, latin map[string]bool) []string {
	out := append(idAsName.FindAllString(text, -1), byteCount.FindAllString(text, -1)...)
	if l == views.Chinese {
		return append(out, machineText(text, latin)...)
	}
	// An issued results notice is a Chinese document whatever the reader's
	// language; the audit log quotes stored texts (a case's summary, written
	// in Chinese) but names the grades it stored in the reader's language.
	switch {
	case strings.HasSuffix(path, "/results"):
	case strings.HasPrefix(path, "/audit"):
		out = append(out, storedGrade.FindAllString(text, -1)...)
	default:
		out = append(out, chineseGrade.FindAllString(text, -1)...)
	}
	for _, w := range messageKey.FindAllString(text, -1) {
		if views.HasMessage(views.English, w) {
			out = append(out, w)
		}
	}
	return out
}

// crawl visits the app's GET pages reachable from start, at most max of
// them and two of each shape of address (so that 3,000 department pages
// cost two), and returns each page's visible text. Each page's language
// switch must name the page to come back to; the first few are pressed.
func crawl(t *testing.T, c *client, start string, max int) map[string]string {
	t.Helper()
	seen := map[string]bool{start: true}
	shapes := map[string]int{}
	queue := []string{start}
	out := map[string]string{}
	pressed := 0
	for len(queue) > 0 && len(out) < max {
		path := queue[0]
		queue = queue[1:]
		resp, body := c.get(path)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			if resp.StatusCode >= 400 { // a link the reader may not follow, or to nothing
				t.Errorf("%s: %d", path, resp.StatusCode)
			}
			continue
		}
		text, links := visible(body)
		out[path] = text
		switched := false
		for _, l := range links {
			u, err := url.Parse(l)
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") {
				continue
			}
			if u.Path == "/lang" {
				switched = true
				if back := u.Query().Get("back"); back != path {
					t.Errorf("the language switch of %s goes back to %q", path, back)
				} else if pressed < 3 {
					pressed++
					was := c.cookies["lang"].Value
					there, _ := c.get(u.RequestURI())
					c.get("/lang?to=" + was + "&back=/") // and back again
					if got := there.Header.Get("Location"); got != path {
						t.Errorf("the language switch of %s lands on %q", path, got)
					}
				}
			}
			if skipCrawl(u.Path) {
				continue
			}
			u.Fragment = ""
			p := u.RequestURI()
			shape := digits.ReplaceAllString(u.Path, "N") + "?" + strings.Join(slices.Sorted(maps(u.Query())), "&")
			if seen[p] || shapes[shape] >= 2 {
				continue
			}
			seen[p] = true
			shapes[shape]++
			queue = append(queue, p)
		}
		if !switched {
			t.Errorf("%s has no language switch", path)
		}
	}
	return out
}
