package scoring

import "testing"

func TestValidYear(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		year int
		want bool
	}{{1999, false}, {2000, true}, {2024, true}, {2100, true}, {2101, false}, {0, false}, {-2024, false}} {
		if got := ValidYear(tc.year); got != tc.want {
			t.Errorf("ValidYear(%d) = %v, want %v", tc.year, got, tc.want)
		}
	}
}

func TestYearSpan(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		year        int
		first, last string
	}{{2024, "2024-01-01", "2024-12-31"}, {2023, "2023-01-01", "2023-12-31"}, {2100, "2100-01-01", "2100-12-31"}} {
		first, last := YearSpan(tc.year)
		if first.String() != tc.first || last.String() != tc.last {
			t.Errorf("YearSpan(%d) = %s..%s, want %s..%s", tc.year, first, last, tc.first, tc.last)
		}
	}
}

// The default cut-off is 2 February of the next year, or today while that
// day is still to come.
func TestDefaultAsOf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		year        int
		today, want string
	}{
		{2024, "2026-12-06", "2025-02-02"}, // a closed year
		{2025, "2026-02-02", "2026-02-02"}, // on the day itself
		{2025, "2026-02-01", "2026-02-01"}, // the day before: today
		{2026, "2026-12-06", "2026-12-06"}, // the current year: today
	} {
		if got := DefaultAsOf(tc.year, day(tc.today)); got.String() != tc.want {
			t.Errorf("DefaultAsOf(%d, %s) = %s, want %s", tc.year, tc.today, got, tc.want)
		}
	}
}
