package reports

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// period is a span of days, both ends included.
type period struct {
	From, To scoring.Date
}

// contains reports whether d falls in p; the zero Date never does.
func (p period) contains(d scoring.Date) bool {
	return !d.IsZero() && d >= p.From && d <= p.To
}

// records are the rows a report reads for a unit and a period.
type records struct {
	publications []models.Publication // published in the period
	requests     []models.Request     // received, answered, or its reconsideration or lawsuit decided in the period
	complaints   []models.Complaint   // received in the period
	areas        map[int]string       // catalog 序号 → 二级目录
	// press conferences held in the period (models/clocks), and those a
	// principal attended
	press, pressPrincipal int
}

// load reads a unit's records for a period. The caller has checked that the
// viewer may read the unit.
func load(ctx context.Context, s *models.Store, u Unit, p period) (*records, error) {
	db := s.DB.WithContext(ctx)
	from, to := p.From.Time(), p.To.Time()
	r := &records{areas: map[int]string{}}
	var err error
	if r.publications, err = yearPublications(ctx, s, u, p); err != nil {
		return nil, err
	}
	err = u.where(db).Where("((received BETWEEN ? AND ?) OR (answered BETWEEN ? AND ?) OR (recon_decided BETWEEN ? AND ?) OR (suit_decided BETWEEN ? AND ?))", from, to, from, to, from, to, from, to).
		Order("id").Find(&r.requests).Error
	if err != nil {
		return nil, fmt.Errorf("read requests: %w", err)
	}
	if err := u.where(db).Where("received BETWEEN ? AND ?", from, to).Order("id").Find(&r.complaints).Error; err != nil {
		return nil, fmt.Errorf("read complaints: %w", err)
	}
	if r.press, r.pressPrincipal, err = clocks.New(s).PressCount(ctx, u.members(), p.From, p.To); err != nil {
		return nil, err
	}
	items, err := s.Catalog(ctx, models.CatalogFilter{})
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		r.areas[it.Seq] = it.Level2
	}
	return r, nil
}

// yearPublications reads a unit's publications published in a period.
func yearPublications(ctx context.Context, s *models.Store, u Unit, p period) ([]models.Publication, error) {
	var out []models.Publication
	err := u.where(s.DB.WithContext(ctx).Select("id", "department_id", "seq", "title", "channel", "doc_no", "attribute", "published")).
		Where("published BETWEEN ? AND ?", p.From.Time(), p.To.Time()).Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("read publications: %w", err)
	}
	return out, nil
}
