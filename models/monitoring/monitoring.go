// Package monitoring keeps the monitoring runs between year ends (季度监测,
// issue 25): a period inside a year scored at a cut-off with what was due
// by then (scoring's Input.Monitoring), each unit's figures and its place
// among the units of its kind (类别), stored in tables of their own. A run
// never writes the year's score runs, assessment, grades or standing. From
// a run the office issues its 通报 (bulletin.go), once, and may post it on
// the public site.
package monitoring

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// Store keeps the monitoring runs.
type Store struct {
	*models.Store
	decisions scoreruns.Decisions
}

// New returns the monitoring store on s; d reads the standing decisions
// the scoring input carries (accountability.Decisions), as for score runs.
func New(s *models.Store, d scoreruns.Decisions) *Store { return &Store{Store: s, decisions: d} }

// Run is one monitoring run: a year's period up to a cut-off (数据截止)
// under a scheme, computed by whom and when.
type Run struct {
	ID            uint      `gorm:"primaryKey"`
	Year          int       `gorm:"not null;index:idx_monitoring_year,priority:1"`
	Label         string    `gorm:"size:64;not null"` // 2026年第三季度, 2026年9月
	AsOf          time.Time `gorm:"type:date;not null"`
	SchemeVersion string    `gorm:"size:64;not null"`
	ComputedAt    time.Time `gorm:"not null;index:idx_monitoring_year,priority:2"`
	ComputedBy    string    `gorm:"size:64;not null"`
	// BulletinID is the run's 通报 in force (documents), 0 before it is
	// issued; a correction replaces it with the correcting document's.
	BulletinID uint `gorm:"not null;default:0"`
}

// TableName names the table.
func (Run) TableName() string { return "monitoring_runs" }

// Cut is the run's cut-off as a date.
func (r Run) Cut() scoring.Date { return scoring.DateOf(r.AsOf) }

// Line is one unit's result in a run.
type Line struct {
	ID           uint   `gorm:"primaryKey"`
	RunID        uint   `gorm:"not null;uniqueIndex:uk_monitoring_line,priority:1"`
	DepartmentID uint   `gorm:"not null;uniqueIndex:uk_monitoring_line,priority:2;index"`
	Name         string `gorm:"size:128;not null"`
	Kind         string `gorm:"size:16;not null"` // 类别 at the run: units rank among their kind
	// Total rounded half up; Rank is the place among the rated units of the
	// same kind (0: not rated), KindRated how many there are.
	Total     float64 `gorm:"type:decimal(7,2);not null"`
	Rank      int     `gorm:"column:rank_no;not null;default:0"`
	KindRated int     `gorm:"not null;default:0"`
	Missing   int     `gorm:"not null;default:0"` // duties due and not done (缺项)
	Late      int     `gorm:"not null;default:0"` // duties done after their due date (逾期)
	Detail    string  `gorm:"type:longtext;not null"`
}

// TableName names the table.
func (Line) TableName() string { return "monitoring_lines" }

// Rated reports whether the unit was rated in the run.
func (l Line) Rated() bool { return l.Rank > 0 }

// Result re-reads the stored detail.
func (l Line) Result() (*scoring.DepartmentResult, error) {
	var r scoring.DepartmentResult
	if err := json.Unmarshal([]byte(l.Detail), &r); err != nil {
		return nil, fmt.Errorf("read monitoring line of department %d: %w", l.DepartmentID, err)
	}
	return &r, nil
}

// Request says what to monitor.
type Request struct {
	Year          int
	AsOf          scoring.Date
	SchemeVersion string // empty: the newest approved scheme
}

// Label names the period a cut-off closes: the quarter at a quarter's end
// (2026年第三季度), else the month at a month's end (2026年8月), else the
// year to that day (2026年1月1日至9月15日).
func Label(asOf scoring.Date) string {
	y, m, d := asOf.Year(), asOf.Month(), asOf.Day()
	next := asOf + 1
	switch {
	case next.Day() == 1 && m%3 == 0:
		return fmt.Sprintf("%d年第%s季度", y, []string{"一", "二", "三", "四"}[m/3-1])
	case next.Day() == 1:
		return fmt.Sprintf("%d年%d月", y, m)
	}
	return fmt.Sprintf("%d年1月1日至%d月%d日", y, m, d)
}

// LastQuarterEnd is the last day of the last quarter of today's year that
// has ended by today (today included), and false in the first quarter,
// when none has.
func LastQuarterEnd(today scoring.Date) (scoring.Date, bool) {
	if (today+1).Day() == 1 && today.Month()%3 == 0 {
		return today, true
	}
	q := (int(today.Month()) - 1) / 3 // quarters ended before today's
	if q == 0 {
		return 0, false
	}
	return scoring.NewDate(today.Year(), time.Month(3*q+1), 1) - 1, true
}

