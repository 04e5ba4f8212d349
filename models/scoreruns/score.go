// Package scoreruns keeps the score runs: computing a year's scores as of a
// date under a scheme (audit-logged), the stored results and ranks, the
// report written from them, and the standing of a department that pages and
// the assessment read.
package scoreruns

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/scoring"
)

// Store keeps the score runs in the application's database.
type Store struct {
	*models.Store
	decisions Decisions
	batch     int // departments a batch of a computation scores; 0: batchSize decides
}

// New returns the score run store on s. Reading stored runs needs nothing
// more; computing needs the standing decisions too (Deciding).
func New(s *models.Store) *Store { return &Store{Store: s} }

// Decisions reads the accountability decisions dated in year y that stand
// (they cap grades). The discipline office's room owns them
// (accountability.Decisions) and imports this one, so the caller hands them
// in.
type Decisions func(ctx context.Context, y int) ([]scoring.Decision, error)

// Deciding returns the store computing with d as its standing decisions.
func (s *Store) Deciding(d Decisions) *Store {
	return &Store{Store: s.Store, decisions: d, batch: s.batch}
}

// errNoDecisions: a computation was asked of a store not given the
// decisions; scores without them would quietly miss every cap.
var errNoDecisions = errors.New("scoreruns: computing scores needs the standing decisions (New(store).Deciding(accountability.Decisions(store)))")

// ScoreRun is one explicit computation of a year's scores: which scheme
// version, which as-of date, who asked and when. Pages read stored runs;
// nothing is recomputed behind the user's back.
type ScoreRun struct {
	ID            uint      `gorm:"primaryKey"`
	Year          int       `gorm:"not null;index:idx_run_year,priority:1"`
	AsOf          time.Time `gorm:"type:date;not null"`
	SchemeVersion string    `gorm:"size:64;not null"`
	ComputedAt    time.Time `gorm:"not null;index:idx_run_year,priority:2"`
	ComputedBy    string    `gorm:"size:64;not null"`
	CalendarGaps  string    `gorm:"size:256"`  // JSON list of years scored weekends-only
	Unresolved    string    `gorm:"type:text"` // JSON list of catalog names that bound nobody
}

// DepartmentScore is one department's result in a run. Detail is the whole
// scoring.DepartmentResult as JSON (exact fractions as text), so pages can
// show every deduction in either language.
type DepartmentScore struct {
	ID           uint    `gorm:"primaryKey"`
	RunID        uint    `gorm:"not null;uniqueIndex:uk_run_dept,priority:1"`
	DepartmentID uint    `gorm:"not null;uniqueIndex:uk_run_dept,priority:2;index"`
	Total        float64 `gorm:"type:decimal(7,2);not null"` // rounded half up, for sorting and charts; 0 when not rated
	Grade        string  `gorm:"size:16;not null"`           // empty when not rated
	// Rank is the department's place among the run's rated departments,
	// decided once with the run (scoring.Rate); 0: not rated (不参评).
	Rank   int    `gorm:"column:rank_no;not null;default:0"`
	Veto   bool   `gorm:"not null"`
	Capped bool   `gorm:"not null"`
	Detail string `gorm:"type:longblob;not null;serializer:scoredetail"` // stored deflated (detail.go)
	// FiguresLine is what charts read of the result (figures.go); empty
	// for a run stored before it was.
	FiguresLine string `gorm:"column:figures;size:2048;not null;default:''"`
}

// Rated reports whether the department was rated in the run; a department
// not rated (不参评) has no total, grade or rank.
func (d DepartmentScore) Rated() bool { return d.Rank > 0 }

// Result re-reads the stored detail.
func (d DepartmentScore) Result() (*scoring.DepartmentResult, error) {
	var r scoring.DepartmentResult
	if err := json.Unmarshal([]byte(d.Detail), &r); err != nil {
		return nil, fmt.Errorf("read stored score of department %d: %w", d.DepartmentID, err)
	}
	return &r, nil
}

// ScoreRequest says what to compute.
type ScoreRequest struct {
	Year          int
	AsOf          scoring.Date
	SchemeVersion string // empty: the newest approved scheme
}

// CheckAsOf refuses a data cut-off (数据截止) after today: records not yet
// due would count as missing. Scores, plans and the command line ask it.
func CheckAsOf(asOf scoring.Date, now time.Time) error {
	if today := scoring.DateOf(now); asOf > today {
		return models.Invalid("as_of", "refuse.as_of.future", asOf, today)
	}
	return nil
}

