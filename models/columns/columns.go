// Package columns holds the website columns (栏目): each channel's
// columns with their owning department and cadence, the column a
// publication was posted in, and how each column keeps up with its cadence
// (栏目不更新, empty columns). The cadence rules are scoring's
// (scoring.ColumnStateOn); this room stores the columns and reads their
// posts.
package columns

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Column is a column (栏目) of a channel (网站, 微信 …), owned by a
// department that answers for its upkeep. Its name is unique on its
// channel: an import names a publication's column by it.
type Column struct {
	ID           uint   `gorm:"primaryKey"`
	Name         string `gorm:"size:64;not null;uniqueIndex:uk_column,priority:2"`
	Channel      string `gorm:"size:32;not null;uniqueIndex:uk_column,priority:1"`
	DepartmentID uint   `gorm:"not null;index"`
	Cadence      string `gorm:"size:16;not null"` // one of scoring.ColumnCadences
	UpdatedAt    time.Time
}

// TableName keeps the table clear of SQL's COLUMNS.
func (Column) TableName() string { return "publication_columns" }

// MaxName bounds a column's name, in characters.
const MaxName = 64

// Store is the columns' room.
type Store struct{ *models.Store }

// New opens the room on the core's Store.
func New(s *models.Store) *Store { return &Store{s} }

// Input is a column as the office types it.
type Input struct {
	Name         string
	Channel      string
	DepartmentID uint
	Cadence      string
}

// check trims the input and refuses what no column may be: a name empty or
// too long, a channel the office does not publish through, a cadence
// outside the list, a department that does not exist.
func (in *Input) check(tx *models.Tx) error {
	in.Name, in.Channel = strings.TrimSpace(in.Name), strings.TrimSpace(in.Channel)
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		return models.Invalid("name", "columns.refuse.name")
	case n > MaxName || !utf8.ValidString(in.Name):
		return models.Invalid("name", "columns.refuse.name_long", MaxName)
	case !slices.Contains(scoring.ColumnCadences, in.Cadence):
		return models.Invalid("cadence", "columns.refuse.cadence")
	}
	var n int64
	if err := tx.DB.Model(&models.Channel{}).Where("kind = ? AND name = ?", models.ChannelPublication, in.Channel).Count(&n).Error; err != nil {
		return fmt.Errorf("read channel: %w", err)
	}
	if n == 0 {
		return models.Invalid("channel", "columns.refuse.channel")
	}
	if err := tx.DB.First(&models.Department{}, in.DepartmentID).Error; err != nil {
		return models.Invalid("department", "refuse.department.missing")
	}
	return nil
}

// duplicate refuses a second column of the same name on a channel.
func duplicate(err error) error {
	if errors.Is(err, models.ErrDuplicate) {
		return models.Invalid("name", "columns.refuse.duplicate")
	}
	return err
}

// Create adds a column, audit-logged. The office's (ActManageColumns).
func (s *Store) Create(ctx context.Context, v models.Viewer, in Input) (*Column, error) {
	if !v.Can(models.ActManageColumns) {
		return nil, models.ErrForbidden
	}
	var c Column
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		if err := in.check(tx); err != nil {
			return err
		}
		if err := tx.DB.Where("channel = ? AND name = ?", in.Channel, in.Name).First(&Column{}).Error; err == nil {
			return models.Invalid("name", "columns.refuse.duplicate")
		}
		c = Column{Name: in.Name, Channel: in.Channel, DepartmentID: in.DepartmentID, Cadence: in.Cadence}
		if err := tx.DB.Create(&c).Error; err != nil {
			return fmt.Errorf("create column: %w", err)
		}
		return tx.Record("create", "column", c.ID, nil, c)
	})
	if err != nil {
		return nil, duplicate(err)
	}
	return &c, nil
}

// Update changes a column, audit-logged. The office's. A column that
// publications name keeps its channel: moving it would leave them in a
// column of another channel.
func (s *Store) Update(ctx context.Context, v models.Viewer, id uint, in Input) error {
	if !v.Can(models.ActManageColumns) {
		return models.ErrForbidden
	}
	return duplicate(s.Audited(ctx, v, func(tx *models.Tx) error {
		var c Column
		if err := tx.ForUpdate().First(&c, id).Error; err != nil {
			return models.NotFound(err, "read column")
		}
		if err := in.check(tx); err != nil {
			return err
		}
		if in.Channel != c.Channel {
			var n int64
			if err := tx.DB.Model(&models.Publication{}).Where("column_id = ?", c.ID).Count(&n).Error; err != nil {
				return fmt.Errorf("count column posts: %w", err)
			}
			if n > 0 {
				return models.Invalid("channel", "columns.refuse.channel_used", n)
			}
		}
		var other Column
		if err := tx.DB.Where("channel = ? AND name = ? AND id <> ?", in.Channel, in.Name, c.ID).First(&other).Error; err == nil {
			return models.Invalid("name", "columns.refuse.duplicate")
		}
		before := c
		c.Name, c.Channel, c.DepartmentID, c.Cadence = in.Name, in.Channel, in.DepartmentID, in.Cadence
		if c == before {
			return nil
		}
		if err := tx.DB.Save(&c).Error; err != nil {
			return fmt.Errorf("update column: %w", err)
		}
		return tx.Record("update", "column", c.ID, before, c)
	}))
}

