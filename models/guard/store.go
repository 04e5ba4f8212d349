// Package guard keeps a registered document's electronic copies (seed 000:
// the files of what is published, not only its address) and the scan that
// catches personal data in them and in the title before publication: a
// resident ID number, a mobile number, a bank card number. A finding
// blocks publishing until its file is replaced or the office overrides it
// with a reason; both are audit-logged. The copies belong to the document
// worked in the app (models/publications' work, issue 24): its room hands
// guard the document as a Doc, so that guard reads no other room's table;
// an imported publication has no copies. The rules that need no database
// are detect.go and extract.go.
package guard

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/upload"
)

// MaxCopies bounds the current files of one document.
const MaxCopies = 10

// ScanTimeout bounds the scan of one file.
const ScanTimeout = 20 * time.Second

// File is an electronic copy of a document. A replaced file is kept,
// with the file that replaced it; only current files (ReplacedBy 0) count.
type File struct {
	ID           uint
	WorkID       uint
	DepartmentID uint
	Name         string
	MIME         string `gorm:"column:mime"`
	Size         int64
	SHA256       string `gorm:"column:sha256"`
	Data         []byte
	UploadedBy   string
	UploadedAt   time.Time
	ReplacedBy   uint
	Findings     int
	Hits         []FileHit `gorm:"-"`
}

// TableName names the table.
func (File) TableName() string { return "publication_files" }

// FileHit is a finding of the scan as stored: kind, place and the masked
// value, never the value.
type FileHit struct {
	ID     uint
	FileID uint
	WorkID uint
	Kind   Kind
	Unit   Unit
	N      int
	Sheet  int
	Row    int
	Col    int
	Masked string
}

// TableName names the table.
func (FileHit) TableName() string { return "publication_file_hits" }

// Hit is the stored finding as the rules name it.
func (h FileHit) Hit() Hit {
	return Hit{Place: Place{Unit: h.Unit, N: h.N, Sheet: h.Sheet, Row: h.Row, Col: h.Col}, Finding: Finding{Kind: h.Kind, Masked: h.Masked}}
}

// Override is the office's decision to publish despite the findings as
// they stood: the files up to Covers and the title as it was then.
type Override struct {
	ID     uint
	WorkID uint
	Covers uint // the newest file the override saw
	Title  string
	Reason string
	By     string
	At     time.Time
}

// TableName names the table.
func (Override) TableName() string { return "publication_overrides" }

// Store is the room of the copies and the scan.
type Store struct{ *models.Store }

// New opens the room on the core's Store.
func New(s *models.Store) *Store { return &Store{s} }

// Doc is the registered document whose copies guard keeps, as its room
// (models/publications) hands it over once it has checked who reads it:
// the work's id, its department and its title as it stands.
type Doc struct {
	ID           uint
	DepartmentID uint
	Title        string
}

// Copies is what the document's page shows of its copies: the current
// files with their findings, the replaced ones, the overrides, the title's
// findings, and how many findings still block publishing.
type Copies struct {
	Files     []File
	Replaced  []File
	Overrides []Override
	TitleHits []Hit
	Blocking  int
}

// Copies reads the copies of document d, which the caller has shown its
// reader (publications.Store.Work checks who reads it).
func (s *Store) Copies(ctx context.Context, d Doc) (*Copies, error) {
	st, err := state(s.DB.WithContext(ctx), d)
	if err != nil {
		return nil, err
	}
	out := &Copies{Overrides: st.overrides, TitleHits: st.title, Blocking: st.blocking()}
	for _, f := range st.files {
		if f.ReplacedBy == 0 {
			out.Files = append(out.Files, f)
		} else {
			out.Replaced = append(out.Replaced, f)
		}
	}
	return out, nil
}

// Download reads one copy of document d with its data, for a reader the
// caller has checked.
func (s *Store) Download(ctx context.Context, d Doc, file uint) (*File, error) {
	var f File
	if err := s.DB.WithContext(ctx).Where("id = ? AND work_id = ?", file, d.ID).First(&f).Error; err != nil {
		return nil, models.NotFound(err, "read publication file")
	}
	return &f, nil
}

