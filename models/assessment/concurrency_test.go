package assessment_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
)

// atOnce runs n copies of submit at the same instant and returns their errors.
func atOnce(n int, submit func() error) []error {
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = submit()
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// A double submit (a head pressing the button six times, or six tabs) is
// saved once; every other copy is refused in Chinese or answered as the
// first, never an error of the database.
func TestDoubleSubmitsAreRefusedInChinese(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		p := b.plan(t)
		_, code, _ := b.firstDeduction(t, p)
		check := func(what string, errs []error, wantSaved int) {
			t.Helper()
			saved := 0
			for _, err := range errs {
				switch {
				case err == nil:
					saved++
				case !isValidation(err):
					t.Errorf("%s: a copy failed with %v, not a refusal", what, err)
				}
			}
			if saved != wantSaved {
				t.Errorf("%s: %d of %d copies saved, want %d", what, saved, len(errs), wantSaved)
			}
		}
		check("objections", atOnce(6, func() error {
			_, err := b.a.Object(ctx, b.head, p.ID, b.own.ID, code, 0, "该信息系节假日顺延，未超期", nil, at(3))
			return err
		}), 1)
		var n int64
		modelstest.Must(t, s.DB.Model(&assessment.Objection{}).Count(&n).Error)
		if n != 1 {
			t.Errorf("objections stored = %d, want 1", n)
		}
		check("self-inspections", atOnce(6, func() error {
			_, err := b.a.FileSelfInspection(ctx, b.head, p.ID, b.own.ID, "本部门自查情况", nil, nil, at(3))
			return err
		}), 6)
		modelstest.Must(t, s.DB.Model(&assessment.SelfInspection{}).Count(&n).Error)
		if n != 1 {
			t.Errorf("self-inspections stored = %d, want 1", n)
		}
		for i, err := range atOnce(4, func() error {
			_, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: "twice", Name: "同名", Role: models.RoleAuditor, Password: "correct-horse-1"})
			return err
		}) {
			if err != nil && err != accounts.ErrUsernameTaken && !isValidation(err) {
				t.Errorf("user %d: %v", i, fmt.Sprint(err))
			}
		}
	})
}
