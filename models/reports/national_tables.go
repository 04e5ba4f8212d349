package reports

import (
	"fmt"
	"math"
	"strconv"
)

// The national tables as grids, cell for cell as the 2021 format prints
// them.

func head(text string, cols, rows int) Cell {
	return Cell{Text: text, ColSpan: cols, RowSpan: rows, Head: true}
}

func label(text string, cols, rows int) Cell {
	return Cell{Text: text, ColSpan: cols, RowSpan: rows, Label: true}
}

func num(n int) Cell { return Cell{Text: itoa(n)} }

// filedCell prints a filed figure, blank when nobody filed it.
func filedCell(n *National, key string) Cell {
	v, ok := n.Filed[key]
	if !ok {
		return Cell{}
	}
	return Cell{Text: formatFiled(v)}
}

// formatFiled prints a count whole and an amount with the decimals it has,
// up to the four a filed amount may have (sums of floats carry noise past
// them).
func formatFiled(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}

// proactiveGrid is table 二 (主动公开政府信息情况), from the filed figures.
func proactiveGrid(n *National) Grid {
	g := Grid{Caption: "二、主动公开政府信息情况", Cols: 4}
	g.Body = [][]Cell{
		{head("第二十条第（一）项", 4, 1)},
		{head("信息内容", 1, 1), head("本年制发件数", 1, 1), head("本年废止件数", 1, 1), head("现行有效件数", 1, 1)},
		{label("规章", 1, 1), filedCell(n, "rules_issued"), filedCell(n, "rules_repealed"), filedCell(n, "rules_in_force")},
		{label("行政规范性文件", 1, 1), filedCell(n, "norms_issued"), filedCell(n, "norms_repealed"), filedCell(n, "norms_in_force")},
		{head("第二十条第（五）项", 4, 1)},
		{head("信息内容", 1, 1), head("本年处理决定数量", 3, 1)},
		{label("行政许可", 1, 1), Cell{Text: filedCell(n, "licences").Text, ColSpan: 3}},
		{head("第二十条第（六）项", 4, 1)},
		{head("信息内容", 1, 1), head("本年处理决定数量", 3, 1)},
		{label("行政处罚", 1, 1), Cell{Text: filedCell(n, "penalties").Text, ColSpan: 3}},
		{label("行政强制", 1, 1), Cell{Text: filedCell(n, "enforcement").Text, ColSpan: 3}},
		{head("第二十条第（八）项", 4, 1)},
		{head("信息内容", 1, 1), head("本年收费金额（单位：万元）", 3, 1)},
		{label("行政事业性收费", 1, 1), Cell{Text: filedCell(n, "fees").Text, ColSpan: 3}},
	}
	return g
}

