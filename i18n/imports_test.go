package i18n

import (
	"os/exec"
	"strings"
	"testing"
)

// The catalog sits below every layer, so every layer may use it: it imports
// nothing of the project, and the models never import the views (nor the
// handlers above them).
func TestLayersImportDownward(t *testing.T) {
	t.Parallel()
	const module = "github.com/gongkai/gongkai/"
	for _, tc := range []struct {
		packages  string
		self      string   // the packages' own import path, below module
		forbidden []string // prefixes, below module, they must not reach
	}{
		{"./", "i18n", []string{""}},
		{"../models/...", "models", []string{"views", "handlers", "cmd/"}},
		{"../scoring", "scoring", []string{""}},
	} {
		out, err := exec.Command("go", "list", "-deps", tc.packages).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", tc.packages, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			inner, ok := strings.CutPrefix(dep, module)
			if !ok || strings.HasPrefix(inner, tc.self) {
				continue
			}
			for _, f := range tc.forbidden {
				if strings.HasPrefix(inner, f) {
					t.Errorf("%s depends on %s", tc.packages, dep)
				}
			}
		}
	}
}
