package scoring

import "time"

// The years the regime's records may belong to: 考核年度 from 2000 to 2100.
// Every form, command and Store method that takes a year checks it with
// ValidYear, so the limits are written here only.
const (
	MinYear = 2000
	MaxYear = 2100
)

// ValidYear reports whether year is one the app keeps records for.
func ValidYear(year int) bool { return year >= MinYear && year <= MaxYear }

// YearSpan is the first and the last day of year: 1 January and 31
// December, both included.
func YearSpan(year int) (first, last Date) {
	return NewDate(year, time.January, 1), NewDate(year+1, time.January, 1) - 1
}

// DefaultAsOf is the data cut-off (截止日期) a year's scores are computed
// for when none is named: 2 February of the next year, after the annual
// reports fall due, or today if that day has not come yet, since records
// of days still to come cannot have been read. The command line and the
// office's form both start from it.
func DefaultAsOf(year int, today Date) Date {
	return min(NewDate(year+1, time.February, 2), today)
}
