package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/scoring"
)

// Scheme states: the office edits a draft; the leading group approves it,
// which freezes it.
const (
	SchemeDraft    = "draft"
	SchemeApproved = "approved"
)

// SchemeVersion is a stored scoring scheme (考核方案). Body is the scheme's
// JSON; Version repeats its version for lookups.
type SchemeVersion struct {
	ID         uint   `gorm:"primaryKey"`
	Version    string `gorm:"size:64;not null;uniqueIndex"`
	Name       string `gorm:"size:128;not null"`
	Body       string `gorm:"type:text;not null"`
	Status     string `gorm:"size:16;not null"`
	BasedOn    string `gorm:"size:64"`
	ApprovedBy string `gorm:"size:64"`
	ApprovedAt *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Scheme parses the stored body.
func (sv SchemeVersion) Scheme() (*scoring.Scheme, error) {
	return scoring.ParseScheme([]byte(sv.Body))
}

// ErrSchemeFrozen: an approved scheme cannot change; copy it to a new version.
var ErrSchemeFrozen = Invalid("scheme", "refuse.scheme.frozen")

// Schemes lists every version, newest first.
func (s *Store) Schemes(ctx context.Context) ([]SchemeVersion, error) {
	var out []SchemeVersion
	if err := s.DB.WithContext(ctx).Order("id desc").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list schemes: %w", err)
	}
	return out, nil
}

// SchemeByVersion reads one version; an empty version means the newest
// approved one.
func (s *Store) SchemeByVersion(ctx context.Context, version string) (*SchemeVersion, error) {
	q := s.DB.WithContext(ctx)
	if version == "" {
		q = q.Where("status = ?", SchemeApproved).Order("approved_at desc, id desc")
	} else {
		q = q.Where("version = ?", version)
	}
	var sv SchemeVersion
	if err := q.First(&sv).Error; err != nil {
		return nil, NotFound(err, "read scheme")
	}
	return &sv, nil
}

// SaveSchemeDraft stores a new or changed draft after validating it. Only
// the office edits schemes, and never an approved one.
func (s *Store) SaveSchemeDraft(ctx context.Context, v Viewer, body []byte, basedOn string) (*SchemeVersion, error) {
	if !v.IsOffice() {
		return nil, ErrForbidden
	}
	sc, err := scoring.ParseScheme(body)
	if err == nil {
		err = sc.Validate()
	}
	if err != nil {
		return nil, Invalid("scheme", "refuse.as_is", err.Error())
	}
	canonical, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode scheme: %w", err)
	}
	var out SchemeVersion
	err = s.Audited(ctx, v, func(tx *Tx) error {
		var old SchemeVersion
		found := tx.DB.Where("version = ?", sc.Version).Limit(1).Find(&old).RowsAffected > 0
		if found && old.Status == SchemeApproved {
			return ErrSchemeFrozen
		}
		out = SchemeVersion{ID: old.ID, Version: sc.Version, Name: sc.Name, Body: string(canonical), Status: SchemeDraft, BasedOn: basedOn, CreatedAt: old.CreatedAt}
		if found {
			out.BasedOn = old.BasedOn
		}
		if err := tx.DB.Save(&out).Error; err != nil {
			return fmt.Errorf("save scheme: %w", err)
		}
		var before any
		if found {
			before = old.Body
		}
		return tx.Record(map[bool]string{true: "update", false: "create"}[found], "scheme", out.Version, before, out.Body)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CopyScheme makes a draft copy of a version under a new version name and,
// when name is not empty, a new title; otherwise the copy's title is the
// original's followed by its version, so that no two versions share one.
func (s *Store) CopyScheme(ctx context.Context, v Viewer, from, to, name string) (*SchemeVersion, error) {
	if !v.IsOffice() {
		return nil, ErrForbidden
	}
	src, err := s.SchemeByVersion(ctx, from)
	if err != nil {
		return nil, err
	}
	sc, err := src.Scheme()
	if err != nil {
		return nil, err
	}
	c := sc.Clone()
	c.Version = to
	if c.Name = name; name == "" {
		c.Name = sc.Name + "（" + to + "）"
	}
	body, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode scheme: %w", err)
	}
	if _, err := s.SchemeByVersion(ctx, to); err == nil {
		return nil, Invalid("version", "refuse.scheme.version_taken", to)
	}
	return s.SaveSchemeDraft(ctx, v, body, from)
}

// SchemeTitles names every scheme version by its title, the name pages
// show; read again only when a version is added or changed.
func (s *Store) SchemeTitles(ctx context.Context) (map[string]string, error) {
	key, err := s.tableStamp(ctx, &SchemeVersion{})
	if err != nil {
		return nil, fmt.Errorf("read schemes: %w", err)
	}
	return s.memo.titles.Get(key, func() (map[string]string, error) {
		var rows []SchemeVersion
		if err := s.DB.WithContext(ctx).Select("version", "name").Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("read scheme titles: %w", err)
		}
		out := make(map[string]string, len(rows))
		for _, r := range rows {
			out[r.Version] = r.Name
		}
		return out, nil
	})
}

