package i18n

import (
	"math"
	"strconv"
)

// FileSize writes a byte count for people, the same in both languages, so
// that an audit note and a page write sizes alike:
// 512 B, 207 KB, 1.2 MB (units of 1024, as file managers show them).
func FileSize(n int64) string {
	const kb, mb = 1024, 1024 * 1024
	switch {
	case n < kb:
		return strconv.FormatInt(n, 10) + " B"
	case n < mb-kb/2: // rounds to at most 1023 KB
		return strconv.FormatFloat(math.Round(float64(n)/kb), 'f', 0, 64) + " KB"
	case n < 10*mb:
		return strconv.FormatFloat(float64(n)/mb, 'f', 1, 64) + " MB"
	default:
		return strconv.FormatFloat(math.Round(float64(n)/mb), 'f', 0, 64) + " MB"
	}
}
