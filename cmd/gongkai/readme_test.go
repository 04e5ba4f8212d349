package main

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// repoRoot is the repository as seen from this package's folder.
const repoRoot = "../.."

// TestDocsNameOnlyPathsThatExist reads README.md and docs/*.md and fails for
// every repository path they name that does not exist, and for every link to
// a heading that is not there: a file moved or renamed must take the guide
// with it.
func TestDocsNameOnlyPathsThatExist(t *testing.T) {
	t.Parallel()
	top := topLevel(t)
	docs, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files := append([]string{"README.md"}, relativeAll(t, docs)...)
	for _, file := range files {
		text, err := os.ReadFile(filepath.Join(repoRoot, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range docRefs(file, string(text), top) {
			if r.path != "" {
				if _, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(r.path))); err != nil {
					t.Errorf("%s:%d: %q names %s, which does not exist", file, r.line, r.text, r.path)
					continue
				}
			}
			if r.anchor == "" {
				continue
			}
			target := r.path
			if target == "" {
				target = file
			}
			if !strings.HasSuffix(target, ".md") {
				continue
			}
			body, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(target)))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(headingAnchors(string(body)), r.anchor) {
				t.Errorf("%s:%d: %q links to #%s, which is no heading of %s", file, r.line, r.text, r.anchor, target)
			}
		}
	}
}

// TestReadmeIsShort keeps the README a page a newcomer reads to the end:
// under 300 lines, opening with the two commands and the first ten minutes;
// what is longer belongs in docs/.
func TestReadmeIsShort(t *testing.T) {
	t.Parallel()
	text, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(text), "\n"), "\n")
	if len(lines) >= 300 {
		t.Errorf("README.md has %d lines, want under 300", len(lines))
	}
	opening := strings.Join(lines[:min(len(lines), 8)], "\n")
	for _, command := range []string{"GONGKAI_DEMO=1 go run ./cmd/gongkai", "go test ./..."} {
		if !strings.Contains(opening, command) {
			t.Errorf("README.md does not open with %q", command)
		}
	}
	if !slices.Contains(headingAnchors(string(text)), "the-first-ten-minutes") {
		t.Error("README.md has no section The first ten minutes")
	}
}

// TestDocRefs pins what counts as a path: links and images relative to the
// page, words of inline code and code blocks that start in a top-level entry
// of the repository; never web addresses, the app's own URLs or files the
// app writes at run time (data/ is no entry of the repository).
func TestDocRefs(t *testing.T) {
	t.Parallel()
	top := []string{"README.md", "bench", "docs", "models", "scoring", ".ci"}
	for _, tc := range []struct {
		file, text string
		want       []string // path#anchor
	}{
		{"README.md", "![Home](docs/home.png)", []string{"docs/home.png"}},
		{"docs/FORMATS.md", "see ![x](home.png) and [the README](../README.md#security)", []string{"docs/home.png", "README.md#security"}},
		{"README.md", "[bench](bench/) and [Security](#security)", []string{"bench", "#security"}},
		{"README.md", "[a](https://example.com/x.md) [b](mailto:x@y) `/overview` `/reports/annual.docx`", nil},
		{"README.md", "the table in `models/permissions.go:70`, `scoring`'s rules", []string{"models/permissions.go", "scoring"}},
		{"README.md", "`go test ./scoring -run X` and `.ci/run`", []string{"scoring", ".ci/run"}},
		{"README.md", "data in `data/gongkai.db`, `GONGKAI_SCREENSHOTS=$PWD/docs`, `models/*.go`, `scoring.Rate`", nil},
		{"README.md", "```sh\nbash bench/galera.sh test   # `docs/x`\n```\n`bench/a.sh`", []string{"bench/galera.sh", "bench/a.sh"}},
	} {
		var got []string
		for _, r := range docRefs(tc.file, tc.text, top) {
			s := r.path
			if r.anchor != "" {
				s += "#" + r.anchor
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q names %q, want %q", tc.file, tc.text, got, tc.want)
		}
	}
	if got, want := headingAnchors("# A b\n## Issued documents (公文)\n## A b\n```\n# not a heading\n```\n"),
		[]string{"a-b", "issued-documents-公文", "a-b-1"}; !slices.Equal(got, want) {
		t.Errorf("anchors %q, want %q", got, want)
	}
}

// docRef is a path (relative to the repository, slash-separated) or an
// anchor that a Markdown file names on a line.
type docRef struct {
	line         int
	text         string
	path, anchor string
}

var (
	mdLink     = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)
	inlineCode = regexp.MustCompile("`([^`]+)`")
	lineSuffix = regexp.MustCompile(`:\d+(?:[-,]\d+)*$`)
)