// Attach stores a copy of document d, scanned, and replaces the
// current file replaces when not 0. The department's clerk or head, or the
// office, attach; a file replaced already, the same file as a current
// copy, a copy past MaxCopies or a file that cannot be read within the
// bounds is refused in Chinese.
func (s *Store) Attach(ctx context.Context, v models.Viewer, d Doc, u upload.Upload, replaces uint, now time.Time) (*File, error) {
	if err := v.MayForDepartment(models.ActPublicationFiles, d.DepartmentID); err != nil {
		return nil, err
	}
	mime, err := CheckCopy(u)
	if err != nil {
		return nil, err
	}
	sctx, cancel := context.WithTimeout(ctx, ScanTimeout)
	defer cancel()
	hits, err := ScanFile(sctx, path.Ext(upload.CleanName(u.Name)), u.Data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(u.Data)
	f := File{WorkID: d.ID, DepartmentID: d.DepartmentID, Name: upload.CleanName(u.Name), MIME: mime, Size: int64(len(u.Data)),
		SHA256: hex.EncodeToString(sum[:]), Data: u.Data, UploadedBy: v.Name, UploadedAt: now.UTC(), Findings: len(hits)}
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		var current []File
		if err := tx.ForUpdate().Omit("data").Where("work_id = ? AND replaced_by = 0", d.ID).Find(&current).Error; err != nil {
			return fmt.Errorf("read publication files: %w", err)
		}
		var old *File
		for i := range current {
			if current[i].ID == replaces {
				old = &current[i]
			}
			if current[i].SHA256 == f.SHA256 {
				// The same file again: a double submit, or nothing replaced.
				return models.Invalid("file", "guide.refuse.same", current[i].Name)
			}
		}
		switch {
		case replaces != 0 && old == nil:
			return models.Invalid("file", "guide.refuse.replaced")
		case old == nil && len(current) >= MaxCopies:
			return models.Invalid("file", "guide.refuse.copies", MaxCopies)
		}
		if err := tx.DB.Create(&f).Error; err != nil {
			return fmt.Errorf("store publication file: %w", err)
		}
		for _, h := range hits {
			row := FileHit{FileID: f.ID, WorkID: d.ID, Kind: h.Kind, Unit: h.Unit, N: h.N, Sheet: h.Sheet, Row: h.Row, Col: h.Col, Masked: h.Masked}
			if err := tx.DB.Create(&row).Error; err != nil {
				return fmt.Errorf("store finding: %w", err)
			}
		}
		after := map[string]any{"file": f.Name, "sha256": f.SHA256, "findings": len(hits)}
		if old != nil {
			if err := tx.DB.Model(&File{}).Where("id = ?", old.ID).Update("replaced_by", f.ID).Error; err != nil {
				return fmt.Errorf("replace publication file: %w", err)
			}
			after["replaced"] = old.Name
		}
		return tx.Record("attach", "publication_work", d.ID, nil, after)
	})
	if err != nil {
		return nil, err
	}
	f.Data = nil
	return &f, nil
}

// OverrideForm is the office's reason to publish despite the findings.
type OverrideForm struct{ Reason string }

// MaxReason bounds an override's reason.
const MaxReason = 500

// Override lets document d be published despite the findings that block
// it now, for the reason given (the office). With nothing blocking (a
// second submit, or the files replaced meanwhile) it is refused.
func (s *Store) Override(ctx context.Context, v models.Viewer, d Doc, f OverrideForm, now time.Time) error {
	if !v.Can(models.ActOverridePersonalData) {
		return models.ErrForbidden
	}
	reason, err := models.CheckText("reason", "guide.override.reason", f.Reason, MaxReason, true)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		// The document's overrides, locked: two submits at once are one.
		if err := tx.ForUpdate().Where("work_id = ?", d.ID).Find(&[]Override{}).Error; err != nil {
			return fmt.Errorf("read overrides: %w", err)
		}
		st, err := state(tx.DB, d)
		if err != nil {
			return err
		}
		n := st.blocking()
		if n == 0 {
			return models.Invalid("reason", "guide.refuse.nothing")
		}
		o := Override{WorkID: d.ID, Covers: st.newest(), Title: d.Title, Reason: reason, By: v.Name, At: now.UTC()}
		if err := tx.DB.Create(&o).Error; err != nil {
			return fmt.Errorf("store override: %w", err)
		}
		return tx.Record("override", "publication_work", d.ID, nil, map[string]any{"reason": reason, "findings": n})
	})
}

