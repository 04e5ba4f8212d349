package scoreruns

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// ScoreReport is the published shape of a year's scores, the same from
// `gongkai score` and GET /api/v1/scores. Figures are rounded half up to two
// decimals; the grade was decided on the exact total.
type ScoreReport struct {
	Scheme       string            `json:"scheme"`
	Year         int               `json:"year"`
	AsOf         string            `json:"as_of"`
	RunID        uint              `json:"run_id"`
	CalendarGaps []int             `json:"calendar_gaps"`
	Departments  []ScoreReportLine `json:"departments"`
	// order keeps the scheme's indicator order for CSV columns.
	order []string
}

// ScoreReportLine is one department's figures. A department not rated
// (不参评) has rated false, no indicators, a null total, an empty grade and
// rank 0.
type ScoreReportLine struct {
	Code       string                 `json:"code"`
	Name       string                 `json:"name"`
	Rated      bool                   `json:"rated"`
	Indicators map[string]json.Number `json:"indicators"`
	Total      *json.Number           `json:"total"`
	Grade      string                 `json:"grade"`
	Rank       int                    `json:"rank"`
	Veto       bool                   `json:"veto"`
	Capped     bool                   `json:"capped"`
}

// NewScoreReport builds the report from a run's department results.
func NewScoreReport(run *ScoreRun, depts []scoring.DepartmentResult) *ScoreReport {
	r := &ScoreReport{Scheme: run.SchemeVersion, Year: run.Year, AsOf: scoring.DateOf(run.AsOf).String(), RunID: run.ID, CalendarGaps: run.Gaps(), Departments: []ScoreReportLine{}}
	if r.CalendarGaps == nil {
		r.CalendarGaps = []int{}
	}
	for _, d := range depts {
		line := ScoreReportLine{Code: d.Code, Name: d.Name, Rated: !d.Unrated, Indicators: map[string]json.Number{},
			Grade: string(d.Grade), Rank: d.Rank, Veto: d.Veto, Capped: d.Capped}
		if !d.Unrated {
			total := json.Number(scoring.Round2(d.Total))
			line.Total = &total
		}
		for _, ind := range d.Indicators {
			line.Indicators[ind.Code] = json.Number(scoring.Round2(ind.Score))
			if !slices.Contains(r.order, ind.Code) {
				r.order = append(r.order, ind.Code)
			}
		}
		r.Departments = append(r.Departments, line)
	}
	return r
}

// StoredReport reads a stored run as a report, limited to what the viewer may see.
func (s *Store) StoredReport(ctx context.Context, v models.Viewer, run *ScoreRun) (*ScoreReport, error) {
	rows, err := s.RunResults(ctx, v, run.ID)
	if err != nil {
		return nil, err
	}
	depts := make([]scoring.DepartmentResult, len(rows))
	for i, row := range rows {
		d, err := row.Result()
		if err != nil {
			return nil, err
		}
		depts[i] = *d
	}
	return NewScoreReport(run, depts), nil
}

// WriteJSON writes the report as indented JSON.
func (r *ScoreReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteCSV writes one line per department: code, name, rated, the
// indicators in scheme order, total, grade, rank, veto, capped; the figures
// of a department not rated are empty. UTF-8 with a BOM, so that Excel opens
// the Chinese correctly.
func (r *ScoreReport) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	header := append([]string{"code", "name", "rated"}, r.order...)
	if err := cw.Write(append(header, "total", "grade", "rank", "veto", "capped")); err != nil {
		return err
	}
	for _, d := range r.Departments {
		rec := []string{d.Code, d.Name, strconv.FormatBool(d.Rated)}
		for _, code := range r.order {
			rec = append(rec, d.Indicators[code].String())
		}
		total, rank := "", ""
		if d.Rated {
			total, rank = d.Total.String(), strconv.Itoa(d.Rank)
		}
		rec = append(rec, total, d.Grade, rank, strconv.FormatBool(d.Veto), strconv.FormatBool(d.Capped))
		if err := cw.Write(models.NeutraliseRecord(rec)); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	return cw.Error()
}
