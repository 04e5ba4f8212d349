package monitoring

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// commendShare: the top of each kind commended, the bottom criticised, at
// least one unit each, among kinds of at least three rated units.
const commendShare = 5 // one in five

// bulletinBody words the 通报: what was monitored and how, each kind's
// table of figures and ranks, the units commended (the top of their kind
// with nothing missing or late) and criticised (the bottom of their kind,
// and every unit with a slot or a quarterly report missing, each with what
// it has missing and how much is late), and what is asked.
func bulletinBody(run *Run, lines []Line) ([]documents.Block, error) {
	var rated int
	var sum float64
	var periods []scoring.Period
	for _, l := range lines {
		if !l.Rated() {
			continue
		}
		rated++
		sum += l.Total
		res, err := l.Result()
		if err != nil {
			return nil, err
		}
		for _, slot := range res.NotDue {
			if !slices.Contains(periods, slot.Period) {
				periods = append(periods, slot.Period)
			}
		}
	}
	notDue := notDueWords(periods)
	cut := documents.ChineseDate(run.Cut())
	intro := fmt.Sprintf("根据警务公开工作制度关于定期通报的要求，市公安局政府信息公开工作领导小组办公室以%s为数据截止日期，对%d个单位%s的警务公开工作进行了监测。本次监测只计截至该日已经到期的事项",
		cut, rated, run.Label)
	if notDue != "" {
		intro += "；" + notDue
	}
	blocks := []documents.Block{documents.Paragraph(intro + "。本次监测不计入年度考核结果。现将有关情况通报如下。")}
	avg := 0.0
	if rated > 0 {
		avg = sum / float64(rated)
	}
	blocks = append(blocks, documents.Heading("一、总体情况"),
		documents.Paragraph(fmt.Sprintf("参加监测的%d个单位平均得分%.2f分。各单位得分、缺项和逾期情况及在同类单位中的排名见下表。", rated, avg)))

	blocks = append(blocks, documents.Heading("二、各单位情况"))
	var commended, criticised []string
	for _, kind := range kindsOf(lines) {
		var rows [][]string
		var group []Line
		for _, l := range lines {
			if l.Kind == kind && l.Rated() {
				group = append(group, l)
				rows = append(rows, []string{fmt.Sprintf("%d", l.Rank), l.Name, fmt.Sprintf("%.2f", l.Total), fmt.Sprintf("%d", l.Missing), fmt.Sprintf("%d", l.Late)})
			}
		}
		if len(rows) == 0 {
			continue
		}
		blocks = append(blocks, documents.Paragraph(fmt.Sprintf("%s（%d个）：", kindName(kind), len(rows))),
			documents.Table([]string{"排名", "单位", "得分", "缺项", "逾期"}, rows))
		c, k := commendations(group)
		commended, criticised = append(commended, c...), append(criticised, k...)
	}
	for _, l := range lines {
		if !l.Rated() || slices.Contains(criticised, l.Name) {
			continue
		}
		if named, err := slotsMissing(l); err != nil {
			return nil, err
		} else if named {
			criticised = append(criticised, l.Name)
		}
	}

	blocks = append(blocks, documents.Heading("三、表扬"))
	if len(commended) == 0 {
		blocks = append(blocks, documents.Paragraph("本次监测没有各项工作均按时完成、在同类单位中名列前茅的单位。"))
	} else {
		blocks = append(blocks, documents.Paragraph(fmt.Sprintf("%s按时完成截至%s到期的各项公开工作，在同类单位中名列前茅，予以表扬。", strings.Join(commended, "、"), cut)))
	}
	blocks = append(blocks, documents.Heading("四、批评"))
	if len(criticised) == 0 {
		blocks = append(blocks, documents.Paragraph("本次监测没有需要批评的单位。"))
	} else {
		var named []string // in the order of the tables
		for _, l := range lines {
			if slices.Contains(criticised, l.Name) {
				named = append(named, l.Name)
			}
		}
		blocks = append(blocks, documents.Paragraph(fmt.Sprintf("%s在同类单位中排名靠后，或有到期未公开的目录事项、未报送的季度报表，予以批评：", strings.Join(named, "、"))))
		for _, l := range lines {
			if !slices.Contains(criticised, l.Name) {
				continue
			}
			missing, err := missingOf(l)
			if err != nil {
				return nil, err
			}
			text := fmt.Sprintf("%s：得分%.2f，同类第%d名（共%d个）", l.Name, l.Total, l.Rank, l.KindRated)
			if len(missing) > 0 {
				text += "；缺项：" + strings.Join(missing, "；")
			}
			if l.Late > 0 {
				text += fmt.Sprintf("；逾期%d项", l.Late)
			}
			blocks = append(blocks, documents.Paragraph(text+"。"))
		}
	}
	blocks = append(blocks, documents.Heading("五、工作要求"),
		documents.Paragraph("各单位要对照本通报逐项整改缺项和逾期事项，整改情况于下一次监测时一并核查；尚未到期的年度公开事项要按时完成，确保年度考核不失分。"))
	return blocks, nil
}

