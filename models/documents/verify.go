package documents

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
)

// Problem is what Verify found wrong with a stored document: a message key
// of the catalog (views, document.problem.*) and its arguments.
type Problem struct {
	ID   uint
	Key  string
	Args []any
}

// Verify checks every stored document against its hash: the one it was
// stored with and the one the audit log recorded when it was issued (the
// audit chain keeps that one from being rewritten). It returns the first
// document found edited, deleted or never recorded, nil when all hold, and how
// many it checked.
func Verify(ctx context.Context, db *gorm.DB) (*Problem, int, error) {
	db = db.WithContext(ctx)
	var entries []struct {
		EntityID string
		After    string
	}
	if err := db.Model(&models.AuditEntry{}).Where("entity = ? AND action = ?", "document", "issue").Select("entity_id, after").Scan(&entries).Error; err != nil {
		return nil, 0, fmt.Errorf("read issued documents' hashes: %w", err)
	}
	recorded := map[uint]string{}
	for _, e := range entries {
		id, err := strconv.ParseUint(e.EntityID, 10, 64)
		var after struct {
			SHA256 string `json:"sha256"`
		}
		if err == nil && json.Unmarshal([]byte(e.After), &after) == nil {
			recorded[uint(id)] = after.SHA256
		}
	}
	checked, last := 0, uint(0)
	for {
		var batch []Document
		if err := db.Where("id > ?", last).Order("id").Limit(100).Find(&batch).Error; err != nil {
			return nil, checked, fmt.Errorf("read documents: %w", err)
		}
		for _, d := range batch {
			want, ok := recorded[d.ID]
			switch {
			case !ok:
				return &Problem{ID: d.ID, Key: "document.problem.unrecorded", Args: []any{d.Number, d.ID}}, checked, nil
			case d.Hash() != want || d.SHA256 != want:
				return &Problem{ID: d.ID, Key: "document.problem.edited", Args: []any{d.Number, d.ID}}, checked, nil
			}
			delete(recorded, d.ID)
			checked++
			last = d.ID
		}
		if len(batch) < 100 {
			break
		}
	}
	for id := range recorded {
		return &Problem{ID: id, Key: "document.problem.deleted", Args: []any{id}}, checked, nil
	}
	return nil, checked, nil
}
