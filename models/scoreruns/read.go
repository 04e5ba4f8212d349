package scoreruns

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// ReadScoringInput is the read of scoreruns' ScoringInput, whatever
// imports are doing, but for the clocks' records (models/clocks adds them).
func (s *Store) ReadScoringInput(ctx context.Context, y int) (*scoring.Input, error) {
	in, err := s.readFrame(ctx, y)
	if err != nil {
		return nil, err
	}
	return in, s.readRecords(ctx, y, in, deptRange{})
}

// readFrame is ScoringFrame with the year's incidents and standing
// decisions: the input but for the publications, requests and complaints
// and the clocks' and columns' records.
func (s *Store) readFrame(ctx context.Context, y int) (*scoring.Input, error) {
	in, err := s.ScoringFrame(ctx, y)
	if err != nil {
		return nil, err
	}
	first, last := scoring.YearSpan(y)
	var incidents []models.Incident
	if err := s.DB.WithContext(ctx).Where("date BETWEEN ? AND ?", first.Time(), last.Time()).Find(&incidents).Error; err != nil {
		return nil, fmt.Errorf("read incidents: %w", err)
	}
	for _, i := range incidents {
		in.Incidents = append(in.Incidents, scoring.Incident{ID: i.ID, Dept: i.DepartmentID, Date: scoring.DateOf(i.Date), Kind: i.Kind})
	}
	if s.decisions == nil {
		return nil, errNoDecisions
	}
	if in.Decisions, err = s.decisions(ctx, y); err != nil {
		return nil, err
	}
	return in, nil
}

// deptRange is the departments whose records a read takes, by ID from
// first to last; the zero range is every department.
type deptRange struct{ first, last uint }

// of limits a query to the range.
func (r deptRange) of(q *gorm.DB) *gorm.DB {
	if r.last == 0 {
		return q
	}
	return q.Where("department_id BETWEEN ? AND ?", r.first, r.last)
}

// upToEnd is the condition on the publications scoring reads: published
// up to the end of the last website week of the year.
func (s *Store) upToEnd() string {
	// Nearly every publication is dated up to the end of the year: SQLite's
	// planner would still walk the published index for that range, four to
	// five times slower than reading the table, so the index is skipped.
	if s.Dialect == "sqlite" {
		return "+published <= ?"
	}
	return "published <= ?"
}