// requestGrid is table 三 (收到和处理政府信息公开申请情况); the cells of a
// column that does not balance are marked.
func requestGrid(n *National) Grid {
	g := Grid{Caption: "三、收到和处理政府信息公开申请情况", Cols: 3 + len(applicantColumns)}
	g.Head = [][]Cell{
		{head("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), head("申请人情况", len(applicantColumns), 1)},
		{head(ApplicantNatural, 1, 2), head("法人或其他组织", len(ApplicantTypes)-1, 1), head("总计", 1, 2)},
	}
	var orgs []Cell
	for _, a := range ApplicantTypes[1:] {
		orgs = append(orgs, head(a, 1, 1))
	}
	g.Head = append(g.Head, orgs)
	flagged := map[string]bool{}
	for _, im := range n.Imbalances {
		flagged[im.Column] = true
	}
	counts := func(row int) []Cell {
		out := make([]Cell, len(applicantColumns))
		for c, name := range applicantColumns {
			out[c] = Cell{Text: itoa(n.Requests[row][c]), Flag: flagged[name]}
		}
		return out
	}
	g.Body = append(g.Body, append([]Cell{label("一、本年新收政府信息公开申请数量", 3, 1)}, counts(rowNew)...))
	g.Body = append(g.Body, append([]Cell{label("二、上年结转政府信息公开申请数量", 3, 1)}, counts(rowCarriedIn)...))
	row := rowFirstResul
	first := true
	for _, grp := range ResultGroups {
		var cells []Cell
		if first {
			cells = append(cells, label("三、本年度办理结果", 1, len(resultCategories)+1))
			first = false
		}
		if len(grp.Reasons) == 0 {
			text := grp.Label
			if grp.Name == "部分公开" {
				text += "（区分处理的，只计这一情形，不计其他情形）"
			}
			g.Body = append(g.Body, append(append(cells, label(text, 2, 1)), counts(row)...))
			row++
			continue
		}
		for k, reason := range grp.Reasons {
			c := cells
			if k == 0 {
				c = append(c, label(grp.Label, 1, len(grp.Reasons)))
			}
			c = append(c, label(fmt.Sprintf("%d.%s", k+1, reason), 1, 1))
			g.Body = append(g.Body, append(c, counts(row)...))
			cells = nil
			row++
		}
	}
	g.Body = append(g.Body, append([]Cell{label("（七）总计", 2, 1)}, counts(rowResultsTotal)...))
	g.Body = append(g.Body, append([]Cell{label("四、结转下年度继续办理", 3, 1)}, counts(rowCarriedOut)...))
	return g
}

// remedyGrid is table 四 (政府信息公开行政复议、行政诉讼情况).
func remedyGrid(n *National) Grid {
	g := Grid{Caption: "四、政府信息公开行政复议、行政诉讼情况", Cols: 15}
	outcomes := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	first := []Cell{head("行政复议", 5, 1), head("行政诉讼", 10, 1)}
	second := []Cell{}
	for _, o := range outcomes {
		second = append(second, head(o, 1, 2))
	}
	second = append(second, head("未经复议直接起诉", 5, 1), head("复议后起诉", 5, 1))
	var third []Cell
	for range 2 {
		for _, o := range outcomes {
			third = append(third, head(o, 1, 1))
		}
	}
	g.Head = [][]Cell{first, second, third}
	var body []Cell
	for _, proc := range n.Remedies {
		for _, v := range proc {
			body = append(body, num(v))
		}
	}
	g.Body = [][]Cell{body}
	return g
}

// channelGrid counts the year's pieces of information by channel, as seed
// 001 reports them.
func channelGrid(n *National) Grid {
	rows := make([][]string, 0, len(n.ByChannel)+1)
	for _, c := range n.ByChannel {
		rows = append(rows, []string{c.Name, itoa(c.Count)})
	}
	rows = append(rows, []string{"主动公开信息数（不同渠道公开的相同信息计1条）", itoa(n.Published)})
	return simpleGrid("主动公开信息渠道", []string{"公开形式", "信息数（条）"}, rows)
}

// requestChannelGrid counts the year's new requests by 申请方式.
func requestChannelGrid(n *National) Grid {
	rows := make([][]string, 0, len(n.ByRequestChannel)+1)
	total := 0
	for _, c := range n.ByRequestChannel {
		rows = append(rows, []string{c.Name, itoa(c.Count)})
		total += c.Count
	}
	rows = append(rows, []string{"合计", itoa(total)})
	return simpleGrid("本年新收申请的申请方式", []string{"申请方式", "件数"}, rows)
}

// feeGrid is section 六's information-processing fees.
func feeGrid(n *National) Grid {
	return simpleGrid("信息处理费收取情况", []string{"项目", "数量"}, [][]string{
		{"发出收费通知（件）", filedCell(n, "processing_fee_notices").Text},
		{"收取金额（万元）", filedCell(n, "processing_fee_amount").Text},
	})
}

// comparison is one line of the year-on-year table.
type comparison struct {
	name      string
	now, prev int
}

// yearOnYearGrid compares the year's main figures with the previous year's.
func yearOnYearGrid(r *AnnualReport) Grid {
	rows := make([][]string, 0, 5)
	for _, c := range r.comparisons() {
		rows = append(rows, []string{c.name, itoa(c.now), itoa(c.prev), change(c.now, c.prev)})
	}
	return simpleGrid("与上年比较", []string{"项目", fmt.Sprintf("%d年", r.Year), fmt.Sprintf("%d年", r.Year-1), "增减"}, rows)
}

func (r *AnnualReport) comparisons() []comparison {
	now, prev := r.National, r.Previous
	remedies := func(n *National, procs ...int) int {
		t := 0
		for _, p := range procs {
			t += n.Remedies[p][len(RemedyOutcomes)]
		}
		return t
	}
	return []comparison{
		{"主动公开政府信息（条）", now.Published, prev.Published},
		{"本年新收政府信息公开申请（件）", now.Requests[rowNew][totalColumn], prev.Requests[rowNew][totalColumn]},
		{"本年度办结申请（件）", now.Requests[rowResultsTotal][totalColumn], prev.Requests[rowResultsTotal][totalColumn]},
		{"行政复议（件）", remedies(now, procRecon), remedies(prev, procRecon)},
		{"行政诉讼（件）", remedies(now, procDirect, procAfterRecon), remedies(prev, procDirect, procAfterRecon)},
	}
}

// change words the change from prev to now: +3（+12.5%）, −2（−10%）, 持平.
func change(now, prev int) string {
	d := now - prev
	switch {
	case d == 0:
		return "持平"
	case prev == 0:
		return fmt.Sprintf("%+d", d)
	}
	pct := strconv.FormatFloat(100*float64(d)/float64(prev), 'f', 1, 64)
	if len(pct) > 2 && pct[len(pct)-2:] == ".0" {
		pct = pct[:len(pct)-2]
	}
	if d > 0 {
		pct = "+" + pct
	}
	return fmt.Sprintf("%+d（%s%%）", d, pct)
}
