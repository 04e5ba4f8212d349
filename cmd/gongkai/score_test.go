package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// smallYear is a year of records small enough to score by hand (2024, as of
// 2025-02-01, the default scheme, the State Council calendar). The 2024
// notice: Spring Festival 10-17 Feb off with Sun 4 and Sun 18 Feb worked;
// National Day 1-7 Oct off with Sun 29 Sep and Sat 12 Oct worked.
//
// Catalog: item 1 standing (公开栏、网站) led by 治安支队; item 2 quarterly
// (网站) led by the group 各分县局; item 3 prompt (微博) led by the group
// 相关警种部门; item 4 on request (公开栏), no slot.
var smallYear = map[string]string{
	"departments": `code,name,kind,parent,groups
SJ09,治安支队,市局部门,,相关警种部门
FJ01,宿城分局,分县局,,各分县局
PS01,幸福派出所,派出所,FJ01,
`,
	"catalog": `序号,一级目录,二级目录,三级目录,公开形式,公开范围,公开时限,牵头责任部门,相关责任主体,备注
1,对外公开,机构职能,机构设置及职能,公开栏、网站,面向社会,长期公开,治安支队,,
2,对外公开,动态警情,警民恳谈,网站,面向社会,每季度或每月,各分县局,,
3,对外公开,行政执法,典型案例,微博,面向社会,及时公开,相关警种部门,,
4,对外公开,行政执法,办理情况,公开栏,当事人,依申请向相对人公开,治安支队,,
`,
	// 治安支队:
	// p1 formed Thu 1 Feb, due(1 Feb, 20) = Tue 5 Mar (Feb 2, 4*, 5-9, 18*-23, 26-29, Mar 1, 4, 5): published 4 Mar, on time; reviewed.
	// p2 formed Fri 27 Sep, due = Wed 30 Oct (Sep 29*, 30, Oct 8-12*, 14-18, 21-25, 28-30): published Fri 1 Nov, 2 working days late;
	//    it is the only publication of item 3, but Q4 is void (no report), so item 3's slot stays empty.
	// p3, p4: item 1 on 网站 in the week of Mon 8 Jan: the only good website week of 53; p4's review is 免于公开.
	"publications": `department,seq,title,channel,formed,published,index_no,review,review_date
SJ09,1,机构职能公开栏,公开栏,2024-02-01,2024-03-04,SJ09-1,公开,2024-03-01
SJ09,3,典型案例通报,微博,2024-09-27,2024-11-01,SJ09-2,,
SJ09,1,机构职能网页,网站,,2024-01-08,SJ09-3,公开,2024-01-08
SJ09,1,机构职能更新,网站,,2024-01-10,SJ09-4,免于公开,2024-01-10
`,
	// r1 received Mon 30 Sep, due(15) = Fri 25 Oct: answered 22 Oct, on time.
	// r2 received Mon 2 Dec, paused 9-13 Dec (5 working days): due(20) = Mon 30 Dec; answered 27 Dec, on time
	//    (without the pause it would have been due 23 Dec, late).
	// r3 received Fri 1 Nov, due 22 Nov, unanswered on 1 Feb 2025: late.
	// r4 received in 2023, overturned (被依法纠错) on 3 Jun 2024: B2 loses 2.5; not counted in B1.
	"requests": `department,request_no,received,channel,extended,pause_start,pause_end,answered,answer,outcome,outcome_date
SJ09,R1,2024-09-30,网络,否,,,2024-10-22,同意公开,,
SJ09,R2,2024-12-02,信函,否,2024-12-09,2024-12-13,2024-12-27,部分公开,,
SJ09,R3,2024-11-01,当面,否,,,,,,
SJ09,R4,2023-05-01,网络,否,,,2023-05-10,不同意公开,被依法纠错,2024-06-03
`,
	"complaints": `department,complaint_no,line,received,replied,closed
SJ09,C1,12389,2024-03-01,2024-03-02,2024-03-10
SJ09,C2,12389,2024-05-06,2024-05-07,
SJ09,C3,12389,2024-12-30,,
`,
	// 治安支队: Q1 on time (2), Q2 late (1), Q3 on time (2), Q4 never (0, and void). 宿城分局: all on time.
	"quarterly_reports": `department,year,quarter,submitted
SJ09,2024,1,2024-03-20
SJ09,2024,2,2024-06-25
SJ09,2024,3,2024-09-20
FJ01,2024,1,2024-03-15
FJ01,2024,2,2024-06-20
FJ01,2024,3,2024-09-18
FJ01,2024,4,2024-12-20
`,
	"annual_reports": `department,year,submitted
SJ09,2024,2025-01-15
FJ01,2024,2025-01-08
`,
	"incidents": `department,date,kind,description
PS01,2024-04-01,泄密,test
`,
	"accountability": `case_no,department,decided,sanction,persons,trigger,summary
ZJ2024-1,FJ01,2024-07-01,通报批评,魏强,test,test
`,
}

// websitePublications gives 宿城分局 two 网站 publications of item 2 in
// every week of 2024 (Monday and Tuesday), formed and reviewed the same day.
func websitePublications() string {
	var b strings.Builder
	b.WriteString("department,seq,title,channel,formed,published,index_no,review,review_date\n")
	for d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == 2024; d = d.AddDate(0, 0, 7) {
		for k := 0; k < 2; k++ {
			day := d.AddDate(0, 0, k).Format(time.DateOnly)
			fmt.Fprintf(&b, "FJ01,2,警民恳谈 %s,网站,%s,%s,FJ01-%s,公开,%s\n", day, day, day, day, day)
		}
	}
	return b.String()
}

