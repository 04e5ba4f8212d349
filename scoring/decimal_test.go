package scoring

import (
	"encoding/json"
	"testing"
)

func TestRound2HalfUp(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"87.245", "87.25"},
		{"87.2449", "87.24"},
		{"99.375", "99.38"},
		{"1/8", "0.13"},
		{"0.005", "0.01"},
		{"2/3", "0.67"},
		{"18.5", "18.50"},
		{"20", "20.00"},
		{"0", "0.00"},
		{"260/13", "20.00"},
	} {
		if got := Round2(rat(tc.in)); got != tc.want {
			t.Errorf("Round2(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got := Float2(rat("99.375")); got != 99.38 {
		t.Errorf("Float2 = %v", got)
	}
}

func TestDecimalJSON(t *testing.T) {
	for _, tc := range []struct {
		in  string
		out string // "" when refused
	}{
		{"2.5", "2.5"},
		{"90", "90"},
		{"0.30", "0.3"},
		{"-1", "-1"},
		{`"90"`, ""},
		{"1e2", ""},
		{"1/3", ""},
	} {
		var d Decimal
		err := json.Unmarshal([]byte(tc.in), &d)
		if tc.out == "" {
			if err == nil {
				t.Errorf("%s: accepted as %s", tc.in, d)
			}
			continue
		}
		got, merr := json.Marshal(d)
		if err != nil || merr != nil || string(got) != tc.out {
			t.Errorf("%s → %s (%v, %v), want %s", tc.in, got, err, merr, tc.out)
		}
	}
	if _, err := json.Marshal(Decimal{rat("1/3")}); err == nil {
		t.Error("a value that is no finite decimal must not be written as one")
	}
}
