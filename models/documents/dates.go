package documents

import (
	"fmt"

	"github.com/gongkai/gongkai/scoring"
)

// ChineseDate writes a date as documents write it, 2026年12月6日, never
// ISO; "" for no date.
func ChineseDate(d scoring.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
}
