package handlers_test

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/gongkai/gongkai/views"
)

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
	// The public site (/public, and the documents posted on it) is not the
	// app: it takes its language from ?lang=, has no session and no
	// language switch of the app's, and its own tests read it.
	if path == "/lang" || path == "/logout" || path == "/public" || strings.HasPrefix(path, "/public/") || strings.HasPrefix(path, "/static/") || strings.HasPrefix(path, "/export/") {
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
// On an English page it leaves out what the page marks as Chinese
// (lang="zh-CN": a stored text, a case's summary), which stays Chinese.
func visible(page string) (string, []string) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return page, nil
	}
	var text strings.Builder
	var links []string
	english := strings.Contains(page, `<html lang="en"`)
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
			if english && attr(n, "lang") == "zh-CN" {
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
func machineText(text string, allowed map[string]bool) []string {
	var out []string
	out = append(out, quarterCode.FindAllString(text, -1)...)
	text = addressOrFile.ReplaceAllString(text, "")
	for _, w := range latinWord.FindAllString(text, -1) {
		if views.HasMessage(views.Chinese, w) || !allowed[w] && !dataCode.MatchString(w) {
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
	// addressOrFile: a web or e-mail address, a path of the app or a file name.
	addressOrFile = regexp.MustCompile(`(?i)https?://\S+|[a-z0-9._+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+|\S*\.(pdf|png|jpe?g|docx?|xlsx?|pptx?|wps|csv|json|txt)\b|/[a-z0-9_/.\-]+|sha-?256[ :]*[0-9a-f]*|[0-9a-f]{16,}`)
)