// docRefs lists the paths and anchors a Markdown file names. Links resolve
// against the file's folder; words of code resolve against the repository
// and count only when their first segment is one of top, the entries of the
// repository's root, so commands, URLs and run-time files are left alone.
func docRefs(file, text string, top []string) []docRef {
	var refs []docRef
	fenced := false
	for i, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			for _, w := range strings.Fields(strings.SplitN(line, "#", 2)[0]) {
				if p, ok := codePath(w, top); ok {
					refs = append(refs, docRef{line: i + 1, text: w, path: p})
				}
			}
			continue
		}
		for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
			if r, ok := linkRef(file, m[1]); ok {
				r.line = i + 1
				refs = append(refs, r)
			}
		}
		for _, m := range inlineCode.FindAllStringSubmatch(line, -1) {
			for _, w := range strings.Fields(m[1]) {
				if p, ok := codePath(w, top); ok {
					refs = append(refs, docRef{line: i + 1, text: m[1], path: p})
				}
			}
		}
	}
	return refs
}

// linkRef turns a link's target into a path of the repository and an anchor.
func linkRef(file, target string) (docRef, bool) {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "/") {
		return docRef{}, false
	}
	r := docRef{text: target}
	if p, anchor, ok := strings.Cut(target, "#"); ok {
		target, r.anchor = p, anchor
	}
	target, _, _ = strings.Cut(target, "?")
	if target != "" {
		r.path = path.Clean(path.Join(path.Dir(file), target))
	}
	return r, true
}

// codePath reads a word of code as a path of the repository, when it is one.
func codePath(w string, top []string) (string, bool) {
	w = strings.TrimRight(w, ".,;:)'")
	w = lineSuffix.ReplaceAllString(w, "")
	w = strings.TrimPrefix(w, "./")
	if w == "" || strings.ContainsAny(w, "=$*…<>{}()`\"") || strings.Contains(w, "://") {
		return "", false
	}
	first, _, _ := strings.Cut(w, "/")
	if !slices.Contains(top, first) {
		return "", false
	}
	return path.Clean(w), true
}

// headingAnchors lists the anchors GitHub gives a Markdown file's headings:
// lower case, punctuation dropped, spaces as hyphens, repeats numbered.
func headingAnchors(text string) []string {
	var anchors []string
	seen := map[string]int{}
	fenced := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced || !strings.HasPrefix(line, "#") {
			continue
		}
		title := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(title) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		a := b.String()
		if n := seen[a]; n > 0 {
			seen[a]++
			a += "-" + strconv.Itoa(n)
		} else {
			seen[a] = 1
		}
		anchors = append(anchors, a)
	}
	return anchors
}

// topLevel lists the entries of the repository's root, leaving out what
// .gitignore keeps out of it (data/, where the app writes, and built
// binaries), so a run-time file named in the guide is never taken for one of
// the repository.
func topLevel(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	ignore, err := os.ReadFile(filepath.Join(repoRoot, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	ignored := []string{".git"}
	for _, line := range strings.Split(string(ignore), "\n") {
		if strings.HasPrefix(line, "/") {
			ignored = append(ignored, strings.Trim(line, "/ "))
		}
	}
	var names []string
	for _, e := range entries {
		if !slices.Contains(ignored, e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names
}

// relativeAll turns paths under the repository into paths relative to it.
func relativeAll(t *testing.T, paths []string) []string {
	t.Helper()
	out := make([]string, len(paths))
	for i, p := range paths {
		rel, err := filepath.Rel(repoRoot, p)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = filepath.ToSlash(rel)
	}
	return out
}