// readRecords appends the publications, requests and complaints of year y
// of the departments in r to in.
func (s *Store) readRecords(ctx context.Context, y int, in *scoring.Input, r deptRange) error {
	db := s.DB.WithContext(ctx)
	first, last := scoring.YearSpan(y)
	start, end := first.Time(), last.Time()
	lastWeb := scoring.LastWebsiteDay(y).Time()
	// The publications, most of the rows, are read on a connection of their
	// own while the requests and complaints are read on another.
	var pubErr error
	var reading sync.WaitGroup
	reading.Add(1)
	defer reading.Wait() // on every return: the reader writes into in
	go func() {
		defer reading.Done()
		if r.last == 0 {
			in.Publications = slices.Grow(in.Publications, s.rowsHint(ctx, "publications"))
		}
		err := models.ScanRows(r.of(db.Model(&models.Publication{}).Where(s.upToEnd(), lastWeb)).
			Select("id", "department_id", "seq", "title", "channel", s.dayCol("formed"), s.dayCol("published"), "review", s.dayCol("review_date"), "attribute", "column_id"),
			func(r *sql.Rows) error {
				var p scoring.Publication
				var attribute string
				var column sql.NullInt64
				if err := r.Scan(&p.ID, &p.Dept, &p.Seq, &p.Title, &p.Channel, (*dayValue)(&p.Formed), (*dayValue)(&p.Published), &p.Review, (*dayValue)(&p.ReviewDate), &attribute, &column); err != nil {
					return err
				}
				p.Withheld = attribute == scoring.AttrWithheld
				p.Column = uint(column.Int64)
				in.Publications = append(in.Publications, p)
				return nil
			})
		if err != nil {
			pubErr = fmt.Errorf("read publications: %w", err)
		}
	}()
	if r.last == 0 {
		in.Requests = slices.Grow(in.Requests, s.rowsHint(ctx, "requests"))
	}
	err := models.ScanRows(r.of(db.Model(&models.Request{}).Where("((received BETWEEN ? AND ?) OR (recon_decided BETWEEN ? AND ?) OR (suit_decided BETWEEN ? AND ?))", start, end, start, end, start, end)).
		Select("id", "department_id", "request_no", s.dayCol("received"), "extended", s.dayCol("pause_start"), s.dayCol("pause_end"), s.dayCol("correction_start"), s.dayCol("correction_end"), s.dayCol("answered"),
			"recon_outcome", s.dayCol("recon_decided"), "suit_outcome", s.dayCol("suit_decided"), "channel", s.dayCol("forwarded")),
		func(r *sql.Rows) error {
			var q scoring.Request
			var rd, sd scoring.Date
			var ro, so, channel string
			if err := r.Scan(&q.ID, &q.Dept, &q.No, (*dayValue)(&q.Received), &q.Extended, (*dayValue)(&q.PauseStart), (*dayValue)(&q.PauseEnd),
				(*dayValue)(&q.CorrectionStart), (*dayValue)(&q.CorrectionEnd), (*dayValue)(&q.Answered),
				&ro, (*dayValue)(&rd), &so, (*dayValue)(&sd), &channel, (*dayValue)(&q.Forwarded)); err != nil {
				return err
			}
			q.Outcome, q.OutcomeDate = overturned(y, ro, rd, so, sd)
			q.Online = channel == scoring.ChannelOnline
			in.Requests = append(in.Requests, q)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read requests: %w", err)
	}
	if r.last == 0 {
		in.Complaints = slices.Grow(in.Complaints, s.rowsHint(ctx, "complaints"))
	}
	err = models.ScanRows(r.of(db.Model(&models.Complaint{}).Where("received BETWEEN ? AND ?", start, end)).
		Select("id", "department_id", "complaint_no", s.dayCol("received"), s.dayCol("replied"), s.dayCol("closed")),
		func(r *sql.Rows) error {
			var c scoring.Complaint
			if err := r.Scan(&c.ID, &c.Dept, &c.No, (*dayValue)(&c.Received), (*dayValue)(&c.Replied), (*dayValue)(&c.Closed)); err != nil {
				return err
			}
			in.Complaints = append(in.Complaints, c)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read complaints: %w", err)
	}
	reading.Wait()
	return pubErr
}

// readColumnPosts reads the dates of every column's posts of year y (the
// publications scoring reads that name a column, withheld ones aside), for
// a frame scored in batches.
func (s *Store) readColumnPosts(ctx context.Context, y int, in *scoring.Input) error {
	err := models.ScanRows(s.DB.WithContext(ctx).Model(&models.Publication{}).
		Where("column_id IS NOT NULL").Where(s.upToEnd(), scoring.LastWebsiteDay(y).Time()).
		Select("column_id", s.dayCol("published"), "attribute"),
		func(r *sql.Rows) error {
			var p scoring.ColumnPost
			var attribute string
			if err := r.Scan(&p.Column, (*dayValue)(&p.Published), &attribute); err != nil {
				return err
			}
			if attribute != scoring.AttrWithheld {
				in.ColumnPosts = append(in.ColumnPosts, p)
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("read column posts: %w", err)
	}
	return nil
}

// rowsHint is an upper bound of the rows in table (its highest id), capped,
// to size a slice before streaming into it: growing a million-element slice
// step by step copies it over and over. The highest id is read from the end
// of the primary key, where a COUNT would read a whole index; a failure
// only loses the hint.
func (s *Store) rowsHint(ctx context.Context, table string) int {
	var n sql.NullInt64
	if s.DB.WithContext(ctx).Table(table).Select("MAX(id)").Scan(&n).Error != nil {
		return 0
	}
	return int(min(n.Int64, 20_000_000))
}

// dayCol selects a DATE column for a dayValue. SQLite stores dates as text
// and its driver would parse every one into a time.Time; the first ten
// characters are the date itself and parse a great deal faster.
func (s *Store) dayCol(col string) string {
	if s.Dialect == "sqlite" {
		return "substr(" + col + ", 1, 10) AS " + col
	}
	return col
}

// dayValue scans a date column (a time.Time from MySQL, YYYY-MM-DD text
// from dayCol on SQLite, or NULL) into a scoring.Date.
type dayValue scoring.Date

func (d *dayValue) Scan(src any) error {
	var err error
	switch v := src.(type) {
	case nil:
		*d = 0
	case time.Time:
		*d = dayValue(scoring.DateOf(v))
	case string:
		*d, err = parseDay(v)
	case []byte:
		*d, err = parseDay(string(v))
	default:
		err = fmt.Errorf("date column holds %T", src)
	}
	return err
}

func parseDay(s string) (dayValue, error) {
	if s == "" {
		return 0, nil
	}
	d, err := scoring.ParseDate(s[:min(len(s), 10)])
	return dayValue(d), err
}

// ScoringFrame reads the departments, groups, catalog and the year's
// quarterly and annual reports: the frame of an assessment without the bulk
// of its records.
func (s *Store) ScoringFrame(ctx context.Context, y int) (*scoring.Input, error) {
	in := &scoring.Input{Year: y, Groups: map[string][]uint{}}
	db := s.DB.WithContext(ctx)
	var depts []models.Department
	if err := db.Preload("Groups").Order("code").Find(&depts).Error; err != nil {
		return nil, fmt.Errorf("read departments: %w", err)
	}
	for _, d := range depts {
		in.Departments = append(in.Departments, scoring.Department{ID: d.ID, Code: d.Code, Name: d.Name})
		for _, g := range d.Groups {
			in.Groups[g.Name] = append(in.Groups[g.Name], d.ID)
		}
	}
	items, err := s.Catalog(ctx, models.CatalogFilter{})
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		in.Items = append(in.Items, scoring.Item{Seq: it.Seq, Title: it.Title, Channels: it.ChannelList(), Cadence: it.Cadence, Leads: it.LeadList(), Co: it.CoList()})
	}
	var quarterly []models.QuarterlyReport
	if err := db.Where("year = ?", y).Find(&quarterly).Error; err != nil {
		return nil, fmt.Errorf("read quarterly reports: %w", err)
	}
	for _, q := range quarterly {
		in.QuarterlyReports = append(in.QuarterlyReports, scoring.QuarterlyReport{ID: q.ID, Dept: q.DepartmentID, Year: q.Year, Quarter: q.Quarter, Submitted: models.DayPtr(q.Submitted)})
	}
	var annual []models.AnnualReport
	if err := db.Where("year = ?", y).Find(&annual).Error; err != nil {
		return nil, fmt.Errorf("read annual reports: %w", err)
	}
	for _, a := range annual {
		in.AnnualReports = append(in.AnnualReports, scoring.AnnualReport{ID: a.ID, Dept: a.DepartmentID, Year: a.Year, Submitted: models.DayPtr(a.Submitted)})
	}
	return in, nil
}

// overturned gives B2 a request's act corrected (纠正) on reconsideration
// or in court, in the word scoring counts (被依法纠错), dated by the
// correction in year y if there is one, else by the earliest correction: a
// request whose act both proceedings corrected is one act overturned.
func overturned(y int, reconOutcome string, reconDecided scoring.Date, suitOutcome string, suitDecided scoring.Date) (string, scoring.Date) {
	var dates []scoring.Date
	if reconOutcome == models.OutcomeCorrected && !reconDecided.IsZero() {
		dates = append(dates, reconDecided)
	}
	if suitOutcome == models.OutcomeCorrected && !suitDecided.IsZero() {
		dates = append(dates, suitDecided)
	}
	if len(dates) == 0 {
		return "", 0
	}
	slices.Sort(dates)
	for _, d := range dates {
		if d.Year() == y {
			return models.LegacyCorrected, d
		}
	}
	return models.LegacyCorrected, dates[0]
}
