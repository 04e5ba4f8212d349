package stamps_test

import (
	"context"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/stamps"
)

// bump moves head name in a transaction of its own, as a writer does, and
// returns the head as that transaction committed it.
func bump(t *testing.T, db *gorm.DB, name string) int64 {
	t.Helper()
	var seq int64
	modelstest.Must(t, db.Transaction(func(tx *gorm.DB) error {
		if err := stamps.Bump(tx, name); err != nil {
			return err
		}
		return tx.Model(&stamps.Head{}).Select("seq").Where("name = ?", name).Scan(&seq).Error
	}))
	return seq
}

// Reads are shared by everyone who asks at once, yet nobody is answered by
// a read older than their question: a change committed before Stamps is
// called is in its answer, with twenty writers and readers at once.
func TestStampsSeeEveryChangeCommittedBeforeTheCall(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 10 {
					committed := bump(t, s.DB, stamps.Inboxes)
					st, err := s.Stamps(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if got := st.Head(stamps.Inboxes); got < committed {
						t.Errorf("Stamps after a committed change: head %d, want at least %d", got, committed)
					}
				}
			}()
		}
		wg.Wait()
		st, err := s.Stamps(ctx)
		modelstest.Must(t, err)
		if got := st.Head(stamps.Inboxes); got != 200 {
			t.Errorf("after 200 changes the head is %d", got)
		}
		if st.Head(stamps.Sessions) != 0 {
			t.Errorf("a head never moved reads %d, want 0", st.Head(stamps.Sessions))
		}
	})
}

// A request reads the stamps once (stamps.Once), so every cache of its
// page agrees on one moment, until it writes: then it sees its own change.
func TestOnceKeepsTheStampsUntilTheRequestWrites(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		request := stamps.Once(context.Background())
		head := func(ctx context.Context) int64 {
			t.Helper()
			st, err := s.Stamps(ctx)
			modelstest.Must(t, err)
			return st.Head(stamps.Sessions)
		}
		first := head(request)
		bump(t, s.DB, stamps.Sessions) // another request's change
		if got := head(request); got != first {
			t.Errorf("within one request the stamps moved from %d to %d without its writing", first, got)
		}
		if got := head(context.Background()); got != first+1 {
			t.Errorf("another request's read: %d, want %d", got, first+1)
		}
		own := bump(t, s.DB.WithContext(request), stamps.Sessions)
		if got := head(request); got != own {
			t.Errorf("after its own change the request reads %d, want %d", got, own)
		}
	})
}
