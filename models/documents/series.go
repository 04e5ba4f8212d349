package documents

import (
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/gongkai/gongkai/models"
)

// Next takes the next number of series in year, in tx: one counter row per
// series and year, created by the first number and moved by an upsert that
// locks it (MySQL's row lock, SQLite's single writer) until tx ends, so
// that two transactions issuing at once never take the same number and the
// second waits for the first rather than failing.
func Next(tx *models.Tx, series string, year int) (int, error) {
	row := map[string]any{"series": series, "year": year, "last_seq": 1}
	err := tx.DB.Table("document_series").Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "series"}, {Name: "year"}},
		DoUpdates: clause.Assignments(map[string]any{"last_seq": gorm.Expr("last_seq + 1")}),
	}).Create(row).Error
	if err != nil {
		return 0, fmt.Errorf("number %s %d: %w", series, year, err)
	}
	var last int
	if err := tx.DB.Table("document_series").Where("series = ? AND year = ?", series, year).Select("last_seq").Scan(&last).Error; err != nil {
		return 0, fmt.Errorf("number %s %d: %w", series, year, err)
	}
	return last, nil
}

// Number writes the seq-th number of series in year: 纪公开通〔2026〕1号.
func Number(series string, year, seq int) string {
	return fmt.Sprintf("%s〔%d〕%d号", series, year, seq)
}

// DraftNumber is the number of a draft of series in year, its place left
// blank until issue: 公开办〔2026〕　号.
func DraftNumber(series string, year int) string {
	return fmt.Sprintf("%s〔%d〕　号", series, year)
}