// ComputeScores scores every department and stores the run, audit-logged
// with each department's grade and total before (the previous run of the
// year) and after. Only the office recomputes. The result returned holds
// each department's figures: its indicators' scores without their
// deductions, and no slots; the whole explanation is stored with the run
// (RunResults), since a province's would not fit in memory.
func (s *Store) ComputeScores(ctx context.Context, v models.Viewer, req ScoreRequest, now time.Time) (*ScoreRun, *scoring.Result, error) {
	if !v.IsOffice() {
		return nil, nil, models.ErrForbidden
	}
	if err := CheckAsOf(req.AsOf, now); err != nil {
		return nil, nil, err
	}
	sv, err := s.SchemeByVersion(ctx, req.SchemeVersion)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil, models.Invalid("scheme", "refuse.score.no_scheme", req.SchemeVersion)
	}
	if err != nil {
		return nil, nil, err
	}
	scheme, err := sv.Scheme()
	if err != nil {
		return nil, nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	// The year is read and scored in batches (batches.go); no import
	// halfway written is read (imports' SettledInput).
	var year *scoredYear
	_, err = imports.New(s.Store).SettledInput(ctx, req.Year, func(ctx context.Context, y int) (*scoring.Input, error) {
		year, err = s.scoreYear(ctx, y, req.AsOf, scheme, cal)
		return nil, err
	})
	if err != nil {
		return nil, nil, err
	}
	res := year.res
	details, err := year.storedDetails()
	if err != nil {
		return nil, nil, err
	}
	run := ScoreRun{Year: req.Year, AsOf: req.AsOf.Time(), SchemeVersion: res.SchemeVersion, ComputedAt: now.UTC(), ComputedBy: v.Name,
		CalendarGaps: models.JSONOrEmpty(res.CalendarGaps), Unresolved: models.JSONOrEmpty(res.Unresolved)}
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		before, err := gradesOf(tx.DB, req.Year)
		if err != nil {
			return err
		}
		if err := tx.DB.Create(&run).Error; err != nil {
			return fmt.Errorf("store score run: %w", err)
		}
		after := make(map[string]string, len(res.Departments))
		rows := make([]DepartmentScore, 0, storeBatch)
		for i, d := range res.Departments {
			row := DepartmentScore{RunID: run.ID, DepartmentID: d.Dept, Grade: string(d.Grade), Rank: d.Rank, Veto: d.Veto, Capped: d.Capped, Detail: details[i],
				FiguresLine: figuresLine(&res.Departments[i])}
			after[d.Code] = unratedLabel
			if !d.Unrated {
				row.Total = scoring.Float2(d.Total)
				after[d.Code] = fmt.Sprintf("%s %s 第%d名", d.Grade, scoring.Round2(d.Total), d.Rank)
			}
			if rows = append(rows, row); len(rows) == storeBatch || i == len(res.Departments)-1 {
				if err := tx.DB.Create(&rows).Error; err != nil {
					return fmt.Errorf("store department scores: %w", err)
				}
				rows = rows[:0]
			}
		}
		return tx.Record("compute", "scores", fmt.Sprintf("%d/%s/%s", req.Year, req.AsOf, res.SchemeVersion), before, after)
	})
	if err != nil {
		return nil, nil, err
	}
	return &run, res, nil
}

// storeBatch is how many department scores one INSERT stores.
const storeBatch = 200

// unratedLabel stands for a department not rated in the audit log.
const unratedLabel = "不参评"

// gradesOf returns each department's grade and total in the latest run of y.
func gradesOf(db *gorm.DB, y int) (map[string]string, error) {
	var run ScoreRun
	if db.Where("year = ?", y).Order("computed_at desc, id desc").Limit(1).Find(&run).RowsAffected == 0 {
		return nil, nil
	}
	var rows []struct {
		Code   string
		Grade  string
		Total  float64
		RankNo int
	}
	err := db.Table("department_scores").Select("departments.code, department_scores.grade, department_scores.total, department_scores.rank_no").
		Joins("JOIN departments ON departments.id = department_scores.department_id").
		Where("department_scores.run_id = ?", run.ID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read previous grades: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Code] = unratedLabel
		if r.RankNo > 0 {
			out[r.Code] = fmt.Sprintf("%s %.2f 第%d名", r.Grade, r.Total, r.RankNo)
		}
	}
	return out, nil
}

// LatestRun returns the newest stored run of a year, or ErrNotFound.
func (s *Store) LatestRun(ctx context.Context, y int) (*ScoreRun, error) {
	var run ScoreRun
	if err := s.DB.WithContext(ctx).Where("year = ?", y).Order("computed_at desc, id desc").First(&run).Error; err != nil {
		return nil, models.NotFound(err, "read score run")
	}
	return &run, nil
}

