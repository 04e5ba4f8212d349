package main

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/stamps"
)

// workedInbox is how many notifications -worked gives the office's inbox,
// half of them read: one for each of a province's year of requests.
const workedInbox = 100_000

// work gives an imported province the state the app's rooms keep at scale
// (issue 27 item 4), in bulk for a bench, not through the demo path: every
// imported publication becomes a publication work of the publications
// list, and the office's inbox fills with workedInbox notifications. Each
// part is done once; a database that has them keeps them.
func work(ctx context.Context, store *models.Store, office uint) error {
	start := time.Now()
	db := store.DB.WithContext(ctx)
	index := "'W' || CAST(id AS TEXT)"
	if store.Dialect == "mysql" {
		index = "CONCAT('W', id)"
	}
	var works int64
	if err := db.Table("publication_works").Count(&works).Error; err != nil {
		return err
	}
	if works == 0 {
		err := db.Exec(`INSERT INTO publication_works (department_id, index_no, title, seq, formed, attribute, channels, publication_id, published, created_by, created_at, updated_at)
			SELECT department_id, ` + index + `, title, seq, COALESCE(formed, published), COALESCE(attribute, ''), channel, id, published, 'bench', published, published
			FROM publications`).Error
		if err != nil {
			return fmt.Errorf("publication works: %w", err)
		}
	}
	var inbox int64
	if err := db.Table("notifications").Where("user_id = ?", office).Count(&inbox).Error; err != nil {
		return err
	}
	if inbox == 0 {
		err := db.Exec(`INSERT INTO notifications (user_id, kind, subject, args, link, created_at, read_at)
			SELECT ?, 'mail_fail', 'notify.mail.failed', '["bench@example.org"]', '/inbox/mail', received, CASE WHEN id % 2 = 0 THEN received END
			FROM requests ORDER BY id LIMIT ?`, office, workedInbox).Error
		if err != nil {
			return fmt.Errorf("notifications: %w", err)
		}
		if err := stamps.Bump(db, stamps.Inboxes); err != nil {
			return err
		}
	}
	if err := db.Table("publication_works").Count(&works).Error; err != nil {
		return err
	}
	if err := db.Table("notifications").Where("user_id = ?", office).Count(&inbox).Error; err != nil {
		return err
	}
	fmt.Printf("worked: %d publication works, %d notifications in the office's inbox, in %s\n", works, inbox, time.Since(start).Round(time.Millisecond))
	return nil
}
