package seed

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// demoClocks adds issue 14's records to a generated demo year, with their
// own seeded generator so that the rest of the year stays as it was:
//   - online requests forwarded mostly within seed 004's 3 days, one late,
//     and a fee with its basis where information was provided;
//   - secrecy reviews with the five-step sign-off for 治安支队's first
//     publications, one draft still waiting, and one publication whose review
//     said 免于公开 and that went out anyway: a flag waiting for the office;
//   - one record 不予公开 with its reason (it counts nowhere);
//   - coordinations between departments, one answered late, one never (视为
//     同意), one disagreeing in time;
//   - press conferences of 政治部宣传处 every month but August, and of
//     治安支队 now and then.
func demoClocks(y int, pubs, reqs *table) []table {
	rng := rand.New(rand.NewPCG(uint64(y), 1414))
	date := func(m, d int) string { return ymd(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)) }

	// Requests: forwarded date for online ones, fee basis and waiver.
	reqs.header = append(reqs.header, "forwarded", "fee_basis", "fee_waived")
	late := false
	for i, r := range reqs.rows {
		forwarded, basis, waived := "", "", "否"
		if r[3] == "网络" {
			received, _ := time.Parse(time.DateOnly, r[2])
			days := 1 + rng.IntN(3)
			if !late && r[0] == "FJ01" {
				days, late = 5, true // forwarded two days late
			}
			forwarded = ymd(received.AddDate(0, 0, days))
		}
		if (r[10] == "同意公开" || r[10] == "部分公开") && rng.IntN(4) == 0 {
			r[11], basis = fmt.Sprintf("%d.00", 2+rng.IntN(20)), "复制、邮寄成本费用"
			if rng.IntN(3) == 0 {
				waived = "是"
			}
		}
		reqs.rows[i] = append(r, forwarded, basis, waived)
	}

	// Publications: a reason column; one record not to be published, and one
	// publication that went out although its review said 免于公开.
	pubs.header = append(pubs.header, "attribute_reason")
	for i := range pubs.rows {
		pubs.rows[i] = append(pubs.rows[i], "")
	}
	seq := "1"
	for _, p := range pubs.rows {
		if p[0] == "SJ09" {
			seq = p[1]
			break
		}
	}
	pubs.rows = append(pubs.rows,
		[]string{"SJ09", seq, "重点人员管控工作方案", "文件", date(4, 1), date(4, 8), fmt.Sprintf("014319768/%d-SJ09-N001", y), fmt.Sprintf("宿公治〔%d〕12号", y),
			"不予公开", "", "", "", "涉及警务工作秘密，属于内部管理信息"},
		[]string{"SJ09", seq, "娱乐场所专项整治行动情况通报", "网站", date(6, 2), date(6, 13), fmt.Sprintf("014319768/%d-SJ09-F001", y), "",
			"主动公开", "", "", "http://gaj.suqian.gov.cn/sj09/f001.html", ""},
	)

	reviews := table{kind: "secrecy_reviews", header: []string{"department", "review_no", "index_no", "title", "requested",
		"unit_by", "unit_date", "head_by", "head_date", "leader_by", "leader_date", "secrecy_by", "secrecy_date", "approver_by", "approver_date",
		"opinion", "basis", "decided"}}
	sign := func(no, index, title string, requested time.Time, opinion, basis string, steps int, decidedAfter int) {
		row := []string{"SJ09", no, index, title, ymd(requested)}
		people := []string{"何军", "张卫", "徐平", "保密办周敏", "保密办主任许光"}
		for k, p := range people {
			if k < steps {
				row = append(row, p, ymd(requested.AddDate(0, 0, k)))
			} else {
				row = append(row, "", "")
			}
		}
		decided := ""
		if opinion != "" {
			decided = ymd(requested.AddDate(0, 0, decidedAfter))
		}
		reviews.rows = append(reviews.rows, append(row, opinion, basis, decided))
	}
	// The first five publications of 治安支队, reviewed before publishing.
	n := 0
	for _, p := range pubs.rows {
		if p[0] != "SJ09" || p[9] != "公开" || n == 5 {
			continue
		}
		n++
		reviewed, _ := time.Parse(time.DateOnly, p[10])
		requested := reviewed.AddDate(0, 0, -6)
		sign(fmt.Sprintf("BM%d-SJ09-%03d", y, n), p[6], p[2], requested, "公开", "不涉及国家秘密、警务工作秘密和个人隐私", 5, 6)
	}
	sign(fmt.Sprintf("BM%d-SJ09-F01", y), fmt.Sprintf("014319768/%d-SJ09-F001", y), "娱乐场所专项整治行动情况通报",
		time.Date(y, 6, 3, 0, 0, 0, 0, time.UTC), "免于公开", "含涉案场所名称和当事人信息，公开后可能影响案件查处", 5, 6)
	sign(fmt.Sprintf("BM%d-SJ09-D01", y), "", "春节期间治安形势分析（草稿）", time.Date(y, 12, 22, 0, 0, 0, 0, time.UTC), "", "", 2, 0)

	coordinations := table{kind: "coordinations", header: []string{"department", "coordination_no", "index_no", "subject", "asked", "sent", "replied", "opinion", "note"},
		rows: [][]string{
			{"SJ09", fmt.Sprintf("XT%d-001", y), "", "烟花爆竹禁放通告", "交警支队", date(1, 6), date(1, 9), "同意", ""},
			{"SJ09", fmt.Sprintf("XT%d-002", y), fmt.Sprintf("014319768/%d-SJ09-F001", y), "娱乐场所整治情况通报口径", "刑警支队", date(6, 3), date(6, 5), "修改后同意", "删去案件细节"},
			{"FJ01", fmt.Sprintf("XT%d-001", y), "", "辖区治安重点地区排查整治公告", "治安支队", date(9, 1), "", "", ""},
			{"SJ12", fmt.Sprintf("XT%d-001", y), "", "出入境证件办理须知修订", "治安支队", date(3, 3), date(3, 6), "不同意", "涉及户籍信息核验流程，需另行商定"},
			{"SJ16", fmt.Sprintf("XT%d-001", y), "", "电信诈骗典型案例发布", "经侦支队", date(11, 3), date(11, 14), "同意", "复函迟于 5 个工作日"},
		}}

	press := table{kind: "press_conferences", header: []string{"department", "date", "topic", "principal_attended"}}
	topics := []string{"春节安保工作", "打击电信网络诈骗", "交通安全整治", "禁毒宣传", "出入境便民措施", "夏季治安打击整治",
		"", "开学季校园安全", "国庆安保工作", "网络安全宣传周", "冬季道路交通安全", "全年公安工作回顾"}
	for m, topic := range topics {
		if topic == "" {
			continue // no press conference in August
		}
		attended := "否"
		if m%3 == 0 {
			attended = "是"
		}
		press.rows = append(press.rows, []string{"SJ04", date(m+1, 10+rng.IntN(10)), topic, attended})
	}
	press.rows = append(press.rows,
		[]string{"SJ09", date(3, 26), "娱乐场所专项整治", "是"},
		[]string{"SJ09", date(9, 25), "国庆期间治安防控措施", "否"},
	)
	return []table{reviews, coordinations, press}
}