// RunScores lists a run's department scores that the viewer may see: the
// rated ones by their stored rank, then those not rated. It leaves out each
// score's detail (Detail is empty), which a ranking never shows and which
// is most of a run's size; RunResults reads it.
func (s *Store) RunScores(ctx context.Context, v models.Viewer, runID uint) ([]DepartmentScore, error) {
	return s.runScores(ctx, v, runID, false)
}

// RunResults lists a run's department scores that the viewer may see, in
// the order of RunScores, with their detail.
func (s *Store) RunResults(ctx context.Context, v models.Viewer, runID uint) ([]DepartmentScore, error) {
	return s.runScores(ctx, v, runID, true)
}

func (s *Store) runScores(ctx context.Context, v models.Viewer, runID uint, detail bool) ([]DepartmentScore, error) {
	q := s.DB.WithContext(ctx).Where("run_id = ?", runID).Order("CASE WHEN rank_no = 0 THEN 1 ELSE 0 END, rank_no, department_id")
	if !detail {
		q = q.Omit("detail", "figures") // a ranking is read from its covering index alone
	}
	if id, limited := v.OwnDepartment(); limited {
		q = q.Where("department_id = ?", id)
	}
	var out []DepartmentScore
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read scores: %w", err)
	}
	return out, nil
}

// RatedCount counts the departments rated in a run: the field every rank
// of the run is out of, the same whoever asks.
func (s *Store) RatedCount(ctx context.Context, runID uint) (int, error) {
	var n int64
	if err := s.DB.WithContext(ctx).Model(&DepartmentScore{}).Where("run_id = ? AND rank_no > 0", runID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count rated departments: %w", err)
	}
	return int(n), nil
}

// DepartmentScoreIn reads one department's score in a run, if the viewer may see it.
func (s *Store) DepartmentScoreIn(ctx context.Context, v models.Viewer, runID, deptID uint) (*DepartmentScore, error) {
	if !v.CanSeeDepartment(deptID) {
		return nil, models.ErrNotFound
	}
	var d DepartmentScore
	if err := s.DB.WithContext(ctx).Where("run_id = ? AND department_id = ?", runID, deptID).First(&d).Error; err != nil {
		return nil, models.NotFound(err, "read department score")
	}
	return &d, nil
}

// Years lists the years that have stored runs, newest first.
func (s *Store) Years(ctx context.Context) ([]int, error) {
	var ys []int
	err := s.DB.WithContext(ctx).Model(&ScoreRun{}).Distinct("year").Order("year desc").Pluck("year", &ys).Error
	return ys, err
}

// FindRun returns the newest stored run for a year and as-of date under a
// scheme version (empty: the newest approved scheme), or ErrNotFound.
func (s *Store) FindRun(ctx context.Context, y int, asOf scoring.Date, version string) (*ScoreRun, error) {
	sv, err := s.SchemeByVersion(ctx, version)
	if err != nil {
		return nil, err
	}
	var run ScoreRun
	err = s.DB.WithContext(ctx).Where("year = ? AND as_of = ? AND scheme_version = ?", y, asOf.Time(), sv.Version).
		Order("computed_at desc, id desc").First(&run).Error
	if err != nil {
		return nil, models.NotFound(err, "find score run")
	}
	return &run, nil
}

// Gaps lists the years this run counted weekends-only, for lack of a notice.
func (r ScoreRun) Gaps() []int {
	var ys []int
	if r.CalendarGaps != "" {
		_ = json.Unmarshal([]byte(r.CalendarGaps), &ys) // written by ComputeScores from a []int
	}
	return ys
}

// ScoreRunHeads reads every stored run's id, year and time of computation,
// enough to name it (the audit log refers to runs by id).
func (s *Store) ScoreRunHeads(ctx context.Context) ([]ScoreRun, error) {
	var runs []ScoreRun
	if err := s.DB.WithContext(ctx).Select("id", "year", "computed_at").Find(&runs).Error; err != nil {
		return nil, fmt.Errorf("read score runs: %w", err)
	}
	return runs, nil
}

// ScoreRun reads a stored run by id, or ErrNotFound.
func (s *Store) ScoreRun(ctx context.Context, id uint) (*ScoreRun, error) {
	var run ScoreRun
	if err := s.DB.WithContext(ctx).First(&run, id).Error; err != nil {
		return nil, models.NotFound(err, "read score run")
	}
	return &run, nil
}
