// Package sources keeps the registered sources of records: the systems
// pulled on a schedule and those that push through the JSON API, with
// their API tokens.
package sources

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
)

// Store keeps the registered sources in the application's database.
type Store struct{ *models.Store }

// New returns the sources store on s.
func New(s *models.Store) *Store { return &Store{s} }

// SourceKinds are the kinds a department's source may deliver: the records a
// department produces. Departments, the catalog and the holiday calendar
// belong to the office and are never fed by a department's source.
var SourceKinds = []string{"publications", "requests", "complaints", "quarterly_reports", "annual_reports", "incidents", "accountability",
	"secrecy_reviews", "coordinations", "press_conferences"}

// Source is where one department's records of one kind come from: a URL the
// app pulls (CSV, XLSX or JSON) on demand and every EveryMinutes, and the
// API tokens that let the department push the same records. Every pull is
// an ImportRun with SourceID set.
type Source struct {
	ID           uint   `gorm:"primaryKey"`
	Name         string `gorm:"size:128;not null"`
	DepartmentID uint   `gorm:"not null;index"`
	Department   *models.Department
	Kind         string     `gorm:"size:32;not null"`
	URL          string     `gorm:"size:1024"`          // empty: the source only pushes through the API
	PullToken    string     `gorm:"size:512" json:"-"`  // bearer token sent when pulling; kept because it must be sent
	EveryMinutes int        `gorm:"not null;default:0"` // 0: pulled on demand only
	NextPullAt   *time.Time `gorm:"index"`
	LastPullAt   *time.Time
	LastStatus   string `gorm:"size:16"` // an ImportRun status
	LastMessage  string `gorm:"type:text"`
	LastRunID    *uint
	Disabled     bool `gorm:"not null;default:false"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// APIToken lets a source push records through POST /api/v1/import/{kind}.
// Only a hash is stored: the token is shown once, when it is issued.
type APIToken struct {
	ID         uint `gorm:"primaryKey"`
	SourceID   uint `gorm:"not null;index"`
	Source     *Source
	Hash       string `gorm:"size:64;not null;uniqueIndex" json:"-"` // SHA-256 of the token, hex
	Hint       string `gorm:"size:16;not null"`                      // the token's first characters, to tell tokens apart
	CreatedBy  string `gorm:"size:64;not null"`
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// ErrBadToken: the API token is unknown, revoked, or its source is disabled.
var ErrBadToken = errors.New("bad API token")

// SourceInput is what the office gives to register or change a source.
type SourceInput struct {
	Name         string
	DepartmentID uint
	Kind         string
	URL          string
	PullToken    string // empty on update: keep the stored one
	EveryMinutes int
	Disabled     bool
}

// Validate checks a source before anything is written.
func (in SourceInput) Validate() error {
	switch {
	case strings.TrimSpace(in.Name) == "":
		return models.Invalid("name", "refuse.source.name")
	case in.DepartmentID == 0:
		return models.Invalid("department", "refuse.department.choose")
	case !slices.Contains(SourceKinds, in.Kind):
		return models.Invalid("kind", "refuse.source.kind")
	case in.EveryMinutes < 0 || in.EveryMinutes > 60*24*31:
		return models.Invalid("every", "refuse.source.every_range")
	case in.EveryMinutes > 0 && in.EveryMinutes < 5:
		return models.Invalid("every", "refuse.source.every_short")
	case in.EveryMinutes > 0 && in.URL == "":
		return models.Invalid("url", "refuse.source.url_needed")
	}
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return models.Invalid("url", "refuse.source.url_bad")
		}
	}
	return nil
}

// CreateSource registers a source, audit-logged. Office only.
func (s *Store) CreateSource(ctx context.Context, v models.Viewer, in SourceInput) (*Source, error) {
	if !v.IsOffice() {
		return nil, models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	src := Source{Name: strings.TrimSpace(in.Name), DepartmentID: in.DepartmentID, Kind: in.Kind, URL: in.URL,
		PullToken: in.PullToken, EveryMinutes: in.EveryMinutes, Disabled: in.Disabled}
	src.NextPullAt = src.nextPull(time.Now().UTC())
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		if err := tx.DB.First(&models.Department{}, in.DepartmentID).Error; err != nil {
			return models.Invalid("department", "refuse.department.missing")
		}
		if err := tx.DB.Create(&src).Error; err != nil {
			return fmt.Errorf("create source: %w", err)
		}
		return tx.Record("create", "source", src.ID, nil, src)
	})
	if err != nil {
		return nil, err
	}
	return &src, nil
}

// UpdateSource changes a source, audit-logged. Office only. An empty
// PullToken keeps the stored one, so a form need never show it.
func (s *Store) UpdateSource(ctx context.Context, v models.Viewer, id uint, in SourceInput) error {
	if !v.IsOffice() {
		return models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var src Source
		if err := tx.ForUpdate().First(&src, id).Error; err != nil {
			return models.NotFound(err, "read source")
		}
		if err := tx.DB.First(&models.Department{}, in.DepartmentID).Error; err != nil {
			return models.Invalid("department", "refuse.department.missing")
		}
		before := src
		src.Name, src.DepartmentID, src.Kind, src.URL = strings.TrimSpace(in.Name), in.DepartmentID, in.Kind, in.URL
		src.EveryMinutes, src.Disabled = in.EveryMinutes, in.Disabled
		if in.PullToken != "" {
			src.PullToken = in.PullToken
		}
		src.NextPullAt = src.nextPull(time.Now().UTC())
		if err := tx.DB.Save(&src).Error; err != nil {
			return fmt.Errorf("update source: %w", err)
		}
		return tx.Record("update", "source", src.ID, before, src)
	})
}

// Sources lists the registered sources with their departments: the
// office's, as is the page (ActAdminister).
func (s *Store) Sources(ctx context.Context, v models.Viewer) ([]Source, error) {
	if !v.Can(models.ActAdminister) {
		return nil, models.ErrForbidden
	}
	var out []Source
	if err := s.DB.WithContext(ctx).Preload("Department").Order("name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return out, nil
}

// Source reads one source, for those who may list the sources.
func (s *Store) Source(ctx context.Context, v models.Viewer, id uint) (*Source, error) {
	if !v.Can(models.ActAdminister) {
		return nil, models.ErrNotFound
	}
	var src Source
	if err := s.DB.WithContext(ctx).Preload("Department").First(&src, id).Error; err != nil {
		return nil, models.NotFound(err, "read source")
	}
	return &src, nil
}

// DueSources lists enabled sources with a URL and a schedule whose next pull
// is due at now.
func (s *Store) DueSources(ctx context.Context, now time.Time) ([]Source, error) {
	var out []Source
	err := s.DB.WithContext(ctx).
		Where("disabled = ? AND url <> '' AND every_minutes > 0 AND next_pull_at <= ?", false, now.UTC()).
		Order("next_pull_at").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list due sources: %w", err)
	}
	return out, nil
}

// ClaimPull moves a due source's next pull to its next period, and reports
// whether this caller did it: with several instances each running the
// scheduler, only the one that claims a source pulls it.
func (s *Store) ClaimPull(ctx context.Context, src Source, now time.Time) (bool, error) {
	if src.NextPullAt == nil {
		return false, nil
	}
	res := s.DB.WithContext(ctx).Model(&Source{}).
		Where("id = ? AND next_pull_at = ?", src.ID, *src.NextPullAt).
		Update("next_pull_at", src.nextPull(now.UTC()))
	if res.Error != nil {
		return false, fmt.Errorf("claim source %d: %w", src.ID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// RecordPull stores the outcome of a pull on its source (the schedule was
// moved on by ClaimPull). A pull is not audit-logged here: its ImportRun is
// the record.
func (s *Store) RecordPull(ctx context.Context, id uint, at time.Time, run *imports.ImportRun) error {
	updates := map[string]any{"last_pull_at": at.UTC()}
	if run != nil {
		updates["last_status"], updates["last_message"], updates["last_run_id"] = run.Status, run.Message, run.ID
	}
	if err := s.DB.WithContext(ctx).Model(&Source{}).Where("id = ?", id).Updates(updates).Error; err != nil {
		return fmt.Errorf("record pull of source %d: %w", id, err)
	}
	return nil
}

// nextPull is when a scheduled source is next due after from; nil when it is
// pulled on demand only.
func (src Source) nextPull(from time.Time) *time.Time {
	if src.EveryMinutes <= 0 || src.URL == "" || src.Disabled {
		return nil
	}
	t := from.Add(time.Duration(src.EveryMinutes) * time.Minute)
	return &t
}

// tokenPrefix marks gongkai API tokens, so a leaked one is recognisable.
const tokenPrefix = "gk_"

// IssueAPIToken creates a token for a source and returns it in clear, the
// only time it is ever shown. Office only, audit-logged (without the token).
func (s *Store) IssueAPIToken(ctx context.Context, v models.Viewer, sourceID uint) (string, *APIToken, error) {
	if !v.IsOffice() {
		return "", nil, models.ErrForbidden
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", nil, fmt.Errorf("generate token: %w", err)
	}
	plain := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	t := APIToken{SourceID: sourceID, Hash: hashToken(plain), Hint: plain[:len(tokenPrefix)+6], CreatedBy: v.Name}
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		if err := tx.DB.First(&Source{}, sourceID).Error; err != nil {
			return models.NotFound(err, "read source")
		}
		if err := tx.DB.Create(&t).Error; err != nil {
			return fmt.Errorf("create API token: %w", err)
		}
		return tx.Record("create", "api_token", t.ID, nil, map[string]any{"source_id": sourceID, "hint": t.Hint})
	})
	if err != nil {
		return "", nil, err
	}
	return plain, &t, nil
}

// RevokeAPIToken makes a token unusable from now on. Office only, audit-logged.
func (s *Store) RevokeAPIToken(ctx context.Context, v models.Viewer, id uint) error {
	if !v.IsOffice() {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var t APIToken
		if err := tx.DB.First(&t, id).Error; err != nil {
			return models.NotFound(err, "read API token")
		}
		if t.RevokedAt != nil {
			return nil
		}
		now := time.Now().UTC()
		if err := tx.DB.Model(&t).Update("revoked_at", now).Error; err != nil {
			return fmt.Errorf("revoke API token: %w", err)
		}
		return tx.Record("revoke", "api_token", t.ID, nil, map[string]any{"source_id": t.SourceID, "hint": t.Hint})
	})
}

// APITokens lists a source's tokens, newest first. Office only.
func (s *Store) APITokens(ctx context.Context, v models.Viewer, sourceID uint) ([]APIToken, error) {
	if !v.IsOffice() {
		return nil, models.ErrForbidden
	}
	var out []APIToken
	if err := s.DB.WithContext(ctx).Where("source_id = ?", sourceID).Order("id desc").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	return out, nil
}

// SourceForToken returns the source an API token speaks for, with its
// department, and notes the use. Unknown, revoked and disabled all give
// ErrBadToken, so a caller learns nothing about which.
func (s *Store) SourceForToken(ctx context.Context, plain string) (*Source, error) {
	if !strings.HasPrefix(plain, tokenPrefix) {
		return nil, ErrBadToken
	}
	var t APIToken
	err := s.DB.WithContext(ctx).Preload("Source.Department").Where("hash = ?", hashToken(plain)).First(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, fmt.Errorf("read API token: %w", err)
	}
	if t.RevokedAt != nil || t.Source == nil || t.Source.Disabled {
		return nil, ErrBadToken
	}
	if err := s.DB.WithContext(ctx).Model(&t).Update("last_used_at", time.Now().UTC()).Error; err != nil {
		return nil, fmt.Errorf("note API token use: %w", err)
	}
	return t.Source, nil
}

// hashToken is the stored form of a token. Tokens are 256 random bits, so a
// plain SHA-256 is enough: there is nothing to guess that a slow hash would
// protect.
func hashToken(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}
