package models

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// docs/SECURITY.md prints the permission table for operators; it must say
// what the table says, row by row, so it cannot drift into a second copy.
func TestSecurityDocTableIsThePermissionTable(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(moduleRoot(t), "docs", "SECURITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	documented := map[Action]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, "|") {
			continue
		}
		cells := strings.Split(line[1:len(line)-1], "|")
		if len(cells) != 2+len(Roles) || !strings.HasPrefix(strings.TrimSpace(cells[0]), "`") {
			continue
		}
		a := Action(strings.Trim(strings.TrimSpace(cells[0]), "`"))
		documented[a] = true
		allowed := Allowed(a)
		for i, r := range Roles {
			mark := strings.TrimSpace(cells[2+i])
			if want := slices.Contains(allowed, r); want != (mark != "") {
				t.Errorf("docs/SECURITY.md: %s for %s says %q, the table says %v", a, r, mark, want)
			}
			if mark == "own" && !r.HasDepartment() {
				t.Errorf("docs/SECURITY.md: %s marks %s \"own\", but that role is not kept to a department", a, r)
			}
		}
	}
	for a := range permissions {
		if !documented[a] {
			t.Errorf("docs/SECURITY.md does not list the action %s", a)
		}
	}
}
