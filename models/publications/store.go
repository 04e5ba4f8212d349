package publications

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/scoring"
)

// Store works publications for a viewer; every change is audit-logged with
// the change in one transaction.
type Store struct{ *models.Store }

// New returns the publications' store on s.
func New(s *models.Store) *Store { return &Store{s} }

// Bounds on what a form may carry (the columns hold these).
const (
	maxTitle   = 512
	maxIndexNo = 64
	maxDocNo   = 128
	maxName    = 64
	maxShort   = 256
	maxBasis   = 1024
	maxNote    = 2000
	maxLetter  = 4000
	maxURL     = 1024
	maxInvolve = 20
)

// Registration is a document as its clerk registers it at drafting.
type Registration struct {
	Title, IndexNo, DocNo string
	Seq                   int
	Formed                scoring.Date
	Attribute, Exemption  string
	Channels              []string
	// ColumnID is the website column (栏目) planned, 0 for none: a column
	// of one of the planned channels (columns.Of).
	ColumnID uint
	Involved []uint
	Signer   string
}

// checkAttribute refuses an attribute outside seed 003's three, and a
// 不予公开 without a reason from the fixed list.
func checkAttribute(attribute, exemption string) error {
	switch {
	case !slices.Contains(scoring.Attributes, attribute):
		return models.Invalid("attribute", "publications.refuse.attribute")
	case attribute == scoring.AttrWithheld && !slices.Contains(Exemptions(), exemption):
		return models.Invalid("exemption", "publications.refuse.exemption")
	}
	return nil
}

// text trims and bounds a field; label names it in the refusal.
func text(field, label, s string, max int, required bool) (string, error) {
	return models.CheckText(field, i18n.Phrase(label), s, max, required)
}

// Register records a document of the viewer's department at drafting.
func (s *Store) Register(ctx context.Context, v models.Viewer, r Registration, now time.Time) (*Work, error) {
	if !v.Can(models.ActWorkPublication) {
		return nil, models.ErrForbidden
	}
	if v.DepartmentID == 0 {
		return nil, models.Invalid("", "publications.refuse.no_department")
	}
	var err error
	if r.Title, err = text("title", "publications.f.title", r.Title, maxTitle, true); err != nil {
		return nil, err
	}
	if r.IndexNo, err = text("index_no", "publications.f.index_no", r.IndexNo, maxIndexNo, true); err != nil {
		return nil, err
	}
	if r.DocNo, err = text("doc_no", "publications.f.doc_no", r.DocNo, maxDocNo, false); err != nil {
		return nil, err
	}
	if r.Signer, err = text("signer", "publications.f.signer", r.Signer, maxName, true); err != nil {
		return nil, err
	}
	today := scoring.DateOf(now)
	if r.Formed.IsZero() || r.Formed > today {
		return nil, models.Invalid("formed", "publications.refuse.formed")
	}
	if err := checkAttribute(r.Attribute, r.Exemption); err != nil {
		return nil, err
	}
	if r.Attribute != scoring.AttrWithheld {
		r.Exemption = ""
	}
	channels := strings.Join(r.Channels, "、")
	if utf8.RuneCountInString(channels) > maxShort {
		return nil, models.Invalid("channels", "refuse.text.too_long", i18n.Phrase("publications.f.channels"), maxShort)
	}
	if len(r.Involved) > maxInvolve || slices.Contains(r.Involved, v.DepartmentID) {
		return nil, models.Invalid("involved", "publications.refuse.involved")
	}
	w := &Work{DepartmentID: v.DepartmentID, IndexNo: r.IndexNo, Title: r.Title, DocNo: r.DocNo, Seq: r.Seq,
		Formed: r.Formed.Time(), Attribute: r.Attribute, Exemption: r.Exemption, Channels: channels,
		Involved: joinIDs(r.Involved), Signer: r.Signer, ColumnID: r.ColumnID, CreatedBy: v.Name}
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		if r.Seq != models.Uncatalogued {
			var n int64
			if err := tx.DB.Model(&models.CatalogItem{}).Where("seq = ?", r.Seq).Count(&n).Error; err != nil {
				return fmt.Errorf("read catalog item: %w", err)
			}
			if n == 0 {
				return models.Invalid("seq", "publications.refuse.seq")
			}
		}
		if r.ColumnID != 0 {
			if _, err := columns.Of(tx.DB, r.ColumnID, r.Channels...); err != nil {
				return err
			}
		}
		if len(r.Involved) > 0 {
			var n int64
			if err := tx.DB.Model(&models.Department{}).Where("id IN ?", r.Involved).Count(&n).Error; err != nil {
				return fmt.Errorf("read involved departments: %w", err)
			}
			if int(n) != len(slices.Compact(slices.Sorted(slices.Values(r.Involved)))) {
				return models.Invalid("involved", "publications.refuse.involved")
			}
		}
		var taken int64
		if err := tx.DB.Model(&Work{}).Where("index_no = ?", r.IndexNo).Count(&taken).Error; err != nil {
			return fmt.Errorf("read index numbers: %w", err)
		}
		if taken == 0 {
			err := tx.DB.Model(&models.Publication{}).Where("department_id = ? AND index_no = ?", v.DepartmentID, r.IndexNo).Count(&taken).Error
			if err != nil {
				return fmt.Errorf("read index numbers: %w", err)
			}
		}
		if taken > 0 {
			return models.Invalid("index_no", "publications.refuse.index_taken")
		}
		if err := tx.DB.Create(w).Error; err != nil {
			return fmt.Errorf("register publication: %w", err)
		}
		return s.event(tx, w, Event{Kind: EvRegistered, Day: r.Formed.Time()}, now)
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// event writes a line of the history and the audit entry of the work's change.
func (s *Store) event(tx *models.Tx, w *Work, e Event, now time.Time) error {
	e.WorkID, e.By, e.At = w.ID, tx.Viewer.Name, now.UTC()
	if e.Day.IsZero() {
		e.Day = scoring.DateOf(now).Time()
	}
	if err := tx.DB.Create(&e).Error; err != nil {
		return fmt.Errorf("record publication history: %w", err)
	}
	// The kind is the entry's action; the entry keeps what was said.
	after := map[string]any{"day": e.Day, "note": e.Note, "channel": e.Channel, "url": e.URL, "by_dept": e.ByDept}
	if e.AnswerOf != 0 {
		after["answer_of"], after["decision"] = e.AnswerOf, e.Decision
	}
	return tx.Record(e.Kind, "publication_work", w.ID, nil, after)
}

// lock reads a work for a change, locked until the transaction ends.
func lock(tx *models.Tx, id uint) (*Work, error) {
	var w Work
	if err := tx.ForUpdate().First(&w, id).Error; err != nil {
		return nil, models.NotFound(err, "read publication work")
	}
	return &w, nil
}

// ownWork reads a work for a change its own department makes under a:
// ErrNotFound for another department's (as reading it is).
func ownWork(tx *models.Tx, a models.Action, id uint) (*Work, error) {
	w, err := lock(tx, id)
	if err != nil {
		return nil, err
	}
	if tx.Viewer.DepartmentID != w.DepartmentID {
		return nil, models.ErrNotFound
	}
	return w, tx.Viewer.MayForDepartment(a, w.DepartmentID)
}

// secrecyOffice reports whether department id is the secrecy committee office.
func secrecyOffice(db *gorm.DB, id uint) (bool, error) {
	if id == 0 {
		return false, nil
	}
	var d models.Department
	if err := db.Select("id", "secrecy_office").First(&d, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return false, nil
		}
		return false, fmt.Errorf("read department: %w", err)
	}
	return d.SecrecyOffice, nil
}