// List lists every column by channel and name. Columns are no secret: the
// publication form offers them to every department.
func (s *Store) List(ctx context.Context) ([]Column, error) {
	var out []Column
	if err := s.DB.WithContext(ctx).Order("channel, name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list columns: %w", err)
	}
	return out, nil
}

// Column reads one column.
func (s *Store) Column(ctx context.Context, id uint) (*Column, error) {
	var c Column
	if err := s.DB.WithContext(ctx).First(&c, id).Error; err != nil {
		return nil, models.NotFound(err, "read column")
	}
	return &c, nil
}

// Assign sets the column publication pub was posted in (column 0: none),
// audit-logged: the office, or the publishing department's head or clerk
// (ActAssignColumn; another department's publication is a 404). The
// column must be one of the publication's channel. Setting the column it
// already has changes nothing.
func (s *Store) Assign(ctx context.Context, v models.Viewer, pub, column uint) error {
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var p models.Publication
		if err := tx.ForUpdate().Select("id", "department_id", "channel", "column_id").First(&p, pub).Error; err != nil {
			return models.NotFound(err, "read publication")
		}
		if err := v.MayForDepartment(models.ActAssignColumn, p.DepartmentID); err != nil {
			return err
		}
		var to *uint
		var chosen Column
		if column != 0 {
			c, err := Of(tx.DB, column, p.Channel)
			if err != nil {
				return err
			}
			chosen, to = *c, &c.ID
		}
		if (p.ColumnID == nil && to == nil) || (p.ColumnID != nil && to != nil && *p.ColumnID == *to) {
			return nil
		}
		var before Column
		if p.ColumnID != nil {
			if err := tx.DB.First(&before, *p.ColumnID).Error; err != nil {
				return fmt.Errorf("read column: %w", err)
			}
		}
		if err := tx.DB.Model(&models.Publication{}).Where("id = ?", p.ID).Update("column_id", to).Error; err != nil {
			return fmt.Errorf("set publication column: %w", err)
		}
		// The audit log names the columns, not their ids.
		return tx.Record("update", "publication", p.ID, map[string]any{"publication_column": before.Name}, map[string]any{"publication_column": chosen.Name})
	})
}

// Of reads column id for a publication that goes out (or is planned to go
// out) on one of channels: a column that does not exist, or of another
// channel, is refused in Chinese. It is the one rule of a publication's
// column, whether set on the record (Assign) or at registration
// (models/publications).
func Of(db *gorm.DB, id uint, channels ...string) (*Column, error) {
	var c Column
	if err := db.First(&c, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, models.Invalid("column", "columns.refuse.unknown")
		}
		return nil, fmt.Errorf("read column: %w", err)
	}
	if !slices.Contains(channels, c.Channel) {
		return nil, models.Invalid("column", "columns.refuse.other_channel", c.Name, c.Channel, strings.Join(channels, "、"))
	}
	return &c, nil
}

// Lookup maps each channel's column names to their ids, for an import to
// name a publication's column.
func (s *Store) Lookup(ctx context.Context) (map[string]map[string]uint, error) {
	cols, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]uint{}
	for _, c := range cols {
		if out[c.Channel] == nil {
			out[c.Channel] = map[string]uint{}
		}
		out[c.Channel][c.Name] = c.ID
	}
	return out, nil
}

// AddInput adds the columns to a scoring input; the publications carry
// their column from the core's read.
func (s *Store) AddInput(ctx context.Context, in *scoring.Input) error {
	cols, err := s.List(ctx)
	if err != nil {
		return err
	}
	for _, c := range cols {
		in.Columns = append(in.Columns, scoring.Column{ID: c.ID, Dept: c.DepartmentID, Name: c.Name, Channel: c.Channel, Cadence: c.Cadence})
	}
	return nil
}

// Choice is a publication's column and the columns of its channel it may
// be set to.
type Choice struct {
	Publication uint
	Channel     string
	Current     *Column
	Options     []Column
}

// ChoiceFor reads the choice of a publication the caller has already shown
// (the record page checks who may read it).
func (s *Store) ChoiceFor(ctx context.Context, pub uint) (*Choice, error) {
	var p models.Publication
	if err := s.DB.WithContext(ctx).Select("id", "channel", "column_id").First(&p, pub).Error; err != nil {
		return nil, models.NotFound(err, "read publication")
	}
	ch := &Choice{Publication: p.ID, Channel: p.Channel}
	if err := s.DB.WithContext(ctx).Where("channel = ?", p.Channel).Order("name").Find(&ch.Options).Error; err != nil {
		return nil, fmt.Errorf("list columns: %w", err)
	}
	for k := range ch.Options {
		if p.ColumnID != nil && ch.Options[k].ID == *p.ColumnID {
			ch.Current = &ch.Options[k]
		}
	}
	return ch, nil
}
