package reports

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/models"
)

// filed holds the figures of the filed quarterly reports (季度报表, imported
// with their Annex 2 figures) of a unit and quarter: for the bureau, each
// figure summed over the departments that filed it.
type filed struct {
	sums    map[string]float64 // by figureKey
	reports int                // how many filed reports gave figures
}

// readFiled reads the filed figures of a unit's quarter.
func readFiled(ctx context.Context, s *models.Store, u Unit, year, quarter int) (filed, error) {
	q := s.DB.WithContext(ctx).Where("year = ? AND quarter = ?", year, quarter)
	if id := u.ID(); id != 0 {
		q = q.Where("department_id = ?", id)
	}
	var rows []models.QuarterlyReport
	if err := q.Find(&rows).Error; err != nil {
		return filed{}, fmt.Errorf("read filed quarterly reports: %w", err)
	}
	f := filed{sums: map[string]float64{}}
	for _, r := range rows {
		if r.Figures == "" {
			continue
		}
		var figures map[string]float64
		if err := json.Unmarshal([]byte(r.Figures), &figures); err != nil {
			return filed{}, fmt.Errorf("figures of quarterly report %d: %w", r.ID, err)
		}
		f.reports++
		for name, v := range figures {
			f.sums[figureKey(name)] += v
		}
	}
	return f, nil
}

// get returns the first of the names that was filed.
func (f filed) get(names ...string) (Figure, bool) {
	for _, n := range names {
		if v, ok := f.sums[figureKey(n)]; ok {
			return Figure{Value: v, Known: true, Filed: true}, true
		}
	}
	return Figure{}, false
}

// numbering matches what precedes an Annex 2 name on the form: 其中：, (一),
// 一、, 1、 or 1.
var numbering = regexp.MustCompile(`^(?:其中[:：])?(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|[0-9]+[、.．])?`)

// trailingNote matches a note in brackets after a name, e.g.
// 专职人员数(不包括政府公报及政府网站工作人员数).
var trailingNote = regexp.MustCompile(`[(（][^()（）]*[)）]$`)

// figureKey reduces an Annex 2 name to what identifies it, so that a column
// headed "1、专职人员数(不包括…)" or "专职人员数" fills the same line.
func figureKey(name string) string {
	k := numbering.ReplaceAllString(compact(name), "")
	return strings.TrimSpace(trailingNote.ReplaceAllString(k, ""))
}
