package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/seed"
)

// Every demo account of DemoUsers finds unread notifications in its inbox,
// made by the same Store calls as real work.
func TestDemoHasUnreadNotificationsForEachRole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := modelstest.Open(t, "sqlite")
	demo(t, s, demoToday)
	for _, u := range seed.DemoUsers {
		var user models.User
		modelstest.Must(t, s.DB.Where("username = ?", u.Username).First(&user).Error)
		n, err := notify.New(s).Unread(ctx, user.Viewer())
		modelstest.Must(t, err)
		if n == 0 {
			t.Errorf("demo %s (%s) has no unread notification", u.Username, u.Role)
		}
	}
}
