package accountability

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
)

// Attach stores a file of evidence with the case.
func (s *Store) Attach(ctx context.Context, v models.Viewer, id uint, name string, data []byte, now time.Time) error {
	return s.change(ctx, v, id, "attach", []Status{Investigating, Heard}, func(tx *models.Tx, c *Case) (any, error) {
		mime, err := models.CheckUpload(models.Upload{Name: name, Data: data})
		if err != nil {
			return nil, err
		}
		clean := models.CleanName(name)
		sum := sha256.Sum256(data)
		a := Attachment{CaseID: c.ID, Name: clean, MIME: mime, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Data: data, UploadedBy: v.Name, UploadedAt: now.UTC()}
		if err := tx.DB.Create(&a).Error; err != nil {
			return nil, fmt.Errorf("store attachment: %w", err)
		}
		return map[string]any{"attachment": a.ID, "name": a.Name, "size": a.Size, "sha256": a.SHA256}, nil
	})
}

// AttachmentFile reads one attachment of case id with its data, for those
// who read case files.
func (s *Store) AttachmentFile(ctx context.Context, v models.Viewer, id, attachment uint) (*Attachment, error) {
	if !v.CanReadCaseFiles() {
		return nil, models.ErrNotFound
	}
	var a Attachment
	if err := s.m.DB.WithContext(ctx).Where("id = ? AND case_id = ?", attachment, id).First(&a).Error; err != nil {
		return nil, models.ErrNotFound
	}
	return &a, nil
}
