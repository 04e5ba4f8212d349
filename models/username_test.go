package models_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/migrations"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Office, ＯＦＦＩＣＥ and office are one account: the others cannot be
// created beside it, a Cyrillic look-alike is refused in Chinese, and
// sign-in finds the account by any of its forms, on both engines.
func TestUsernamesAreOneFormAndLookAlikesRefused(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		const pw = "a-long-password"
		_, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: "Office", Name: "办公室", Role: models.RoleOffice, Password: pw})
		modelstest.Must(t, err)
		for _, tc := range []struct {
			username, key string
		}{
			{"office", "refuse.user.taken"},
			{"ＯＦＦＩＣＥ", "refuse.user.taken"},
			{" OFFICE ", "refuse.user.taken"},
			{"\u043effice", "refuse.user.username_chars"}, // Cyrillic о
			{"offic\u0435", "refuse.user.username_chars"}, // Cyrillic е
		} {
			_, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: tc.username, Name: "仿冒", Role: models.RoleOffice, Password: pw})
			var verr *models.ValidationError
			if !errors.As(err, &verr) || verr.Key != tc.key || verr.Field != "username" {
				t.Errorf("create %q: %v, want refused with %s", tc.username, err, tc.key)
				continue
			}
			if tc.key == "refuse.user.username_chars" && verr.Message == "" {
				t.Errorf("create %q: refused with no Chinese sentence", tc.username)
			}
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&models.User{}).Count(&n).Error)
		if n != 1 {
			t.Errorf("%d accounts, want the one", n)
		}
		for _, typed := range []string{"office", "Office", "ＯＦＦＩＣＥ", " office "} {
			u, err := accounts.New(s).Authenticate(ctx, typed, pw)
			if err != nil || u.Username != "office" {
				t.Errorf("sign in as %q: %v %+v", typed, err, u)
			}
		}
		if _, err := accounts.New(s).Authenticate(ctx, "\u043effice", pw); !errors.Is(err, accounts.ErrBadCredentials) {
			t.Errorf("sign in as the Cyrillic look-alike: %v, want bad credentials", err)
		}
	})
}

// Accounts made before the rule are stored in its form by migration step
// 2026120710, and sign in by any form; two that differ only by case (SQLite
// let them) keep apart: the one already in form keeps the name, the other
// becomes name-ID.
func TestMigrationNormalisesUsernames(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		const pw = "a-long-password"
		made := map[string]uint{}
		names := []string{"wu", "head2"}
		if s.Dialect == "sqlite" { // MySQL's collation never let both in
			names = append(names, "shen")
		}
		for _, name := range names {
			u, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: name, Name: "用户", Role: models.RoleOffice, Password: pw})
			modelstest.Must(t, err)
			made[name] = u.ID
		}
		// As an earlier release stored them.
		modelstest.Must(t, s.DB.Model(&models.User{}).Where("id = ?", made["wu"]).Update("username", "WuLiang").Error)
		modelstest.Must(t, s.DB.Model(&models.User{}).Where("id = ?", made["head2"]).Update("username", "ＨＥＡＤ２").Error)
		want := map[uint]string{made["wu"]: "wuliang", made["head2"]: "head2"}
		if s.Dialect == "sqlite" {
			twin, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: "x-twin", Name: "用户", Role: models.RoleOffice, Password: pw})
			modelstest.Must(t, err)
			modelstest.Must(t, s.DB.Model(&models.User{}).Where("id = ?", twin.ID).Update("username", "Shen").Error)
			want[made["shen"]] = "shen"
			want[twin.ID] = fmt.Sprint("shen-", twin.ID)
		}
		modelstest.Must(t, s.DB.Exec("DELETE FROM migrations WHERE id = ?", "2026120710_usernames_normalised").Error)
		modelstest.Must(t, migrations.Run(ctx, s))
		for id, name := range want {
			var u models.User
			modelstest.Must(t, s.DB.First(&u, id).Error)
			if u.Username != name {
				t.Errorf("account %d is %q after the step, want %q", id, u.Username, name)
			}
		}
		for _, typed := range []string{"WuLiang", "wuliang", "ＨＥＡＤ２"} {
			if _, err := accounts.New(s).Authenticate(ctx, typed, pw); err != nil {
				t.Errorf("sign in as %q after the step: %v", typed, err)
			}
		}
	})
}
