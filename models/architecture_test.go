package models_test

import (
	"bufio"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The house as docs/ARCHITECTURE.md draws it, checked against the tree.

const (
	module   = "github.com/gongkai/gongkai"
	treeRoot = ".." // the repository, from models/
	archDoc  = "../docs/ARCHITECTURE.md"

	// rootLineLimit is the most non-test lines the models root (the core)
	// may hold: past it, a domain has grown into the core and belongs in a
	// room of its own (docs/ARCHITECTURE.md). The permission table grows
	// with each action (issue 24's three: 2,512 lines; issue 25's
	// campaigns and monitoring, six on nine lines; issue 27's narrow list of
	// the departments a form offers, 18: 2,547; then the count of changes,
	// read from the audit chain's head the core owns, and that list kept
	// per change, which every page naming units reads: 2,576; then the one
	// paging rule and the search for a unit by name or code, which every
	// list of a province's thousands of rows uses: 2,650; then the head of
	// each kind of record, moved with the chain's: 2,669; then the Store's
	// one read of every stamp (models/stamps holds the rest, and the
	// one-value memo became models/cache's), and the retried transaction
	// of what is not audited, which moves its heads: 2,687; then the chain's
	// check reading again a head moved while it read: 2,693).
	rootLineLimit = 2695

	// longFile is the most lines a non-test file has without saying why.
	longFile = 400
)

// upward are imports that models must never make: the words come from the
// catalog (i18n), never from the pages.
var upward = map[string]bool{"views": true, "handlers": true}

// projectImports maps each package of the tree (its path inside the module)
// to the project packages its non-test files import.
func projectImports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(treeRoot, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != treeRoot && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(treeRoot, filepath.Dir(path))
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(rel)
		deps := out[pkg]
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if dep, ok := strings.CutPrefix(p, module+"/"); ok && !slices.Contains(deps, dep) {
				deps = append(deps, dep)
			}
		}
		if deps == nil {
			deps = []string{}
		}
		out[pkg] = deps
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, deps := range out {
		slices.Sort(deps)
	}
	return out
}

// documentedImports reads the block of docs/ARCHITECTURE.md fenced as
// ```imports: one line a package, "package: dep dep ...".
func documentedImports(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open(archDoc)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	in, seen := false, false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "```imports":
			in, seen = true, true
		case in && line == "```":
			in = false
		case in && line != "":
			pkg, deps, ok := strings.Cut(line, ":")
			if !ok {
				t.Fatalf("%s:%d: want \"package: dep dep ...\", got %q", archDoc, n, line)
			}
			pkg = strings.TrimSpace(pkg)
			if _, dup := out[pkg]; dup {
				t.Errorf("%s:%d: %s listed twice", archDoc, n, pkg)
			}
			list := strings.Fields(deps)
			slices.Sort(list)
			out[pkg] = list
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if !seen {
		t.Fatalf("%s has no ```imports block", archDoc)
	}
	return out
}

// docs/ARCHITECTURE.md lists every package with exactly the project
// packages it imports: a new import, a new package or a stale line fails.
func TestArchitectureDocumentsTheImports(t *testing.T) {
	t.Parallel()
	real, doc := projectImports(t), documentedImports(t)
	for pkg, deps := range real {
		want, ok := doc[pkg]
		switch {
		case !ok:
			t.Errorf("%s imports %v but %s does not list it", pkg, deps, archDoc)
		case !slices.Equal(deps, want):
			t.Errorf("%s imports %v; %s says %v", pkg, deps, archDoc, want)
		}
	}
	for pkg := range doc {
		if _, ok := real[pkg]; !ok {
			t.Errorf("%s lists %s, which is not a package of the tree", archDoc, pkg)
		}
	}
}

// No package under models imports the pages (views) or the web layer
// (handlers), and scoring imports nothing of ours.
func TestModelsNeverImportUpward(t *testing.T) {
	t.Parallel()
	for pkg, deps := range projectImports(t) {
		if pkg == "scoring" && len(deps) > 0 {
			t.Errorf("scoring imports %v: it must stay pure", deps)
		}
		if pkg != "models" && !strings.HasPrefix(pkg, "models/") {
			continue
		}
		for _, dep := range deps {
			if upward[dep] {
				t.Errorf("%s imports %s", pkg, dep)
			}
		}
	}
}

// The models root keeps the core (the Store, the viewer, permissions,
// migrations and what they share); domains live in packages of their own.
func TestModelsRootStaysSmall(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines += strings.Count(string(b), "\n")
	}
	if lines > rootLineLimit {
		t.Errorf("the models root has %d lines of non-test Go, more than %d: move a domain out, don't grow the core", lines, rootLineLimit)
	}
	t.Logf("models root: %d lines (limit %d)", lines, rootLineLimit)
}

// longReason is the line that says why a long file is long.
var longReason = regexp.MustCompile(`(?m)^// Long file: \S`)

// A file over longFile lines says at its top, before the package clause,
// why it is not split.
func TestLongFilesSayWhy(t *testing.T) {
	t.Parallel()
	err := filepath.WalkDir(treeRoot, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != treeRoot && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src := string(b)
		if n := strings.Count(src, "\n"); n > longFile {
			head, _, _ := strings.Cut("\n"+src, "\npackage ")
			if !longReason.MatchString(head) {
				t.Errorf("%s has %d lines: split it, or say why at its top (%q)", path, n, "// Long file: <reason>")
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
