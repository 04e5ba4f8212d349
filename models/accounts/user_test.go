package accounts_test

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
)

// One rule for a new account, whoever creates it (the users form shows
// every problem at once, the Store and the command line refuse the first);
// passwords past the 72 bytes bcrypt reads are refused, not cut.
func TestNewAccountRules(t *testing.T) {
	t.Parallel()
	ok := accounts.NewUser{Username: "pengjun", Name: "彭军", Role: models.RoleHead, DepartmentID: 3, Password: "long-enough-pw"}
	for _, tc := range []struct {
		name string
		edit func(n *accounts.NewUser)
		want []string // field: key, in the form's order
	}{
		{"good", func(*accounts.NewUser) {}, nil},
		{"username with a space", func(n *accounts.NewUser) { n.Username = "peng jun" }, []string{"username:refuse.user.username_spaces"}},
		{"username too long", func(n *accounts.NewUser) { n.Username = strings.Repeat("a", 65) }, []string{"username:refuse.user.username"}},
		{"name too long", func(n *accounts.NewUser) { n.Name = strings.Repeat("彭", 65) }, []string{"name:refuse.user.name"}},
		{"head without a department", func(n *accounts.NewUser) { n.DepartmentID = 0 }, []string{"department:form.head_dept"}},
		{"password of 73 bytes", func(n *accounts.NewUser) { n.Password = strings.Repeat("p", 73) }, []string{"password:form.password_short"}},
		{"password of 24 Chinese characters (72 bytes)", func(n *accounts.NewUser) { n.Password = strings.Repeat("密", 24) }, nil},
		{"username in capitals and full width: one form, accepted", func(n *accounts.NewUser) { n.Username = "ＰｅｎｇＪｕｎ" }, nil},
		{"username with a Cyrillic о", func(n *accounts.NewUser) { n.Username = "pengjun\u043e" }, []string{"username:refuse.user.username_chars"}},
		{"username with a Greek ο", func(n *accounts.NewUser) { n.Username = "\u03bffice" }, []string{"username:refuse.user.username_chars"}},
		{"username in Chinese", func(n *accounts.NewUser) { n.Username = "彭军" }, []string{"username:refuse.user.username_chars"}},
		{"username with a full-width space", func(n *accounts.NewUser) { n.Username = "peng\u3000jun" }, []string{"username:refuse.user.username_spaces"}},
		{"pinyin, digits, dot, underscore, dash, at", func(n *accounts.NewUser) { n.Username = "peng.jun_01-sq@gaj" }, nil},
		{"password of ten spaces", func(n *accounts.NewUser) { n.Password = strings.Repeat(" ", 10) }, []string{"password:refuse.user.password_blank"}},
		{"password of spaces and tabs", func(n *accounts.NewUser) { n.Password = " \t  \t  \u3000   " }, []string{"password:refuse.user.password_blank"}},
		{"password short once its spaces are trimmed", func(n *accounts.NewUser) { n.Password = "    abc    " }, []string{"password:form.password_short"}},
		{"password with spaces inside", func(n *accounts.NewUser) { n.Password = "correct horse battery" }, nil},
		{"everything wrong", func(n *accounts.NewUser) { *n = accounts.NewUser{Role: "boss", Password: "short"} },
			[]string{"username:refuse.user.username", "name:refuse.user.name", "role:refuse.user.role", "password:form.password_short"}},
	} {
		n := ok
		tc.edit(&n)
		var got []string
		for _, p := range n.Problems() {
			got = append(got, p.Field+":"+p.Key)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if err := n.Validate(); (err == nil) != (len(tc.want) == 0) {
			t.Errorf("%s: Validate says %v", tc.name, err)
		}
	}
}
