package scoring

import (
	"fmt"
	"time"
)

// Date is a civil date with no time zone: the number of days since
// 0001-01-01, counted from 1 so that the zero value means "no date".
// Dates compare with <, ==, >, and subtracting two dates gives days.
type Date int32

// unixEpoch is the Date of 1970-01-01.
const unixEpoch Date = 719163

// NewDate returns the date year-month-day. Month and day are normalized as
// time.Date does (31 April is 1 May); years outside 1..9999 give the zero Date.
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location. The zero time,
// and any time outside years 1..9999, give the zero Date.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	if y < 1 || y > 9999 {
		return 0
	}
	return fromCivil(y, int(m), d)
}

// ParseDate reads a date written as YYYY-MM-DD, e.g. "2024-03-05".
// Other spellings (2024/3/5, 2024年3月5日) belong to the importer.
func ParseDate(s string) (Date, error) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) {
			return fromCivil(y, m, d), nil
		}
	}
	return 0, fmt.Errorf("日期“%s”无效，应写作 YYYY-MM-DD，例如 2024-03-05", s)
}

// digits parses a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days of month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == 0 }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, day := d.civil()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
}

// Time returns midnight UTC of d, or the zero time for the zero Date.
func (d Date) Time() time.Time {
	if d == 0 {
		return time.Time{}
	}
	y, m, day := d.civil()
	return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Year returns the year of d.
func (d Date) Year() int {
	y, _, _ := d.civil()
	return y
}

// Month returns the month of d.
func (d Date) Month() time.Month {
	_, m, _ := d.civil()
	return time.Month(m)
}

// Day returns the day of the month of d.
func (d Date) Day() int {
	_, _, day := d.civil()
	return day
}

// Quarter returns the quarter of d, 1 to 4.
func (d Date) Quarter() int { return (int(d.Month())-1)/3 + 1 }

// Weekday returns the day of the week of d. 0001-01-01 was a Monday.
func (d Date) Weekday() time.Weekday {
	return time.Weekday((int(d-1)%7 + 1) % 7)
}

// MarshalText writes d as YYYY-MM-DD, empty for the zero Date, so that JSON
// shows dates as strings.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; empty text is the zero Date.
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// fromCivil converts a valid year, month, day to a Date. It is Howard
// Hinnant's days_from_civil, shifted to our epoch; it avoids time.Time on the
// hot paths of scoring.
func fromCivil(y, m, d int) Date {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097+doe-719468) + unixEpoch
}

// civil converts d back to year, month, day (Hinnant's civil_from_days).
func (d Date) civil() (y, m, day int) {
	z := int(d-unixEpoch) + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, day
}