// Compute scores the year's units as of the cut-off in monitoring mode and
// stores the run, audit-logged (the office). The cut-off lies in the year
// and not after today; a run is refused if one of the same cut-off and
// scheme already has its 通报 (issue a correction instead).
func (s *Store) Compute(ctx context.Context, v models.Viewer, req Request, now time.Time) (*Run, error) {
	if !v.Can(models.ActRunMonitoring) {
		return nil, models.ErrForbidden
	}
	first, last := scoring.YearSpan(req.Year)
	switch {
	case req.AsOf.IsZero():
		return nil, models.Invalid("as_of", "monitor.refuse.as_of")
	case req.AsOf < first || req.AsOf > last:
		return nil, models.Invalid("as_of", "monitor.refuse.outside_year", req.AsOf, req.Year)
	}
	if err := scoreruns.CheckAsOf(req.AsOf, now); err != nil {
		return nil, err
	}
	sv, err := s.SchemeByVersion(ctx, req.SchemeVersion)
	if errors.Is(err, models.ErrNotFound) {
		return nil, models.Invalid("scheme", "refuse.score.no_scheme", req.SchemeVersion)
	}
	if err != nil {
		return nil, err
	}
	scheme, err := sv.Scheme()
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	in, err := scoreruns.New(s.Store).Deciding(s.decisions).ScoringInput(ctx, req.Year)
	if err != nil {
		return nil, err
	}
	in.AsOf, in.Scheme, in.Calendar, in.Monitoring = req.AsOf, scheme, cal, true
	res, err := scoring.Score(*in)
	if err != nil {
		return nil, fmt.Errorf("monitor %d: %w", req.Year, err)
	}
	depts, err := s.Departments(ctx, models.System)
	if err != nil {
		return nil, err
	}
	kinds := make(map[uint]string, len(depts))
	for _, d := range depts {
		kinds[d.ID] = d.Kind
	}
	lines, err := linesOf(res.Departments, kinds)
	if err != nil {
		return nil, err
	}
	run := Run{Year: req.Year, Label: Label(req.AsOf), AsOf: req.AsOf.Time(), SchemeVersion: res.SchemeVersion, ComputedAt: now.UTC(), ComputedBy: v.Name}
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		var issued Run
		if tx.ForUpdate().Where("year = ? AND as_of = ? AND scheme_version = ? AND bulletin_id > 0", run.Year, run.AsOf, run.SchemeVersion).
			Limit(1).Find(&issued).RowsAffected > 0 {
			return models.Invalid("as_of", "monitor.refuse.bulletin_out", run.Label)
		}
		run.ID = 0
		if err := tx.DB.Create(&run).Error; err != nil {
			return fmt.Errorf("store monitoring run: %w", err)
		}
		rows := slices.Clone(lines)
		for i := range rows {
			rows[i].RunID = run.ID
		}
		if err := tx.DB.CreateInBatches(rows, 200).Error; err != nil {
			return fmt.Errorf("store monitoring lines: %w", err)
		}
		return tx.Record("compute", "monitoring_run", run.ID, nil, map[string]any{
			"name": run.Label, "year": run.Year, "as_of": req.AsOf.String(), "scheme": run.SchemeVersion, "monitored_units": len(rows)})
	})
	if err != nil {
		return nil, err
	}
	return &run, nil
}

// linesOf turns a monitoring result into lines ranked within each kind:
// best total first, equal totals sharing a place, as scoring.Rate ranks.
func linesOf(results []scoring.DepartmentResult, kinds map[uint]string) ([]Line, error) {
	lines := make([]Line, len(results))
	exact := make([]*scoring.DepartmentResult, len(results))
	for i := range results {
		d := &results[i]
		b, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("encode monitoring of %s: %w", d.Code, err)
		}
		missing, late := Tally(d)
		lines[i] = Line{DepartmentID: d.Dept, Name: d.Name, Kind: kinds[d.Dept], Missing: missing, Late: late, Detail: string(b)}
		if !d.Unrated {
			lines[i].Total = scoring.Float2(d.Total)
			exact[i] = d
		}
	}
	byKind := map[string][]int{}
	for i := range lines {
		if exact[i] != nil {
			byKind[lines[i].Kind] = append(byKind[lines[i].Kind], i)
		}
	}
	for _, idx := range byKind {
		slices.SortStableFunc(idx, func(a, b int) int {
			return cmp.Or(exact[b].Total.Cmp(exact[a].Total), cmp.Compare(lines[a].Name, lines[b].Name))
		})
		for pos, i := range idx {
			lines[i].Rank, lines[i].KindRated = pos+1, len(idx)
			if prev := idx[max(pos-1, 0)]; pos > 0 && exact[i].Total.Cmp(exact[prev].Total) == 0 {
				lines[i].Rank = lines[prev].Rank
			}
		}
	}
	return lines, nil
}

