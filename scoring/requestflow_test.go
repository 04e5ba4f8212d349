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

// A scheme that follows the 2019 regulation alone (20 + 20 working days, a
// correction restarting the limit, 条例 art. 30) against the shipped
// schemes' pause, across the 2025 National Day holiday (1-8 October off,
// Sunday 28 September and Saturday 11 October working).
func TestCorrectionRestartsTheLimitAcrossNationalDay2025(t *testing.T) {
	t.Parallel()
	cal := calendar(t)
	d := func(m time.Month, day int) Date { return NewDate(2025, m, day) }
	received, asked, arrived := d(time.September, 25), d(time.September, 29), d(time.October, 9)
	for _, tc := range []struct {
		name   string
		limits TimeLimits
		q      Request
		asOf   Date
		want   Date
	}{
		// due(9/25, 20): 9/26, 9/28, 9/29, 9/30, 10/9 … 10/29.
		{"no correction", TimeLimits{Request: 20, Extension: 20, Correction: CorrectionRestart}, Request{}, d(time.December, 31), d(time.October, 29)},
		// The pause stood 9/29, 9/30 and 10/9: 23 working days, 11/3.
		{"pause", TimeLimits{Request: 20, Extension: 20, Correction: CorrectionPause}, Request{CorrectionStart: asked, CorrectionEnd: arrived}, d(time.December, 31), d(time.November, 3)},
		// due(10/9, 20): 10/10, 10/11 (working Saturday), 10/13 … 11/5.
		{"restart", TimeLimits{Request: 20, Extension: 20, Correction: CorrectionRestart}, Request{CorrectionStart: asked, CorrectionEnd: arrived}, d(time.December, 31), d(time.November, 5)},
		// due(10/9, 40): 11/5 and 20 more, 12/3.
		{"restart and extension", TimeLimits{Request: 20, Extension: 20, Correction: CorrectionRestart}, Request{Extended: true, CorrectionStart: asked, CorrectionEnd: arrived}, d(time.December, 31), d(time.December, 3)},
		// Still awaited on 10/20: the clock stands from 9/29 to 10/20 (13
		// working days) whatever the rule, 10/29 + 13.
		{"restart, supplement awaited", TimeLimits{Request: 20, Extension: 20, Correction: CorrectionRestart}, Request{CorrectionStart: asked}, d(time.October, 20), cal.Due(d(time.October, 29), cal.WorkingDays(asked, d(time.October, 20)))},
	} {
		q := tc.q
		q.Received = received
		if got := RequestDue(cal, tc.limits, q, tc.asOf); got != tc.want {
			t.Errorf("%s: due %s, want %s", tc.name, got, tc.want)
		}
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
