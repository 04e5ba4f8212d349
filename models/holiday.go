package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// HolidayYear is one year's State Council holiday notice in the holiday-cn
// JSON format, kept whole (Papers cites the notice). The office adds a new
// year by importing the same format.
type HolidayYear struct {
	Year      int    `gorm:"primaryKey;autoIncrement:false"`
	Papers    string `gorm:"type:text"` // JSON array of notice URLs
	Days      string `gorm:"type:text;not null"`
	UpdatedAt time.Time
}

// HolidayYears reads every stored notice, by year.
func (s *Store) HolidayYears(ctx context.Context) ([]HolidayYear, error) {
	var out []HolidayYear
	if err := s.DB.WithContext(ctx).Order("year").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read holiday calendar: %w", err)
	}
	return out, nil
}

// SaveHolidayYear stores or replaces a year's notice, audit-logged when it changes.
func (s *Store) SaveHolidayYear(ctx context.Context, v Viewer, h HolidayYear) (changed bool, err error) {
	err = s.Audited(ctx, v, func(tx *Tx) error {
		var old HolidayYear
		found := tx.ForUpdate().Limit(1).Find(&old, "year = ?", h.Year).RowsAffected > 0
		if found && old.Days == h.Days && old.Papers == h.Papers {
			return nil
		}
		changed = true
		if err := tx.DB.Clauses(clause.OnConflict{UpdateAll: true}).Create(&h).Error; err != nil {
			return fmt.Errorf("save holiday year %d: %w", h.Year, err)
		}
		var before any
		if found {
			before = old
		}
		return tx.Record(map[bool]string{true: "update", false: "create"}[found], "holiday_year", h.Year, before, h)
	})
	return changed, err
}
