package publicsite

import (
	"testing"

	"github.com/gongkai/gongkai/models/reports"
)

// A share or a median rests on MinSample cases or says 样本不足 (Enough
// false, no value); counts are given whatever their number.
func TestFiguresNeedTheMinimumSample(t *testing.T) {
	for _, tc := range []struct {
		name             string
		days             []int
		answered, ontime int
		rate, median     Measure
		results          bool
	}{
		{"none", nil, 0, 0, Measure{}, Measure{}, false},
		{"four", []int{1, 2, 3, 9}, 4, 4, Measure{Cases: 4}, Measure{Cases: 4}, false},
		{"five", []int{1, 2, 3, 9, 20}, 5, 4, Measure{80, 5, true}, Measure{3, 5, true}, true},
		{"six, median between two", []int{1, 2, 3, 5, 9, 20}, 6, 5, Measure{83.3, 6, true}, Measure{4, 6, true}, true},
		{"two of three", []int{1, 2, 3, 4, 5, 6, 7, 8, 9}, 9, 6, Measure{66.7, 9, true}, Measure{5, 9, true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tl reports.UnitTally
			tl.Requests.Received, tl.Requests.Closed, tl.Requests.OnTime, tl.Days = tc.answered+1, tc.answered, tc.ontime, tc.days
			tl.Results = map[string]int{"予以公开": tc.answered}
			f := figuresOf(2025, false, &tl)
			if f.OnTimeRate != tc.rate || f.MedianDays != tc.median {
				t.Errorf("rate %+v median %+v, want %+v %+v", f.OnTimeRate, f.MedianDays, tc.rate, tc.median)
			}
			if (len(f.Results) > 0) != tc.results || f.Received != tc.answered+1 || f.Answered != tc.answered {
				t.Errorf("results %v, counts %d/%d", f.Results, f.Received, f.Answered)
			}
		})
	}
}
