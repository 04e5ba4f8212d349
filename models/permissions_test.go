package models

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// roleComparisons are the shapes of a role compared by hand, in Go and in
// templates: who may do what is decided by the permission table alone.
var roleComparisons = []*regexp.Regexp{
	regexp.MustCompile(`\bRole\s*(==|!=)`),
	regexp.MustCompile(`(==|!=)\s*(models\.)?Role[A-Z]\w*`),
	regexp.MustCompile(`\bcase\s+(models\.)?Role[A-Z]`),
	regexp.MustCompile(`\bswitch\s+[\w.]*\bRole\s*\{`),
	regexp.MustCompile(`(==|!=)\s*"(office|leader|head|discipline|auditor)"`),
	regexp.MustCompile(`\{\{[^}]*\b(eq|ne)\b[^}]*\bViewer\.Role\b`),
	regexp.MustCompile(`\{\{[^}]*\b(eq|ne)\b[^}]*"(office|leader|head|discipline|auditor)"`),
}

// templateCan is a template's question to the table: .Viewer.Can "action".
var templateCan = regexp.MustCompile(`\.Can\s+"([^"]*)"`)

// No role string outside the permission table: no Go source (tests and
// this file excepted) and no template compares a role by hand, and every
// action a template asks about is on the table (a misspelt one would
// quietly hide a section from everyone).
func TestNoRoleComparisonOutsideThePermissionTable(t *testing.T) {
	t.Parallel()
	root := moduleRoot(t)
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		goSource := strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") && rel != "models/permissions.go"
		template := strings.HasSuffix(rel, ".html")
		if !goSource && !template {
			return nil
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		for i, line := range strings.Split(string(body), "\n") {
			for _, re := range roleComparisons {
				if re.MatchString(line) {
					t.Errorf("%s:%d compares a role by hand; ask the permission table (Viewer.Can): %s", rel, i+1, strings.TrimSpace(line))
				}
			}
			if !template {
				continue
			}
			for _, m := range templateCan.FindAllStringSubmatch(line, -1) {
				if _, ok := permissions[Action(m[1])]; !ok && Action(m[1]) != ActPublic {
					t.Errorf("%s:%d asks about %q, which is not on the permission table", rel, i+1, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d files checked: the walk missed the tree", checked)
	}
}

// The comparisons the test above looks for are found where they are.
func TestRoleComparisonShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		line  string
		found bool
	}{
		{`if v.Role == RoleHead {`, true},
		{`canDecide := v.Role == models.RoleOffice || v.Role == models.RoleDiscipline`, true},
		{`	case RoleOffice, RoleLeader:`, true},
		{`	switch v.Role {`, true},
		{`if role != "auditor" {`, true},
		{`{{if eq .Viewer.Role "office"}}`, true},
		{`{{else if and (eq $.Viewer.Role "leader") .Open}}`, true},
		{`{{if eq $r "head"}}`, true},
		{`{{if .Viewer.Can "administer"}}`, false},
		{`<option value="{{.}}" {{if eq (print .) $f.Role}}selected{{end}}>`, false},
		{`{{t .Lang (printf "role.%s" .Viewer.Role)}}`, false},
		{`u := NewUser{Role: RoleHead}`, false},
		{`if n.Role.HasDepartment() {`, false},
	} {
		found := false
		for _, re := range roleComparisons {
			found = found || re.MatchString(tc.line)
		}
		if found != tc.found {
			t.Errorf("%s: found %v, want %v", tc.line, found, tc.found)
		}
	}
}

// moduleRoot is the folder holding go.mod, above this package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = up
	}
}

// Which departments a viewer reads and acts for follows from the table: a
// role that reads the bureau reads every department; any other reads its
// own only, and acting for another department is a 404, not a 403.
func TestDepartmentScope(t *testing.T) {
	t.Parallel()
	const own, other = 7, 8
	for _, tc := range []struct {
		v                      Viewer
		hasDept, seesOther     bool
		liaisonOther, figOther error
	}{
		{Viewer{Role: RoleOffice}, false, true, nil, nil},
		{Viewer{Role: RoleLeader}, false, true, ErrForbidden, ErrForbidden},
		{Viewer{Role: RoleDiscipline}, false, true, ErrForbidden, ErrForbidden},
		{Viewer{Role: RoleAuditor}, false, true, ErrForbidden, ErrForbidden},
		{Viewer{Role: RoleHead, DepartmentID: own}, true, false, ErrNotFound, ErrNotFound},
		{Viewer{Role: "boss", DepartmentID: own}, false, false, ErrForbidden, ErrForbidden},
	} {
		if got := tc.v.Role.HasDepartment(); got != tc.hasDept {
			t.Errorf("%s has a department: %v, want %v", tc.v.Role, got, tc.hasDept)
		}
		if got := tc.v.CanSeeDepartment(other); got != tc.seesOther {
			t.Errorf("%s sees another department: %v, want %v", tc.v.Role, got, tc.seesOther)
		}
		if got := tc.v.MayForDepartment(ActEditLiaison, other); !sameError(got, tc.liaisonOther) {
			t.Errorf("%s edits another department's liaison: %v, want %v", tc.v.Role, got, tc.liaisonOther)
		}
		if got := tc.v.MayForDepartment(ActFileAnnualFigures, other); !sameError(got, tc.figOther) {
			t.Errorf("%s files another department's figures: %v, want %v", tc.v.Role, got, tc.figOther)
		}
		if tc.v.Role == RoleHead && (!tc.v.CanEditLiaison(own) || !tc.v.CanFileAnnualFigures(own)) {
			t.Errorf("a head may not edit their own department")
		}
	}
}

func sameError(got, want error) bool {
	if want == nil {
		return got == nil
	}
	return errors.Is(got, want)
}
