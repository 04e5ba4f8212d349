package migrations

import (
	"fmt"
	"github.com/gongkai/gongkai/models"
	"strconv"
	"unicode/utf8"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// usernameSteps (issue 21): every username is stored in its one form
// (NormalizeUsername), which sign-in looks up. Two accounts that differ
// only by case or width (Office beside office, possible on SQLite) cannot
// both keep the name: the one already in normal form keeps it, otherwise
// the older account; the other becomes name-ID (office-12), which the
// office can see on /users.
var usernameSteps = []*gormigrate.Migration{
	{
		ID: "2026120710_usernames_normalised",
		Migrate: func(tx *gorm.DB) error {
			var rows []struct {
				ID       uint
				Username string
			}
			if err := tx.Table("users").Select("id", "username").Order("id").Scan(&rows).Error; err != nil {
				return fmt.Errorf("read usernames: %w", err)
			}
			taken := make(map[string]bool, len(rows))
			for _, r := range rows {
				if models.NormalizeUsername(r.Username) == r.Username {
					taken[r.Username] = true
				}
			}
			for _, r := range rows {
				name := models.NormalizeUsername(r.Username)
				if name == r.Username || utf8.RuneCountInString(name) > models.MaxUsername {
					continue // already so, or too long to store: left as it was
				}
				for n := 0; taken[name]; n++ {
					name = models.NormalizeUsername(r.Username) + "-" + strconv.FormatUint(uint64(r.ID), 10)
					if n > 0 {
						name += "-" + strconv.Itoa(n)
					}
				}
				taken[name] = true
				if err := tx.Table("users").Where("id = ?", r.ID).Update("username", name).Error; err != nil {
					return fmt.Errorf("normalise username %d: %w", r.ID, err)
				}
			}
			return nil
		},
	},
}