// MarkSecrecyOffice marks department id as the secrecy committee office
// (保密委员会办公室), unmarking any other: the office's setting.
func (s *Store) MarkSecrecyOffice(ctx context.Context, v models.Viewer, id uint) error {
	if !v.Can(models.ActReviewPublication) {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var d models.Department
		if err := tx.DB.First(&d, id).Error; err != nil {
			return models.NotFound(err, "read department")
		}
		if err := tx.DB.Model(&models.Department{}).Where("secrecy_office = ? AND id <> ?", true, id).Update("secrecy_office", false).Error; err != nil {
			return fmt.Errorf("unmark secrecy office: %w", err)
		}
		if err := tx.DB.Model(&d).Update("secrecy_office", true).Error; err != nil {
			return fmt.Errorf("mark secrecy office: %w", err)
		}
		return tx.Record("secrecy_office", "department", id, nil, map[string]bool{"secrecy_office": true})
	})
}

// TheSecrecyOffice is the department marked as the secrecy committee
// office, read narrow (id, code, name); nil while none is.
func (s *Store) TheSecrecyOffice(ctx context.Context) (*models.Department, error) {
	var ds []models.Department
	if err := s.DB.WithContext(ctx).Select("id", "code", "name").Where("secrecy_office = ?", true).Order("id").Limit(1).Find(&ds).Error; err != nil {
		return nil, fmt.Errorf("read the secrecy office: %w", err)
	}
	if len(ds) == 0 {
		return nil, nil
	}
	return &ds[0], nil
}

// involvedSeparators split the departments a clerk names to consult.
var involvedSeparators = regexp.MustCompile(`[、，,;；\s]+`)

// Consultable finds the departments text names to consult (names or codes,
// separated by 、 or commas): any department, as the registration form once
// listed every one. A name that finds none, or that several names contain,
// is refused on the field "involved" in the reader's language.
func (s *Store) Consultable(ctx context.Context, text string) ([]uint, error) {
	var out []uint
	for _, name := range involvedSeparators.Split(strings.TrimSpace(text), -1) {
		if name == "" {
			continue
		}
		if len(out) == maxInvolve {
			return nil, models.Invalid("involved", "publications.refuse.involved")
		}
		found, err := s.FindDepartments(ctx, models.System, name)
		switch {
		case err != nil:
			return nil, err
		case len(found) == 0:
			return nil, models.Invalid("involved", "dept.search.miss", name)
		case len(found) > 1:
			return nil, models.Invalid("involved", "dept.search.exact", name)
		}
		out = append(out, found[0].ID)
	}
	return out, nil
}
