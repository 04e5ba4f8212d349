package accountability

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/upload"
)

// Attach stores a file of evidence with the case.
func (s *Store) Attach(ctx context.Context, v models.Viewer, id uint, name string, data []byte, now time.Time) error {
	return s.change(ctx, v, id, "attach", []Status{Investigating, Heard}, func(tx *models.Tx, c *Case) (any, error) {
		files, err := storeFiles(tx, v, c, []upload.Upload{{Name: name, Data: data}}, 0, 0, now)
		if err != nil {
			return nil, err
		}
		a := files[0]
		return map[string]any{"attachment": a.ID, "name": a.Name, "size": a.Size, "sha256": a.SHA256}, nil
	})
}

// Answer reports whether the file is one the department attached to its
// appeal or its report of a rectification done: those who read the case
// read it.
func (a Attachment) Answer() bool { return a.AppealID != 0 || a.SanctionID != 0 }

// AttachmentFile reads one attachment of case id with its data: any file
// to those who read case files, the department's own answers to those who
// read the case.
func (s *Store) AttachmentFile(ctx context.Context, v models.Viewer, id, attachment uint) (*Attachment, error) {
	if !v.CanReadCaseFiles() {
		if _, err := s.Get(ctx, v, id); err != nil {
			return nil, err
		}
	}
	var a Attachment
	if err := s.m.DB.WithContext(ctx).Where("id = ? AND case_id = ?", attachment, id).First(&a).Error; err != nil {
		return nil, models.ErrNotFound
	}
	if !v.CanReadCaseFiles() && !a.Answer() {
		return nil, models.ErrNotFound
	}
	return &a, nil
}
