package requests_test

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/requests"
)

// The extension an approval grants is the current scheme's
// (time_limits.extension; SCHEME.md: the scheme is authoritative, the
// 2019 regulation allows 20): the deadline moves by it, and the page and
// the 延长答复期限告知书 say it. A request received 9/25 is due 10/22;
// 15 working days more end on 11/12, 20 on 11/19.
func TestExtensionIsTheSchemes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	shipped, err := os.ReadFile("../../seed/schemes/default-2.json")
	modelstest.Must(t, err)
	for _, c := range []struct {
		days int
		due  string
	}{{15, "2025年11月12日"}, {20, "2025年11月19日"}} {
		t.Run(strconv.Itoa(c.days), func(t *testing.T) {
			t.Parallel()
			modelstest.Each(t, func(t *testing.T, s *models.Store) {
				za, _, clerk, _, office := bureau(t, s)
				body := bytes.Replace(shipped, []byte(`"extension": 15`), []byte(`"extension": `+strconv.Itoa(c.days)), 1)
				modelstest.Must(t, s.EnsureShippedSchemes(ctx, [][]byte{body}, time.Now()))
				rs := requests.New(s)
				today := day(12, 31)
				q, err := rs.Register(ctx, clerk, requests.Registration{Department: za.ID, Received: day(9, 25), Channel: "当面", Applicant: "自然人",
					Name: "张三丰", Content: "某信息"}, today)
				modelstest.Must(t, err)
				modelstest.Must(t, rs.AskExtension(ctx, clerk, q.ID, day(10, 20), "需调取多个派出所数据", today))
				modelstest.Must(t, rs.DecideExtension(ctx, office, q.ID, day(10, 21), true, "同意", today))
				w, err := rs.Get(ctx, clerk, q.ID, today)
				modelstest.Must(t, err)
				if w.ExtensionDays != c.days || documents.ChineseDate(w.Due) != c.due {
					t.Errorf("extension of %d days: page says %d, due %s, want %s", c.days, w.ExtensionDays, w.Due, c.due)
				}
				letter, err := documents.Get(ctx, s.DB, w.Letters[0].ID)
				modelstest.Must(t, err)
				if want := "答复期限延长" + strconv.Itoa(c.days) + "个工作日，至" + c.due; !strings.Contains(letter.HTML, want) {
					t.Errorf("the 延长答复期限告知书 does not say %q", want)
				}
			})
		})
	}
}
