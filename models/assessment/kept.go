package assessment

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
)

// A file kept from a refused self-inspection is an attachment of the
// self-inspection not yet filed (OwnerID 0): stored once, checked once, and
// filed with the next filing that names it. A browser cannot choose a file
// again for the reader, so the valid file waits here rather than be lost
// with the invalid one beside it.

// note is an attachment as the audit log records it: name, readable size
// and digest.
func (a Attachment) note() string {
	return fmt.Sprintf("%s (%s, sha256 %s)", a.Name, i18n.FileSize(a.Size), a.SHA256)
}

// keptFiles selects the department's files kept for its next self-inspection.
func keptFiles(db *gorm.DB, plan, dept uint) *gorm.DB {
	return db.Where("plan_id = ? AND department_id = ? AND owner = ? AND owner_id = 0", plan, dept, OwnerSelf)
}

// keep answers a refused self-inspection: it stores the files that passed
// their check as kept, drops those kept before that the form no longer
// names, and returns the refusal with every file kept, oldest first. When
// the files cannot be kept (the department's limit), the refusal comes back
// alone and the form asks for the files again.
func (s *Store) keep(ctx context.Context, v models.Viewer, plan, dept uint, files []checkedUpload, kept []uint, refusal error, now time.Time) ([]Attachment, error) {
	var held []Attachment
	err := s.m.Audited(ctx, v, func(tx *models.Tx) error {
		drop := keptFiles(tx.DB, plan, dept)
		if len(kept) > 0 {
			drop = drop.Where("id NOT IN ?", kept)
		}
		if err := drop.Delete(&Attachment{}).Error; err != nil {
			return fmt.Errorf("drop kept files: %w", err)
		}
		names, err := attach(tx, plan, dept, OwnerSelf, 0, files, now)
		if err != nil {
			return err
		}
		if err := keptFiles(tx.DB.Omit("data"), plan, dept).Order("id").Find(&held).Error; err != nil {
			return fmt.Errorf("read kept files: %w", err)
		}
		if len(names) == 0 {
			return nil
		}
		return tx.Record("attach", "assessment_self_inspection", 0, nil, map[string]any{"plan": plan, "department": dept, "files": names})
	})
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		return nil, refusal
	case err != nil:
		return nil, err
	}
	return held, refusal
}

// fileKept files the kept files the form names with the self-inspection
// id; a file no longer kept (filed meanwhile, or dropped) refuses the
// filing, so the reader chooses it again. The files kept and not named are
// dropped. It returns the filed files' audit notes.
func fileKept(tx *models.Tx, plan, dept, self uint, kept []uint) ([]string, error) {
	var files []Attachment
	if len(kept) > 0 {
		if err := keptFiles(tx.ForUpdate().Omit("data"), plan, dept).Where("id IN ?", kept).Order("id").Find(&files).Error; err != nil {
			return nil, fmt.Errorf("read kept files: %w", err)
		}
	}
	if len(files) != len(slices.Compact(slices.Sorted(slices.Values(kept)))) {
		return nil, models.Invalid("file", "refuse.assessment.kept_gone")
	}
	names := make([]string, len(files))
	for i, f := range files {
		if err := tx.DB.Model(&Attachment{}).Where("id = ?", f.ID).Update("owner_id", self).Error; err != nil {
			return nil, fmt.Errorf("file kept file: %w", err)
		}
		names[i] = f.note()
	}
	if err := keptFiles(tx.DB, plan, dept).Delete(&Attachment{}).Error; err != nil {
		return nil, fmt.Errorf("drop kept files: %w", err)
	}
	return names, nil
}