// notDueWords says which slots a run set aside as not yet due, over all
// its units: those of the periods still running, then the 及时 and 长期
// ones, which are due by the end of the year.
func notDueWords(periods []scoring.Period) string {
	slices.SortFunc(periods, func(a, b scoring.Period) int { return cmp.Compare(a.End, b.End) })
	var running, yearly []string
	for _, p := range periods {
		switch p.Kind {
		case scoring.PeriodStanding:
			yearly = append(yearly, "长期公开")
		case scoring.PeriodYear:
			yearly = append([]string{"及时公开"}, yearly...)
		default:
			running = append(running, i18n.Word(i18n.Chinese, p.Text()))
		}
	}
	var parts []string
	if len(running) > 0 {
		parts = append(parts, strings.Join(running, "、")+"的事项")
	}
	if len(yearly) > 0 {
		parts = append(parts, strings.Join(yearly, "、")+"事项（年底前到期）")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "和") + "尚未到期，本次不计"
}

// commendations picks in a kind's rated lines (ranked best first) the top
// share with nothing missing or late, and the bottom share, in kinds of at
// least three units.
func commendations(group []Line) (commended, criticised []string) {
	if len(group) < 3 {
		return nil, nil
	}
	n := max(1, len(group)/commendShare)
	for _, l := range group[:n] {
		if l.Missing == 0 && l.Late == 0 {
			commended = append(commended, l.Name)
		}
	}
	for _, l := range group[len(group)-n:] {
		if l.Total < group[0].Total {
			criticised = append(criticised, l.Name)
		}
	}
	return commended, criticised
}

// slotsMissing reports whether a line has a slot due and empty or void,
// or a quarterly report due and not filed.
func slotsMissing(l Line) (bool, error) {
	res, err := l.Result()
	if err != nil {
		return false, err
	}
	for _, ind := range res.Indicators {
		for _, ded := range ind.Deductions {
			switch ded.Kind {
			case scoring.DeductSlotUnfilled, scoring.DeductSlotVoidQuarter, scoring.DeductQuarterlyMissing:
				return true, nil
			}
		}
	}
	return false, nil
}

// missingOf words a line's duties due and not done: each slot by its item
// and period, the others counted by kind (missingKinds).
func missingOf(l Line) ([]string, error) {
	res, err := l.Result()
	if err != nil {
		return nil, err
	}
	var slots []string
	counts := map[scoring.DeductionKind]int{}
	for _, ind := range res.Indicators {
		for _, ded := range ind.Deductions {
			switch ded.Kind {
			case scoring.DeductSlotUnfilled, scoring.DeductSlotVoidQuarter:
				slots = append(slots, i18n.Word(i18n.Chinese, ded.Message()))
			default:
				counts[ded.Kind]++
			}
		}
	}
	out := slots
	for _, m := range missingKinds {
		if n := counts[m.kind]; n > 0 && m.words != "" {
			out = append(out, fmt.Sprintf(m.words, n))
		}
	}
	return out, nil
}

// kindsOf lists the kinds of the lines in their order (SortLines puts
// them in the order of models.DepartmentKinds).
func kindsOf(lines []Line) []string {
	var out []string
	for _, l := range lines {
		if !slices.Contains(out, l.Kind) {
			out = append(out, l.Kind)
		}
	}
	return out
}

// kindName names a kind in the 通报; a unit without one is 其他单位.
func kindName(k string) string {
	if k == "" {
		return "其他单位"
	}
	return k
}
