package models

import (
	"testing"
)

// Text that a spreadsheet would run as a formula is written with an
// apostrophe and read back unchanged; numbers and plain text are untouched.
func TestFormulaNeutralising(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"=HYPERLINK(\"http://x\",\"点击\")", "'=HYPERLINK(\"http://x\",\"点击\")"},
		{"+86 527 1234", "'+86 527 1234"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"'=x", "''=x"},
		{"-3", "-3"},
		{"+1.5", "+1.5"},
		{"治安支队", "治安支队"},
		{"'引用'", "'引用'"},
		{"", ""},
	} {
		if got := NeutraliseFormula(tc.in); got != tc.out {
			t.Errorf("NeutraliseFormula(%q) = %q, want %q", tc.in, got, tc.out)
		}
		if back := RestoreFormula(NeutraliseFormula(tc.in)); back != tc.in {
			t.Errorf("round trip of %q gives %q", tc.in, back)
		}
	}
}
