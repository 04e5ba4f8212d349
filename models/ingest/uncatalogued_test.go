package ingest

import (
	"context"
	"os"
	"testing"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	cases "github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/records"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// newsPosts are 工作动态 posts of 治安支队 tied to no catalog item: two on
// the website in the week of Monday 6 January 2025, a third in the next.
const newsPosts = `department,seq,title,channel,formed,published,index_no,review,review_date
ZA,,治安支队开展冬季治安巡逻,网站,2025-01-06,2025-01-07,ZA-DT-1,公开,2025-01-07
ZA,,治安支队召开警民恳谈会,网站,2025-01-08,2025-01-09,ZA-DT-2,公开,2025-01-09
ZA,,治安支队走访辖区企业,网站,2025-01-13,2025-01-14,ZA-DT-3,公开,2025-01-14
`

// A publication outside the catalog (an empty 目录序号) loads from every
// format, is stored as models.Uncatalogued, and a second load of the same
// rows changes nothing.
func TestUncataloguedPublicationsLoad(t *testing.T) {
	recs := parseCSV(t, newsPosts)
	noSeq := make([][]string, len(recs)) // the column left out altogether
	for i, r := range recs {
		noSeq[i] = append([]string{r[0]}, r[2:]...)
	}
	inputs := []struct {
		name string
		data []byte
	}{
		{"公开记录.csv", []byte(newsPosts)},
		{"中文表头.csv", withBOM(writeCSV(chineseHeader(Publications, recs)))},
		{"无序号列.csv", writeCSV(noSeq)},
		{"公开记录.xlsx", toXLSX(t, Publications, chineseHeader(Publications, recs))},
		{"公开记录.json", toJSON(t, recs)}, // empty cells are left out of the objects
		{"null.json", []byte(`[{"department":"ZA","seq":null,"title":"治安支队开展冬季治安巡逻","channel":"网站","formed":"2025-01-06","published":"2025-01-07","index_no":"ZA-DT-1","review":"公开","review_date":"2025-01-07"}]`)},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			modelstest.Each(t, func(t *testing.T, s *models.Store) {
				im := bureau(t, s, Publications)
				rep := mustImport(t, im, Publications, in.name, in.data, Options{})
				if rep.Inserted == 0 || rep.Rejected != 0 || len(rep.Errors) != 0 {
					t.Fatalf("%s %v", rep.Summary(), rep.Errors)
				}
				var pubs []models.Publication
				modelstest.Must(t, s.DB.Order("index_no").Find(&pubs).Error)
				for _, p := range pubs {
					if p.Seq != models.Uncatalogued {
						t.Errorf("%s stored with 目录序号 %d, want %d (outside the catalog)", p.IndexNo, p.Seq, models.Uncatalogued)
					}
				}
				again := mustImport(t, im, Publications, in.name, in.data, Options{})
				if again.Unchanged != rep.Inserted || again.Updated != 0 || again.Inserted != 0 {
					t.Errorf("second load: %s, want every row unchanged", again.Summary())
				}
			})
		})
	}
}

// The record page says 目录外 (outside the catalog) instead of a 序号 of 0.
func TestUncataloguedPublicationRecord(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		mustImport(t, im, Publications, "news.csv", []byte(newsPosts), Options{})
		mustImport(t, im, Publications, "item.csv", []byte(sample[Publications]), Options{})
		var news, item models.Publication
		modelstest.Must(t, s.DB.Where("index_no = ?", "ZA-DT-1").First(&news).Error)
		modelstest.Must(t, s.DB.Where("index_no = ?", "ZA-2025-001").First(&item).Error)
		for _, tc := range []struct {
			id        uint
			value     string
			msg       string
			otherwise string
		}{{news.ID, "", "record.uncatalogued", "news post"}, {item.ID, "1", "", "catalogued post"}} {
			rv, err := records.New(s).Record(ctx, office, "publication", tc.id, scoring.NewDate(2026, 1, 5))
			modelstest.Must(t, err)
			f := rv.Fields[0]
			if f.Label != "目录序号" || f.Value != tc.value || f.Msg != tc.msg {
				t.Errorf("%s: first field %+v, want 目录序号 %q (message %q)", tc.otherwise, f, tc.value, tc.msg)
			}
		}
	})
}

