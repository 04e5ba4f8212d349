package reports

import (
	"testing"
)

// A filed figure is shown to be typed again as it was filed: an amount to
// its four decimals, without the noise of the float it was summed in, and
// what is shown is accepted again.
func TestAnnualFigureTypedAgain(t *testing.T) {
	amount, count := AnnualFigureSpec{Amount: true}, AnnualFigureSpec{}
	for _, tc := range []struct {
		spec AnnualFigureSpec
		n    float64
		want string
	}{
		{amount, 40.536500000000004, "40.5365"},
		{amount, 0.1 + 0.2, "0.3"},
		{amount, 12, "12"},
		{count, 1273, "1273"},
		{count, 0, "0"},
	} {
		got := FormatAnnualFigure(tc.spec, tc.n)
		if got != tc.want {
			t.Errorf("FormatAnnualFigure(%v) = %q, want %q", tc.n, got, tc.want)
		}
		if _, ok := ParseAnnualFigure(tc.spec, got); !ok {
			t.Errorf("%q is not accepted back", got)
		}
	}
}
