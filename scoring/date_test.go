package scoring

import (
	"encoding/json"
	"testing"
	"time"
)

// The hand-written civil arithmetic must agree with package time on every
// day of the years the app will ever score, and on the ends of the range.
func TestDateAgreesWithTime(t *testing.T) {
	check := func(tm time.Time) {
		d := DateOf(tm)
		if got := d.Time(); !got.Equal(tm) {
			t.Fatalf("DateOf(%v).Time() = %v", tm, got)
		}
		if d.Weekday() != tm.Weekday() || d.Year() != tm.Year() || d.Month() != tm.Month() || d.Day() != tm.Day() {
			t.Fatalf("%v: got %s %v", tm, d, d.Weekday())
		}
		if d.String() != tm.Format(time.DateOnly) {
			t.Fatalf("%v: String %s", tm, d)
		}
	}
	for tm := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() < 2101; tm = tm.AddDate(0, 0, 1) {
		check(tm)
	}
	check(time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)) // 0001-01-01 00:00 UTC is the zero time itself
	check(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC))
}

func TestDateOfUsesLocalCalendarDay(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	// 2024-03-05 00:30 in Beijing is still 2024-03-04 in UTC.
	if got := DateOf(time.Date(2024, 3, 5, 0, 30, 0, 0, shanghai)); got.String() != "2024-03-05" {
		t.Errorf("got %s", got)
	}
	if !DateOf(time.Time{}).IsZero() || Date(0).String() != "" || !Date(0).Time().IsZero() {
		t.Error("the zero time and the zero Date must map to each other")
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2024-03-05", true},
		{"2024-02-29", true},
		{"2023-02-29", false},
		{"2024-13-01", false},
		{"2024-3-5", false},
		{"2024/03/05", false},
		{"0000-01-01", false},
		{"", false},
	} {
		d, err := ParseDate(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) = %s, %v", tc.in, d, err)
		}
		if tc.ok && d.String() != tc.in {
			t.Errorf("ParseDate(%q).String() = %q", tc.in, d)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type row struct{ Published, Formed Date }
	data, err := json.Marshal(row{Published: day("2024-02-04")})
	if err != nil || string(data) != `{"Published":"2024-02-04","Formed":""}` {
		t.Fatalf("%s %v", data, err)
	}
	var back row
	if err := json.Unmarshal(data, &back); err != nil || back.Published != day("2024-02-04") || !back.Formed.IsZero() {
		t.Fatalf("%+v %v", back, err)
	}
}

func TestDateText(t *testing.T) {
	var d Date
	if err := d.UnmarshalText([]byte("2024-10-12")); err != nil || d.Quarter() != 4 {
		t.Fatalf("%s %v", d, err)
	}
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() {
		t.Fatalf("empty text must be the zero Date, got %s %v", d, err)
	}
	if err := d.UnmarshalText([]byte("2024年10月12日")); err == nil {
		t.Fatal("Chinese spelling is the importer's job, not Date's")
	}
}