func TestScoreCommandMatchesHandWorkedFigures(t *testing.T) {
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		t.Setenv("GONGKAI_DB", modelstest.FreshDSN(t, engine))
		ctx := context.Background()
		store, err := openStore(ctx)
		modelstest.Must(t, err)
		modelstest.Must(t, seed.Facts(ctx, store))
		store.Close()

		dir := t.TempDir()
		load := func(kind, data string) {
			t.Helper()
			path := filepath.Join(dir, kind+".csv")
			modelstest.Must(t, os.WriteFile(path, []byte(data), 0o600))
			var out bytes.Buffer
			if err := run(ctx, []string{"import", "--kind", kind, path}, nil, &out); err != nil {
				t.Fatalf("import %s: %v\n%s", kind, err, out.String())
			}
		}
		for _, kind := range []string{"departments", "catalog", "publications", "requests", "complaints", "quarterly_reports", "annual_reports", "incidents", "accountability"} {
			load(kind, smallYear[kind])
		}
		load("publications", websitePublications())

		type line struct {
			ind         map[string]float64
			total       float64
			grade       string
			rank        int
			veto, cappd bool
		}
		// 治安支队: A1 20×1/2 (item 3's slot void); A2 10×1/2; A3 all of 公开栏 网站 微博; A4 5×1/53;
		// B1 20×2/3; B2 5−2.5; C1 10×2/3; C2 10×1/3; D1 2+1+2+0; D2 4×2/4; D3 late 1.5.
		// Total 31 + 70/3 + 5/53 = 54.4277 → 54.43, below 60.
		sj09 := line{map[string]float64{"A1": 10, "A2": 5, "A3": 5, "A4": 0.09, "B1": 13.33, "B2": 2.5, "C1": 6.67, "C2": 3.33, "D1": 5, "D2": 2, "D3": 1.5}, 54.43, "不合格", 3, false, false}
		// 宿城分局: everything in order, 100, but 通报批评 in 2024 holds it at 合格.
		fj01 := line{map[string]float64{"A1": 20, "A2": 10, "A3": 5, "A4": 5, "B1": 20, "B2": 5, "C1": 10, "C2": 10, "D1": 8, "D2": 4, "D3": 3}, 100, "合格", 1, false, true}
		// 幸福派出所: obligated for nothing; no annual report (D3 0): 97, but a leak vetoes it.
		ps01 := line{map[string]float64{"A1": 20, "A2": 10, "A3": 5, "A4": 5, "B1": 20, "B2": 5, "C1": 10, "C2": 10, "D1": 8, "D2": 4, "D3": 0}, 97, "不合格", 2, true, false}

		for _, tc := range []struct {
			name string
			args []string
			want map[string]*line // nil: not rated
			csv  string           // 治安支队's CSV line
		}{
			{
				// default-1 is frozen: the figures worked out for it never change.
				name: "default-1", args: []string{"--scheme", "default-1"},
				want: map[string]*line{"SJ09": &sj09, "FJ01": &fj01, "PS01": &ps01},
				csv:  "SJ09,治安支队,true,10.00,5.00,5.00,0.09,13.33,2.50,6.67,3.33,5.00,2.00,1.50,54.43,不合格,3,false,false",
			},
			{
				// default-2, the default: the station leads nothing and has no
				// slot, so it is not rated, and 治安支队 moves up to second.
				// The catalog names no co-responsible unit and both rated
				// units published, so their figures stay.
				name: "default-2 (the default)",
				want: map[string]*line{"SJ09": {sj09.ind, sj09.total, sj09.grade, 2, false, false}, "FJ01": &fj01, "PS01": nil},
				csv:  "SJ09,治安支队,true,10.00,5.00,5.00,0.09,13.33,2.50,6.67,3.33,5.00,2.00,1.50,54.43,不合格,2,false,false",
			},
		} {
			var out bytes.Buffer
			args := append([]string{"score", "--year", "2024", "--as-of", "2025-02-01", "--format", "json"}, tc.args...)
			modelstest.Must(t, run(ctx, args, nil, &out))
			var got struct {
				Scheme      string `json:"scheme"`
				Departments []struct {
					Code       string             `json:"code"`
					Rated      bool               `json:"rated"`
					Indicators map[string]float64 `json:"indicators"`
					Total      *float64           `json:"total"`
					Grade      string             `json:"grade"`
					Rank       int                `json:"rank"`
					Veto       bool               `json:"veto"`
					Capped     bool               `json:"capped"`
				} `json:"departments"`
			}
			modelstest.Must(t, json.Unmarshal(out.Bytes(), &got))
			if len(got.Departments) != len(tc.want) {
				t.Fatalf("%s: departments scored = %d, want %d:\n%s", tc.name, len(got.Departments), len(tc.want), out.String())
			}
			for _, d := range got.Departments {
				w := tc.want[d.Code]
				if w == nil {
					if d.Rated || d.Total != nil || d.Grade != "" || d.Rank != 0 || len(d.Indicators) != 0 {
						t.Errorf("%s: %s should not be rated: %+v", tc.name, d.Code, d)
					}
					continue
				}
				for code, v := range w.ind {
					if d.Indicators[code] != v {
						t.Errorf("%s: %s %s = %v, want %v", tc.name, d.Code, code, d.Indicators[code], v)
					}
				}
				if !d.Rated || d.Total == nil || *d.Total != w.total || d.Grade != w.grade || d.Rank != w.rank || d.Veto != w.veto || d.Capped != w.cappd {
					t.Errorf("%s: %s got %+v, want %+v", tc.name, d.Code, d, *w)
				}
			}

			out.Reset()
			args[len(args)-len(tc.args)-1] = "csv"
			modelstest.Must(t, run(ctx, args, nil, &out))
			if !strings.Contains(out.String(), tc.csv) {
				t.Errorf("%s: CSV line for 治安支队 missing or different:\n%s", tc.name, out.String())
			}
		}
	})
}