// missingKinds are the deductions of a duty due and not done (缺项), with
// how the 通报 counts those it does not name one by one (the slots, each
// named by its item and period, have none); in the order it lists them.
var missingKinds = []struct {
	kind  scoring.DeductionKind
	words string
}{
	{scoring.DeductSlotUnfilled, ""},
	{scoring.DeductSlotVoidQuarter, ""},
	{scoring.DeductQuarterlyMissing, "季度报表未报送%d份"},
	{scoring.DeductAnnualMissing, "年度报告未报送%d份"},
	{scoring.DeductChannelMissing, "应使用的公开形式%d种未使用"},
	{scoring.DeductRequestOverdueOpen, "依申请公开逾期未答复%d件"},
	{scoring.DeductForwardOverdueOpen, "网上申请逾期未转交%d件"},
	{scoring.DeductComplaintUnreplied, "投诉咨询未回复%d件"},
	{scoring.DeductComplaintUnclosed, "投诉咨询未办结%d件"},
	{scoring.DeductReviewOverdueOpen, "保密审查逾期未提出意见%d件"},
	{scoring.DeductCoordinationSilent, "协调逾期未答复%d件"},
	{scoring.DeductPressMonthMissing, "未召开新闻发布会的月份%d个"},
}

// isMissing reports whether a deduction is of a duty due and not done.
func isMissing(k scoring.DeductionKind) bool {
	return slices.ContainsFunc(missingKinds, func(m struct {
		kind  scoring.DeductionKind
		words string
	}) bool {
		return m.kind == k
	})
}

// Tally counts a unit's duties due and not done (缺项, missingKinds) and
// those done after their due date (逾期: a publication, an answer, a
// report, a forwarding, a review or a reply done late), over every
// indicator's lines. A shortfall (a thin week, a review missing on a
// publication) and a judgment (an act overturned) are neither.
func Tally(d *scoring.DepartmentResult) (missing, late int) {
	for _, ind := range d.Indicators {
		for _, ded := range ind.Deductions {
			switch {
			case isMissing(ded.Kind):
				missing++
			case !ded.Done.IsZero() || ded.Kind == scoring.DeductPublicationLate:
				late++
			}
		}
	}
	return missing, late
}

// Runs lists the runs of a year (every year when 0), newest first, for a
// viewer who may read them.
func (s *Store) Runs(ctx context.Context, v models.Viewer, year int) ([]Run, error) {
	if !v.Can(models.ActReadMonitoring) {
		return nil, models.ErrForbidden
	}
	q := s.DB.WithContext(ctx).Order("as_of desc, computed_at desc, id desc")
	if year > 0 {
		q = q.Where("year = ?", year)
	}
	var out []Run
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read monitoring runs: %w", err)
	}
	return out, nil
}

// Get reads a run, or ErrNotFound.
func (s *Store) Get(ctx context.Context, v models.Viewer, id uint) (*Run, error) {
	if !v.Can(models.ActReadMonitoring) {
		return nil, models.ErrForbidden
	}
	var r Run
	if err := s.DB.WithContext(ctx).First(&r, id).Error; err != nil {
		return nil, models.NotFound(err, "read monitoring run")
	}
	return &r, nil
}

// Lines lists a run's lines the viewer may see (a head its own unit's),
// by kind in the order of models.DepartmentKinds, then rank, the units not
// rated last; withDetail reads each line's whole result too.
func (s *Store) Lines(ctx context.Context, v models.Viewer, runID uint, withDetail bool) ([]Line, error) {
	if !v.Can(models.ActReadMonitoring) {
		return nil, models.ErrForbidden
	}
	q := s.DB.WithContext(ctx).Where("run_id = ?", runID)
	if !withDetail {
		q = q.Omit("detail")
	}
	if id, limited := v.OwnDepartment(); limited {
		q = q.Where("department_id = ?", id)
	}
	var out []Line
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read monitoring lines: %w", err)
	}
	SortLines(out)
	return out, nil
}

// Line reads one unit's line of a run with its detail, if the viewer may
// see that unit.
func (s *Store) Line(ctx context.Context, v models.Viewer, runID, deptID uint) (*Line, error) {
	if !v.Can(models.ActReadMonitoring) || !v.CanSeeDepartment(deptID) {
		return nil, models.ErrNotFound
	}
	var l Line
	if err := s.DB.WithContext(ctx).Where("run_id = ? AND department_id = ?", runID, deptID).First(&l).Error; err != nil {
		return nil, models.NotFound(err, "read monitoring line")
	}
	return &l, nil
}

// SortLines orders lines by kind (models.DepartmentKinds, unknown kinds
// last), then rank with the units not rated last, then name.
func SortLines(ls []Line) {
	kindAt := func(k string) int {
		if i := slices.Index(models.DepartmentKinds, k); i >= 0 {
			return i
		}
		return len(models.DepartmentKinds)
	}
	rankOf := func(l Line) int {
		if l.Rank == 0 {
			return 1 << 30
		}
		return l.Rank
	}
	slices.SortStableFunc(ls, func(a, b Line) int {
		return cmp.Or(cmp.Compare(kindAt(a.Kind), kindAt(b.Kind)), cmp.Compare(rankOf(a), rankOf(b)), cmp.Compare(a.Name, b.Name))
	})
}
