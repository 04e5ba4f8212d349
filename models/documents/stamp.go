package documents

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// IssueStamp says whether anything was issued or posted since it was last
// read: the newest document's and the newest posting's ids. An issued
// document never changes and a posting is never taken back, so what is
// built from them (the public site) holds while the stamp is the same.
func IssueStamp(ctx context.Context, db *gorm.DB) (string, error) {
	var doc, post uint
	if err := db.WithContext(ctx).Model(&Document{}).Select("COALESCE(MAX(id), 0)").Scan(&doc).Error; err != nil {
		return "", fmt.Errorf("read the newest document: %w", err)
	}
	if err := db.WithContext(ctx).Model(&Posting{}).Select("COALESCE(MAX(id), 0)").Scan(&post).Error; err != nil {
		return "", fmt.Errorf("read the newest posting: %w", err)
	}
	return fmt.Sprintf("%d/%d", doc, post), nil
}
