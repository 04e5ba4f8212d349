package handlers

import (
	"testing"

	"github.com/gongkai/gongkai/models"
)

// A choice of units marks the one chosen, whatever type the form holds it
// in, and escapes names.
func TestUnitOptions(t *testing.T) {
	t.Parallel()
	depts := []models.Department{{ID: 7, Name: "治安支队"}, {ID: 12, Name: `<b>"刑警"</b>`}}
	for _, c := range []struct {
		name     string
		selected any
		want     string
	}{
		{"typed id", "12", `<option value="7">治安支队</option><option value="12" selected>&lt;b&gt;&#34;刑警&#34;&lt;/b&gt;</option>`},
		{"stored id", uint(7), `<option value="7" selected>治安支队</option><option value="12">&lt;b&gt;&#34;刑警&#34;&lt;/b&gt;</option>`},
		{"none", uint(0), `<option value="7">治安支队</option><option value="12">&lt;b&gt;&#34;刑警&#34;&lt;/b&gt;</option>`},
	} {
		if got := string(unitOptions(depts, c.selected)); got != c.want {
			t.Errorf("%s: %s\nwant %s", c.name, got, c.want)
		}
	}
}
