package scoring

import (
	"testing"
	"time"
)

// The clocks of a request across the 2025 National Day holiday (Oct 1-8
// off; Sunday Sep 28 and Saturday Oct 11 worked), each date counted by
// hand on the calendar: received Thursday Sep 25, the 15 working days run
// 9/26, 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13 … 10/22.
func TestRequestClocksAcrossNationalDay2025(t *testing.T) {
	t.Parallel()
	cal := calendar(t)
	d := func(m time.Month, day int) Date { return NewDate(2025, m, day) }
	limits := TimeLimits{Request: 15, Extension: 15}
	received := d(time.September, 25)
	asOf := d(time.December, 31)
	tests := []struct {
		name string
		q    Request
		want Date
	}{
		{"no pause: the 15th working day", Request{}, d(time.October, 22)},
		// +15: 10/23, 10/24, 10/27 … 11/7, 11/10, 11/11, 11/12.
		{"extension approved: 15 more", Request{Extended: true}, d(time.November, 12)},
		// 补正 asked Mon 9/29, corrected Thu 10/9: the clock stood 9/29,
		// 9/30 and 10/9 (3 working days), so 10/22 moves to 10/27.
		{"correction restarts the clock", Request{CorrectionStart: d(time.September, 29), CorrectionEnd: d(time.October, 9)}, d(time.October, 27)},
		// Consulted Fri 9/26, replied Fri 10/10: 9/26, 9/28, 9/29, 9/30,
		// 10/9, 10/10 stood (6), so 10/22 moves to 10/30.
		{"third-party pause", Request{PauseStart: d(time.September, 26), PauseEnd: d(time.October, 10)}, d(time.October, 30)},
		// Still waiting for the third party: the pause runs to as-of.
		{"third party not yet replied", Request{PauseStart: d(time.September, 26)}, cal.Due(received, 15+cal.WorkingDays(d(time.September, 26), asOf))},
		// All three: the pause 10/10-10/17 stood 7 working days (the
		// working Saturday 10/11 among them): 15 + 15 + 3 + 7 = 40, 11/12 + 10.
		{"correction, pause and extension", Request{Extended: true, CorrectionStart: d(time.September, 29), CorrectionEnd: d(time.October, 9),
			PauseStart: d(time.October, 10), PauseEnd: d(time.October, 17)}, d(time.November, 26)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			q.Received = received
			if got := RequestDue(cal, limits, q, asOf); got != tc.want {
				t.Errorf("due = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestThirdPartyCorrectionAndForwardingDue2025(t *testing.T) {
	t.Parallel()
	cal := calendar(t)
	d := func(m time.Month, day int) Date { return NewDate(2025, m, day) }
	tests := []struct {
		name      string
		got, want Date
	}{
		// 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13 … 10/23: 15 working days.
		{"third party consulted Fri 9/26", ThirdPartyDue(cal, d(time.September, 26)), d(time.October, 23)},
		// 9/30, 10/9, 10/10, 10/11, 10/13 … 10/27.
		{"correction asked Mon 9/29", CorrectionDue(cal, d(time.September, 29)), d(time.October, 27)},
		// 3 calendar days, the holiday counted: online on 9/29, forwarded by 10/2.
		{"online request of 9/29", ForwardDue(TimeLimits{}, d(time.September, 29)), d(time.October, 2)},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, tc.got, tc.want)
		}
	}
}