// Scored on both engines, uncatalogued posts fill no slot but count for
// A2, A3, A4 and D2: the week with two of them on the website is a good
// week, the week with one is not.
func TestUncataloguedPublicationsCount(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		mustImport(t, im, Publications, "news.csv", []byte(newsPosts), Options{})
		in, err := scoreruns.New(s).Deciding(cases.Decisions(s)).ScoringInput(ctx, 2025)
		modelstest.Must(t, err)
		if len(in.Publications) != 3 {
			t.Fatalf("scoring input has %d publications, want the 3 news posts", len(in.Publications))
		}
		for _, p := range in.Publications {
			if p.Seq != models.Uncatalogued || p.Channel != "网站" {
				t.Errorf("publication %d reached scoring as item %d on %s", p.ID, p.Seq, p.Channel)
			}
		}
		in.Scheme = testScheme(t)
		in.Calendar, err = s.Calendar(ctx)
		modelstest.Must(t, err)
		in.AsOf, err = scoring.ParseDate("2026-02-02")
		modelstest.Must(t, err)
		res, err := scoring.Score(*in)
		modelstest.Must(t, err)
		var za *scoring.DepartmentResult
		for i := range res.Departments {
			if res.Departments[i].Code == "ZA" {
				za = &res.Departments[i]
			}
		}
		if za == nil {
			t.Fatal("治安支队 not scored")
		}
		ind := map[string]scoring.IndicatorResult{}
		for _, r := range za.Indicators {
			ind[r.Code] = r
		}
		for _, sl := range za.Slots {
			if sl.State == scoring.SlotFilled {
				t.Errorf("item %d %s filled by a post outside the catalog", sl.Item, i18n.Word(i18n.Chinese, sl.Period.Text()))
			}
		}
		// 2025 has 52 weeks whose Monday falls in it, the first on 6 January.
		thin := map[string]bool{}
		for _, d := range ind["A4"].Deductions {
			thin[d.Period.Start.String()] = true
		}
		if len(ind["A4"].Deductions) != 51 || thin["2025-01-06"] || !thin["2025-01-13"] {
			t.Errorf("A4: %d thin weeks (week of 6 Jan thin: %v, of 13 Jan: %v), want 51 with the week of 6 Jan good",
				len(ind["A4"].Deductions), thin["2025-01-06"], thin["2025-01-13"])
		}
		if got, want := scoring.Round2(ind["A4"].Score), "0.10"; got != want {
			t.Errorf("A4 = %s, want %s (5 × 1/52)", got, want)
		}
		for _, code := range []string{"A2", "D2"} { // on time and reviewed: full marks, earned by these posts
			if len(ind[code].Deductions) != 0 || ind[code].Score.Cmp(ind[code].Max) != 0 {
				t.Errorf("%s = %s with %d deductions, want full marks", code, scoring.Round2(ind[code].Score), len(ind[code].Deductions))
			}
		}
		for _, d := range ind["A3"].Deductions {
			if d.Channel == "网站" {
				t.Errorf("A3 says 网站 unused: %s", i18n.Word(i18n.Chinese, d.Message()))
			}
		}
		if len(ind["A3"].Deductions) == 0 {
			t.Error("A3 has no deduction; 治安支队 never used 公开栏, its item 1 channel")
		}
	})
}

// testScheme is the default scheme, default-2.
func testScheme(t *testing.T) *scoring.Scheme {
	t.Helper()
	body, err := os.ReadFile("../../seed/schemes/default-2.json")
	modelstest.Must(t, err)
	sc, err := scoring.ParseScheme(body)
	modelstest.Must(t, err)
	return sc
}
