package handlers_test

import (
	"net/url"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The Store's refusals speak the reader's language: on an English page a
// taken username, a scheduled source without an address and a scheme
// copied onto an existing version are refused in English, on a Chinese page
// in Chinese, from the one catalog.
func TestStoreRefusalsSpeakTheReadersLanguage(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		for _, tc := range []struct {
			lang                string
			taken, url, version string
		}{
			{"zh", "该用户名已被使用", "定时拉取需要填写地址", "版本号“default-1”已存在"},
			{"en", "That username is taken", "A scheduled pull needs an address", `Version &#34;default-1&#34; already exists`},
		} {
			c := b.signedIn(t, "office")
			c.get("/lang?to=" + tc.lang + "&back=/")
			runForms(t, c, []formCase{
				{name: tc.lang + ": new user whose name is taken", page: "/users", path: "/users",
					bad:   url.Values{"username": {"office"}, "name": {"彭军"}, "role": {"leader"}, "password": {"long-enough-pw"}},
					field: "username", within: `value="office"`, msg: tc.taken},
				{name: tc.lang + ": source pulled with no address", page: "/sources", path: "/sources",
					bad:   url.Values{"name": {"刑警接口"}, "department": {itoa(b.other.ID)}, "kind": {"requests"}, "every": {"60"}},
					field: "url", msg: tc.url},
				{name: tc.lang + ": scheme copied onto a version", page: "/schemes/default-2", path: "/schemes/default-2/copy",
					bad: url.Values{"to": {"default-1"}, "name": {"2026年度考核方案"}}, msg: tc.version},
			})
		}
	})
}
