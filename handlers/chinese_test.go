package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
	"github.com/gongkai/gongkai/views"
)

// Each demo role follows every link of the app from its home, and no
// Chinese page shows a message key, an English word or a machine code.
func TestChinesePagesShowNoMachineText(t *testing.T) {
	t.Parallel() // its own database
	b := demoBureau(t)
	// Usernames are Latin by nature: the users page and the audit log show them.
	var usernames []string
	modelstest.Must(t, b.store.DB.Model(&models.User{}).Pluck("username", &usernames).Error)
	for _, u := range usernames {
		for _, w := range latinWord.FindAllString(u, -1) {
			allowedLatin[w] = true
		}
	}
	for _, user := range []string{"office", "leader", "head", "head2", "discipline", "auditor"} {
		c := b.client(t)
		c.signIn(user, seed.DemoPassword)
		pages := crawl(t, c, "/", 120)
		if len(pages) < 10 {
			t.Errorf("%s reached only %d pages", user, len(pages))
		}
		for path, text := range pages {
			for _, m := range machineText(text) {
				t.Errorf("%s %s shows %q", user, path, m)
			}
		}
	}
	// In English too, no page shows a message key.
	en := b.client(t)
	en.cookies["lang"] = &http.Cookie{Name: "lang", Value: "en"}
	en.signIn("office", seed.DemoPassword)
	for path, text := range crawl(t, en, "/", 80) {
		// An issued results notice is a Chinese document whatever the
		// reader's language; the audit log quotes stored texts (a case's
		// summary, written in Chinese), but names the grades it stored.
		grades := chineseGrade
		switch {
		case strings.HasSuffix(path, "/results"):
			grades = nil
		case strings.HasPrefix(path, "/audit"):
			grades = storedGrade
		}
		if grades != nil {
			for _, g := range grades.FindAllString(text, -1) {
				t.Errorf("English %s shows the grade %q", path, g)
			}
		}
		for _, w := range messageKey.FindAllString(text, -1) {
			if views.HasMessage(views.English, w) {
				t.Errorf("English %s shows the message key %q", path, w)
			}
		}
	}
}

// chineseGrade is a grade written in Chinese, which an English page names
// in English.
var chineseGrade = regexp.MustCompile(`优秀|基本合格|不合格|合格`)

// storedGrade is a grade as a plan's audit entry stores it: 优秀 98.50 第1名.
var storedGrade = regexp.MustCompile(`(?:优秀|基本合格|不合格|合格) [0-9]+\.[0-9]{2} 第[0-9]+名`)

var messageKey = regexp.MustCompile(`[a-z]+(?:\.[a-z_0-9]+)+`)

// crawl visits the app's GET pages reachable from start, at most max of
// them and two of each shape of address (so that 3,000 department pages
// cost two), and returns each page's visible text.
func crawl(t *testing.T, c *client, start string, max int) map[string]string {
	t.Helper()
	seen := map[string]bool{start: true}
	shapes := map[string]int{}
	queue := []string{start}
	out := map[string]string{}
	for len(queue) > 0 && len(out) < max {
		path := queue[0]
		queue = queue[1:]
		resp, body := c.get(path)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			if resp.StatusCode >= 500 {
				t.Errorf("%s: %d", path, resp.StatusCode)
			}
			continue
		}
		text, links := visible(body)
		out[path] = text
		for _, l := range links {
			u, err := url.Parse(l)
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") || skipCrawl(u.Path) {
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
	}
	return out
}

var digits = regexp.MustCompile(`\d+`)

func maps(q url.Values) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range q {
			if !yield(k) {
				return
			}
		}
	}
}

// skipCrawl: downloads, the language switch and chart data are no pages.
func skipCrawl(path string) bool {
	if path == "/lang" || path == "/logout" || strings.HasPrefix(path, "/static/") || strings.HasPrefix(path, "/export/") {
		return true
	}
	for _, ext := range []string{".xlsx", ".docx", ".json", ".csv", "/errors"} {
		if strings.HasSuffix(path, ext) {
			return true
		}
	}
	return strings.Contains(path, "/attachments/") || strings.HasPrefix(path, "/imports/templates/")
}

// visible returns what a reader sees of a page (text, button labels,
// placeholders and titles, not scripts or the chart data) and its links.
func visible(page string) (string, []string) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return page, nil
	}
	var text strings.Builder
	var links []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
			text.WriteString("\n")
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "pre", "textarea", "code":
				return
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "href":
					links = append(links, a.Val)
				case "title", "placeholder", "aria-label", "alt":
					text.WriteString(a.Val)
					text.WriteString("\n")
				case "value":
					if n.Data == "input" && attr(n, "type") == "submit" {
						text.WriteString(a.Val)
						text.WriteString("\n")
					}
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return text.String(), links
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// latinWord is a run of Latin letters (with _ or -), as a code or an
// English word would be.
var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z_\-]*[A-Za-z]|[a-z]+(?:\.[a-z_]+)+`)

// allowedLatin are the Latin words a Chinese page may show: the English
// switch, file formats, and the domain's own abbreviations.
var allowedLatin = map[string]bool{
	"English": true, "XLSX": true, "CSV": true, "JSON": true, "DOCX": true, "PDF": true, "PNG": true, "JPEG": true,
	"Word": true, "Excel": true, "PowerPoint": true, "WPS": true, "GBK": true, "UTF-8": true, "UTF": true, "BOM": true,
	"API": true, "URL": true, "HTTP": true, "HTTPS": true, "MB": true, "KB": true, "ID": true, "ECharts": true,
	"A": true, "B": true, "C": true, "D": true, "Bearer": true, "QQ": true, "APP": true, "App": true, "app": true,
}

// machineText lists what in a page's visible text is a message key, an
// English word or a code, rather than Chinese, numbers, names or
// indicator codes like A1.
func machineText(text string) []string {
	var out []string
	out = append(out, quarterCode.FindAllString(text, -1)...)
	text = addressOrFile.ReplaceAllString(text, "")
	for _, w := range latinWord.FindAllString(text, -1) {
		if views.HasMessage(views.Chinese, w) || !allowedLatin[w] && !dataCode.MatchString(w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var (
	// quarterCode is a period written as a code, 2025-Q1 for 2025年第1季度.
	quarterCode = regexp.MustCompile(`\b\d{4}-?Q[1-4]\b`)
	// dataCode: the letters of a record's or a department's number
	// (SJ09, TS2025-014, 纪公开〔2025〕1号 has none), which are data.
	dataCode = regexp.MustCompile(`^[A-Z]{1,4}$`)
	// addressOrFile: a web address, a path of the app or a file name.
	addressOrFile = regexp.MustCompile(`(?i)https?://\S+|\S*\.(pdf|png|jpe?g|docx?|xlsx?|pptx?|wps|csv|json|txt)\b|/[a-z0-9_/.\-]+|sha-?256[ :]*[0-9a-f]*|[0-9a-f]{16,}`)
)
