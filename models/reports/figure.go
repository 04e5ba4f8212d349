package reports

import (
	"math"
	"strconv"
)

// Figure is one number of a form: blank (not Known) when neither the
// records nor a filed report give it.
type Figure struct {
	Value float64
	Known bool
	Filed bool // taken from the filed quarterly report, not the records
}

// count is a figure computed from the records.
func count(n int) Figure { return Figure{Value: float64(n), Known: true} }

// yuan is an amount in 分 as a figure in 元.
func yuan(cents int64) Figure { return Figure{Value: float64(cents) / 100, Known: true} }

// String prints whole numbers without decimals and others with two; a
// blank figure prints as nothing.
func (f Figure) String() string {
	switch {
	case !f.Known:
		return ""
	case f.Value == math.Trunc(f.Value):
		return strconv.FormatFloat(f.Value, 'f', 0, 64)
	}
	return strconv.FormatFloat(f.Value, 'f', 2, 64)
}
