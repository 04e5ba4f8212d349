package migrations

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models/frozen"
)

// scoringSteps add scheme versions and stored score runs.
var scoringSteps = []*gormigrate.Migration{
	{
		ID: "2026112203_scoring",
		Migrate: func(tx *gorm.DB) error {
			return tx.AutoMigrate(&frozen.SchemeVersion{}, &frozen.ScoreRun{}, &frozen.DepartmentScore{})
		},
	},
}

// scoreRankSteps store each department's rank with its score (issue 8).
var scoreRankSteps = []*gormigrate.Migration{
	{
		// Ranks are decided once, with the run, and stored: whoever looks
		// at a department sees the same rank. Runs stored before this step
		// rated every department; their ranks come from the exact totals
		// in their stored detail.
		ID: "2026120101_score_ranks",
		Migrate: func(tx *gorm.DB) error {
			// Step 2026112203 migrates the live DepartmentScore, which has
			// the column on a new install.
			if !tx.Migrator().HasColumn(&rankedScore{}, "RankNo") {
				if err := tx.Migrator().AddColumn(&rankedScore{}, "RankNo"); err != nil {
					return fmt.Errorf("add rank column: %w", err)
				}
			}
			var runs []uint
			if err := tx.Table("score_runs").Order("id").Pluck("id", &runs).Error; err != nil {
				return fmt.Errorf("list score runs: %w", err)
			}
			for _, run := range runs {
				var rows []rankedScore
				if err := tx.Select("id", "detail").Where("run_id = ?", run).Find(&rows).Error; err != nil {
					return fmt.Errorf("read run %d: %w", run, err)
				}
				if err := backfillRanks(tx, rows); err != nil {
					return fmt.Errorf("rank run %d: %w", run, err)
				}
			}
			return nil
		},
	},
}

// rankedScore is department_scores as step 2026120101 sees it.
type rankedScore struct {
	ID     uint
	RunID  uint
	Detail string
	RankNo int `gorm:"not null;default:0"`
}

func (rankedScore) TableName() string { return "department_scores" }

// backfillRanks ranks one stored run's rows by the exact totals of their
// details, equal totals sharing a rank, as scoring.Rate does.
func backfillRanks(tx *gorm.DB, rows []rankedScore) error {
	totals := make(map[uint]*big.Rat, len(rows))
	for _, row := range rows {
		var detail struct{ Total *big.Rat }
		if err := json.Unmarshal([]byte(row.Detail), &detail); err != nil || detail.Total == nil {
			return fmt.Errorf("detail of row %d has no total", row.ID)
		}
		totals[row.ID] = detail.Total
	}
	slices.SortStableFunc(rows, func(a, b rankedScore) int { return totals[b.ID].Cmp(totals[a.ID]) })
	rank := 0
	for pos, row := range rows {
		if pos == 0 || totals[row.ID].Cmp(totals[rows[pos-1].ID]) != 0 {
			rank = pos + 1
		}
		if err := tx.Model(&rankedScore{}).Where("id = ?", row.ID).Update("rank_no", rank).Error; err != nil {
			return err
		}
	}
	return nil
}
