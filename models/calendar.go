package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/scoring"
)

// Calendar is the working-day calendar of the stored notices. It is built
// again only when a notice is added or replaced: every page with a deadline
// asks for it.
func (s *Store) Calendar(ctx context.Context) (*scoring.Calendar, error) {
	key, err := s.tableStamp(ctx, &HolidayYear{})
	if err != nil {
		return nil, fmt.Errorf("read holiday calendar: %w", err)
	}
	return s.memo.calendar.Get(key, func() (*scoring.Calendar, error) { return s.buildCalendar(ctx) })
}

func (s *Store) buildCalendar(ctx context.Context) (*scoring.Calendar, error) {
	rows, err := s.HolidayYears(ctx)
	if err != nil {
		return nil, err
	}
	years := make([]scoring.HolidayYear, 0, len(rows))
	for _, r := range rows {
		y := scoring.HolidayYear{Year: r.Year}
		if err := json.Unmarshal([]byte(r.Days), &y.Days); err != nil {
			return nil, fmt.Errorf("holiday notice %d: %w", r.Year, err)
		}
		if r.Papers != "" {
			if err := json.Unmarshal([]byte(r.Papers), &y.Papers); err != nil {
				return nil, fmt.Errorf("holiday notice %d papers: %w", r.Year, err)
			}
		}
		years = append(years, y)
	}
	return scoring.NewCalendar(years...)
}

// ScanRows streams a query's rows through fn.
func ScanRows(q interface{ Rows() (*sql.Rows, error) }, fn func(*sql.Rows) error) error {
	rows, err := q.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// DayOf is the date of a nullable column, 0 when it is NULL.
func DayOf(t sql.NullTime) scoring.Date {
	if !t.Valid {
		return 0
	}
	return scoring.DateOf(t.Time)
}

// DayPtr is the date of a nullable time, 0 when it is nil.
func DayPtr(t *time.Time) scoring.Date {
	if t == nil {
		return 0
	}
	return scoring.DateOf(*t)
}