// CheckPublishable refuses, in Chinese, to publish document d while
// personal data found in its title or its current copies is neither
// replaced nor overridden. publications' Publish calls it inside its
// transaction (db is that transaction's).
func CheckPublishable(db *gorm.DB, d Doc) error {
	st, err := state(db, d)
	if err != nil {
		return err
	}
	if n := st.blocking(); n > 0 {
		return models.Invalid("publication", "guide.refuse.personal_data", n)
	}
	return nil
}

// scanState is what the scan knows of one document.
type scanState struct {
	files     []File
	overrides []Override
	title     []Hit
	titleText string
}

func state(db *gorm.DB, d Doc) (*scanState, error) {
	st := &scanState{titleText: d.Title}
	if err := db.Omit("data").Where("work_id = ?", d.ID).Order("id").Find(&st.files).Error; err != nil {
		return nil, fmt.Errorf("read publication files: %w", err)
	}
	var hits []FileHit
	if err := db.Where("work_id = ?", d.ID).Order("id").Find(&hits).Error; err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	for i := range st.files {
		for _, h := range hits {
			if h.FileID == st.files[i].ID {
				st.files[i].Hits = append(st.files[i].Hits, h)
			}
		}
	}
	if err := db.Where("work_id = ?", d.ID).Order("id").Find(&st.overrides).Error; err != nil {
		return nil, fmt.Errorf("read overrides: %w", err)
	}
	for _, f := range ScanText(d.Title) {
		st.title = append(st.title, Hit{Place: Place{Unit: InTitle}, Finding: f})
	}
	return st, nil
}

// blocking counts the findings that block publishing: those of the title
// unless an override saw this title, and those of each current file newer
// than the last override.
func (st *scanState) blocking() int {
	var covers uint
	title := false
	for _, o := range st.overrides {
		covers = max(covers, o.Covers)
		title = title || o.Title == st.titleText
	}
	n := 0
	if !title {
		n += len(st.title)
	}
	for _, f := range st.files {
		if f.ReplacedBy == 0 && f.ID > covers {
			n += len(f.Hits)
		}
	}
	return n
}

// newest is the newest file's id, 0 for none.
func (st *scanState) newest() uint {
	var id uint
	for _, f := range st.files {
		id = max(id, f.ID)
	}
	return id
}

// copyKinds are the kinds of a copy: Word and Excel files, PDF, plain text.
var copyKinds = map[string]bool{".docx": true, ".xlsx": true, ".pdf": true, ".txt": true}

// CheckCopy accepts a DOCX, XLSX or PDF by the checks of every attached
// file (upload.CheckUpload: kind by first bytes, size, name), and a text
// file of UTF-8 within the same size; it returns the type to serve it with.
func CheckCopy(u upload.Upload) (string, error) {
	name := upload.CleanName(u.Name)
	ext := strings.ToLower(path.Ext(name))
	if !copyKinds[ext] {
		return "", models.Invalid("file", "guide.refuse.kind", name)
	}
	if ext != ".txt" {
		return upload.CheckUpload(u)
	}
	// A text file: the same bounds of name and size, and text inside.
	switch {
	case !utf8.ValidString(name) || utf8.RuneCountInString(name) > 120:
		return "", models.Invalid("file", "refuse.upload.name", name)
	case len(u.Data) == 0:
		return "", models.Invalid("file", "refuse.upload.empty", name)
	case len(u.Data) > upload.MaxUploadSize:
		return "", models.Invalid("file", "refuse.upload.size", name, upload.MaxUploadSize>>20)
	case !utf8.Valid(u.Data) || !strings.HasPrefix(http.DetectContentType(u.Data), "text/plain"):
		return "", models.Invalid("file", "guide.refuse.text", name)
	}
	return "text/plain; charset=utf-8", nil
}
