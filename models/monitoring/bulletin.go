package monitoring

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// The 通报 of a monitoring run: a numbered document of the leading group's
// office, about the run, which the office may put on the public site.
const (
	BulletinKind    = "monitoring_bulletin"
	BulletinSubject = "monitoring_run"
	BulletinSeries  = "公开监通"
	Issuer          = "市公安局政府信息公开工作领导小组办公室"
	// Addressees: every unit monitored.
	Addressees = "各分县局，市局各部门"
)

// IssueBulletin issues the run's 通报, dated on (the office). A run has
// one: a second is refused in Chinese; a correction is CorrectBulletin.
func (s *Store) IssueBulletin(ctx context.Context, v models.Viewer, runID uint, on scoring.Date) (*documents.Document, error) {
	return s.bulletin(ctx, v, runID, on, "")
}

// CorrectBulletin issues a new 通报 of the run that corrects the one in
// force (documents.Corrects), saying why; the run's 通报 is then the new
// one. The corrected document stays as it was issued.
func (s *Store) CorrectBulletin(ctx context.Context, v models.Viewer, runID uint, on scoring.Date, reason string) (*documents.Document, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, models.Invalid("reason", "monitor.refuse.reason")
	}
	return s.bulletin(ctx, v, runID, on, reason)
}

func (s *Store) bulletin(ctx context.Context, v models.Viewer, runID uint, on scoring.Date, correction string) (*documents.Document, error) {
	if !v.Can(models.ActIssueBulletin) {
		return nil, models.ErrForbidden
	}
	run, err := s.Get(ctx, v, runID)
	if err != nil {
		return nil, err
	}
	if on < run.Cut() {
		return nil, models.Invalid("date", "monitor.refuse.date_before_cut", documents.ChineseDate(run.Cut()))
	}
	lines, err := s.Lines(ctx, models.System, runID, true)
	if err != nil {
		return nil, err
	}
	body, err := bulletinBody(run, lines)
	if err != nil {
		return nil, err
	}
	var d *documents.Document
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		var cur Run
		if err := tx.ForUpdate().First(&cur, runID).Error; err != nil {
			return models.NotFound(err, "read monitoring run")
		}
		in := documents.Issue{Kind: BulletinKind, Series: BulletinSeries, Year: on.Year(), Subject: BulletinSubject, SubjectID: runID}
		title := fmt.Sprintf("关于%s警务公开工作监测情况的通报", cur.Label)
		blocks, corrected := body, ""
		switch {
		case correction == "" && cur.BulletinID != 0:
			old, err := documents.Get(ctx, tx.DB, cur.BulletinID)
			if err != nil {
				return err
			}
			return models.Invalid("run", "monitor.refuse.bulletin_issued", cur.Label, old.Number)
		case correction != "" && cur.BulletinID == 0:
			return models.Invalid("run", "monitor.refuse.no_bulletin")
		case correction != "":
			old, err := documents.Get(ctx, tx.DB, cur.BulletinID)
			if err != nil {
				return err
			}
			in.RefID, in.Relation, corrected = old.ID, documents.Corrects, old.Number
			title = fmt.Sprintf("关于更正%s的通报", old.Number)
			blocks = append([]documents.Block{documents.Paragraph(fmt.Sprintf("我办于%s印发的《%s》（%s）有误：%s。现更正如下，原通报同时作废。",
				documents.ChineseDate(old.Date()), old.Title, old.Number, correction))}, body...)
		}
		in.Content = documents.Content{Issuer: Issuer, Title: title, To: Addressees, Body: blocks, Signer: Issuer, Date: on,
			CopyTo: "市公安局政府信息公开工作领导小组", PrintedBy: Issuer}
		var err error
		if d, err = documents.IssueIn(tx, in); err != nil {
			return err
		}
		if err := tx.DB.Model(&Run{}).Where("id = ?", runID).Update("bulletin_id", d.ID).Error; err != nil {
			return fmt.Errorf("record the 通报 of run %d: %w", runID, err)
		}
		var before map[string]any
		if in.RefID != 0 {
			before = map[string]any{"name": cur.Label, "number": corrected}
		}
		return tx.Record("issue", "monitoring_run", runID, before, map[string]any{"name": cur.Label, "number": d.Number})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// PostBulletin puts the run's 通报 in force on the public site (the
// office), once (documents.Post refuses a second posting).
func (s *Store) PostBulletin(ctx context.Context, v models.Viewer, runID uint, now time.Time) error {
	if !v.Can(models.ActIssueBulletin) {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var cur Run
		if err := tx.ForUpdate().First(&cur, runID).Error; err != nil {
			return models.NotFound(err, "read monitoring run")
		}
		if cur.BulletinID == 0 {
			return models.Invalid("run", "monitor.refuse.no_bulletin")
		}
		return documents.Post(tx, cur.BulletinID, now)
	})
}

// Bulletins lists the 通报 issued about a run, oldest first.
func (s *Store) Bulletins(ctx context.Context, v models.Viewer, runID uint) ([]documents.Document, error) {
	if !v.Can(models.ActReadMonitoring) {
		return nil, models.ErrForbidden
	}
	return documents.Of(ctx, s.DB, BulletinSubject, runID)
}

// Posted reports whether document id is on the public site.
func (s *Store) Posted(ctx context.Context, id uint) (bool, error) {
	if id == 0 {
		return false, nil
	}
	posted, err := documents.Postings(ctx, s.DB, BulletinKind)
	if err != nil {
		return false, err
	}
	for _, p := range posted {
		if p.ID == id {
			return true, nil
		}
	}
	return false, nil
}

// commendShare: the top of each kind commended, the bottom criticised, at
// least one unit each, among kinds of at least three rated units.
const commendShare = 5 // one in five

// bulletinBody words the 通报: what was monitored and how, each kind's
// table of figures and ranks, the units commended (the top of their kind
// with nothing missing) and criticised (the bottom of their kind, and every
// unit with duties missing, with what is missing), and what is asked.
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

// Bulletin reads a 通报 of run runID with its page and DOCX; ErrNotFound
// when the document is not one of the run's.
func (s *Store) Bulletin(ctx context.Context, v models.Viewer, runID, docID uint) (*documents.Document, error) {
	if !v.Can(models.ActReadMonitoring) {
		return nil, models.ErrForbidden
	}
	d, err := documents.Get(ctx, s.DB, docID)
	if err != nil {
		return nil, err
	}
	if d.Kind != BulletinKind || d.Subject != BulletinSubject || d.SubjectID != runID {
		return nil, models.ErrNotFound
	}
	return d, nil
}
