package ingest

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Warnings of the new columns load the rows and say what looks wrong, with
// the lines: a fee on an answer that provides nothing, a fee without its
// basis, a forwarded date on a request that was not made online, a review
// cleared for publishing without its five signatures.
func TestClockWarnings(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		reqs := "部门,申请编号,收到日期,申请方式,转交日期,答复日期,答复类型,收费,收费依据,是否减免\n" +
			"ZA,YSQ-1,2025-03-03,网络,2025-03-05,2025-03-20,同意公开,5,复制费,否\n" +
			"ZA,YSQ-2,2025-03-03,信函,2025-03-04,2025-03-20,信息不存在,10,复制费,否\n" +
			"ZA,YSQ-3,2025-03-03,当面,,2025-03-20,部分公开,3.5,,是\n"
		rep := mustImport(t, im, Requests, "requests.csv", []byte(reqs), Options{})
		want := []string{
			"填写了转交日期，但申请方式不是网络（只有网上申请需要转交）（第 3 行）",
			"答复未提供信息（信息不存在），不应收费（第 3 行）",
			"收取了费用，但未填写收费依据（第 4 行）",
		}
		if strings.Join(rep.Warnings, "|") != strings.Join(want, "|") {
			t.Errorf("warnings = %q\nwant %q", rep.Warnings, want)
		}
		var q models.Request
		modelstest.Must(t, s.DB.Where("request_no = ?", "YSQ-1").First(&q).Error)
		if q.Forwarded == nil || q.Forwarded.Format("2006-01-02") != "2025-03-05" || q.FeeBasis != "复制费" || q.FeeWaived {
			t.Errorf("stored request: %+v", q)
		}
		var q3 models.Request
		modelstest.Must(t, s.DB.Where("request_no = ?", "YSQ-3").First(&q3).Error)
		if !q3.FeeWaived {
			t.Error("fee waived not stored")
		}

		pubs := pubFileHead[:len(pubFileHead)-1] + ",不予公开理由\n" + "ZA,1,内部通知,网站,,2025-01-06,ZA-9,不予公开,,属于内部管理信息\n"
		mustImport(t, im, Publications, "pubs.csv", []byte(pubs), Options{})
		var p models.Publication
		modelstest.Must(t, s.DB.Where("index_no = ?", "ZA-9").First(&p).Error)
		if p.Attribute != "不予公开" || p.AttributeReason != "属于内部管理信息" {
			t.Errorf("stored publication: %q %q", p.Attribute, p.AttributeReason)
		}

		revs := revFileHead + "ZA,BM-1,ZA-9,内部通知,2025-01-02,何军,2025-01-02,张卫,2025-01-03,公开,不涉密,2025-01-05\n"
		rep = mustImport(t, im, SecrecyReviews, "reviews.csv", []byte(revs), Options{})
		if strings.Join(rep.Warnings, "|") != "审查意见为“公开”，但五个审签步骤未全部填写（第 2 行）" {
			t.Errorf("warnings = %q", rep.Warnings)
		}
	})
}

// A bad row of each new kind is refused from CSV, XLSX and JSON alike, with
// its line (the record's number in JSON), its column and the reason in
// Chinese; nothing of the file loads.
func TestClockKindsRefuseBadRowsInEveryFormat(t *testing.T) {
	cases := []struct {
		kind   Kind
		bad    []string // a row in the sample's English columns
		column string
		reason string
	}{
		{SecrecyReviews, []string{"ZA", "BM-9", "", "稿件", "2025-02-01", "何军", "2025-01-30", "", "", "", "", "", "", "", "", "公开", "不涉密", "2025-02-03"},
			"unit_date", "unit_date 2025-01-30 早于requested 2025-02-01"},
		{Coordinations, []string{"ZA", "XT-9", "", "联合通告", "ZA", "2025-02-01", "", "", ""},
			"asked", "被征求意见部门不能是拟公开信息的部门自己"},
		{PressConferences, []string{"ZA", "2025-02-30", "通报", "是"},
			"date", "“2025-02-30”不是有效日期"},
	}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		im := bureau(t, s, Publications)
		for _, tc := range cases {
			recs := parseCSV(t, sample[tc.kind])
			recs = append(recs[:2], tc.bad)
			for _, enc := range []struct {
				name, file, unit string
				data             []byte
			}{
				{"csv", "bad.csv", "行", writeCSV(recs)},
				{"xlsx", "bad.xlsx", "行", toXLSX(t, tc.kind, recs)},
				{"json", "bad.json", "条", toJSON(t, recs)},
			} {
				t.Run(string(tc.kind)+"/"+enc.name, func(t *testing.T) {
					rep, err := im.File(context.Background(), tc.kind, enc.file, bytes.NewReader(enc.data), Options{Viewer: office})
					if !errors.Is(err, ErrRejected) {
						t.Fatalf("err = %v, want ErrRejected", err)
					}
					if n := count(t, s, tables[tc.kind]); n != 0 {
						t.Errorf("a refused file loaded %d rows", n)
					}
					line := 3
					if enc.name == "json" {
						line = 2
					}
					prefix := "第 " + strconv.Itoa(line) + " " + enc.unit
					for _, e := range rep.Errors {
						if e.Line == line && e.Column == tc.column && strings.HasPrefix(e.Message, prefix) && strings.Contains(e.Message, tc.reason) {
							return
						}
					}
					t.Errorf("errors %+v\nwant %s, column %s: …%s", rep.Errors, prefix, tc.column, tc.reason)
				})
			}
		}
	})
}