// ApproveScheme freezes a draft. Only the leading group approves.
func (s *Store) ApproveScheme(ctx context.Context, v Viewer, version string, now time.Time) error {
	if !v.Can(ActApproveScheme) && v != System {
		return ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *Tx) error {
		var sv SchemeVersion
		if err := tx.DB.Where("version = ?", version).First(&sv).Error; err != nil {
			return NotFound(err, "read scheme")
		}
		if sv.Status == SchemeApproved {
			return ErrSchemeFrozen
		}
		before := sv.Status
		at := now.UTC()
		sv.Status, sv.ApprovedBy, sv.ApprovedAt = SchemeApproved, v.Name, &at
		if err := tx.DB.Save(&sv).Error; err != nil {
			return fmt.Errorf("approve scheme: %w", err)
		}
		return tx.Record("approve", "scheme", sv.Version, before, sv.Status)
	})
}

// EnsureShippedSchemes stores each shipped scheme that is not stored yet,
// approved, oldest first, so that the last one becomes the newest approved
// version: the default. A version already stored is left as it is, so an
// install upgraded to a new default keeps its earlier runs' schemes. Each
// shipped version is recorded as based on the one before it, so that its
// page shows what it changes.
func (s *Store) EnsureShippedSchemes(ctx context.Context, bodies [][]byte, now time.Time) error {
	prev := ""
	for _, body := range bodies {
		sc, err := scoring.ParseScheme(body)
		if err != nil {
			return fmt.Errorf("shipped scheme is unreadable: %w", err)
		}
		basedOn := prev
		prev = sc.Version
		if _, err := s.SchemeByVersion(ctx, sc.Version); err == nil {
			continue
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		sv, err := s.SaveSchemeDraft(ctx, System, body, basedOn)
		if err != nil {
			var verr *ValidationError
			if errors.As(err, &verr) {
				return fmt.Errorf("shipped scheme %s is invalid: %s", sc.Version, verr.Message)
			}
			return err
		}
		if err := s.ApproveScheme(ctx, System, sv.Version, now); err != nil {
			return err
		}
	}
	return nil
}

// CurrentLimits are the time limits of the newest approved scheme, for the
// pages that show clocks outside a score run; nil before any scheme is
// approved, when there is no limit to show.
func (s *Store) CurrentLimits(ctx context.Context) (*scoring.TimeLimits, error) {
	sch, err := s.CurrentScheme(ctx)
	if sch == nil || err != nil {
		return nil, err
	}
	return &sch.TimeLimits, nil
}

// CurrentScheme is the newest approved scheme, for the pages that show time
// limits and due dates outside a score run; nil before any is approved.
// Most pages ask for it: it is decoded again only when a version is added,
// edited or approved. Callers must not change it.
func (s *Store) CurrentScheme(ctx context.Context) (*scoring.Scheme, error) {
	key, err := s.tableStamp(ctx, &SchemeVersion{})
	if err != nil {
		return nil, fmt.Errorf("read schemes: %w", err)
	}
	return s.memo.scheme.Get(key, func() (*scoring.Scheme, error) {
		sv, err := s.SchemeByVersion(ctx, "")
		if errors.Is(err, ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return sv.Scheme()
	})
}
