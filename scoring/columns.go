package scoring

import (
	"math/big"
	"slices"
	"time"
)

// Website columns (栏目) and their cadence. Seed 000 asks for at least two
// posts a week per website column; the national 政府网站与政务新媒体检查指标
// count a column as not updated (栏目不更新) when a dynamic column (动态、要闻)
// has gone more than two weeks without a post, or a notice or policy
// column (通知公告、政策文件) more than six months. A4, with the scheme's
// per-column setting, and the optional A6 score each column against its
// cadence; the office's home lists the columns gone stale today.

// The cadences of a column.
const (
	CadenceDynamic = "动态"   // updated within 2 weeks
	CadenceNotice  = "通知公告" // within 6 months
	CadencePolicy  = "政策文件" // within 6 months
)

// ColumnCadences lists the cadences a column may have, in display order.
var ColumnCadences = []string{CadenceDynamic, CadenceNotice, CadencePolicy}

// ColumnPost is a publication posted in a column, for a Scorer's frame:
// the batches' publications are only their own departments', and a
// column's posts are anyone's.
type ColumnPost struct {
	Column    uint
	Published Date
}

// Column is a column (栏目) of a channel, owned by a department.
type Column struct {
	ID      uint
	Dept    uint // the owning department, scored for it
	Name    string
	Channel string
	Cadence string // one of ColumnCadences
}

// ColumnFreshUntil is the last day a column of cadence last posted on last
// is still up to date: 14 days after a dynamic column's post, 6 calendar
// months after the others' (a post on 31 August keeps a column up to date
// until the end of February). Zero when there was no post.
func ColumnFreshUntil(cadence string, last Date) Date {
	if last.IsZero() {
		return 0
	}
	if cadence == CadenceDynamic {
		return last + 14
	}
	y, m, d := last.civil()
	m += 6
	if m > 12 {
		y, m = y+1, m-12
	}
	return NewDate(y, time.Month(m), min(d, daysIn(y, m)))
}

// ColumnState is how a column stands on a day.
type ColumnState string

// The states of a column.
const (
	ColumnFresh ColumnState = "fresh" // its last post is within its cadence
	ColumnStale ColumnState = "stale" // 栏目不更新: its last post is older than its cadence
	ColumnEmpty ColumnState = "empty" // no post ever
)

// ColumnStateOn says how a column of cadence whose last post on or before
// day is last stands on day.
func ColumnStateOn(cadence string, last, day Date) ColumnState {
	switch {
	case last.IsZero() || last > day:
		return ColumnEmpty
	case day > ColumnFreshUntil(cadence, last):
		return ColumnStale
	}
	return ColumnFresh
}

// LastPost is the latest of the sorted dates on or before day; zero when
// there is none.
func LastPost(sorted []Date, day Date) Date {
	n, _ := slices.BinarySearch(sorted, day+1)
	if n == 0 {
		return 0
	}
	return sorted[n-1]
}

// The deductions of the columns.
const (
	DeductColumnStaleWeeks DeductionKind = "column_stale_weeks" // A4 per column: weeks the column ended out of date
	DeductColumnStale      DeductionKind = "column_stale"       // A6: out of date at the year's end
	DeductColumnEmpty      DeductionKind = "column_empty"       // A6: never posted to
)

// groupColumns sorts the columns by owning department and collects each
// column's post dates (the publications naming it, whoever published
// them, withheld ones aside, and the further posts of in.ColumnPosts),
// ascending.
func (x *index) groupColumns(in *Input) error {
	var err error
	x.columns, err = groupByDept(in.Columns, func(c *Column) (uint, uint) { return c.Dept, c.ID }, x.deptOf, "栏目")
	if err != nil {
		return err
	}
	at := make(map[uint]int, len(in.Columns))
	for k, c := range in.Columns {
		at[c.ID] = k
	}
	x.posts = make([][]Date, len(in.Columns))
	for _, p := range in.Publications {
		if k, ok := at[p.Column]; ok && p.Column != 0 && !p.Withheld && !p.Published.IsZero() {
			x.posts[k] = append(x.posts[k], p.Published)
		}
	}
	for _, p := range in.ColumnPosts {
		if k, ok := at[p.Column]; ok && !p.Published.IsZero() {
			x.posts[k] = append(x.posts[k], p.Published)
		}
	}
	for _, dates := range x.posts {
		slices.Sort(dates)
	}
	return nil
}

// websiteColumns lists the department's columns on the channel A4 watches.
func (d *deptRun) websiteColumns() []int32 {
	var out []int32
	for _, k := range d.idx.columns.of(d.i) {
		if d.in.Columns[k].Channel == d.in.Scheme.Params.Website.Channel {
			out = append(out, k)
		}
	}
	return out
}

// columnWeeks scores A4 per column (params.A4.per_column): over the
// department's website columns and the weeks A4 counts, a column-week is
// good when the column is up to date at the week's Sunday (its last post
// within its cadence). A week still running at the as-of date is judged
// on the as-of date, and counts once good, else is left aside. The weeks
// a column ended out of date are explained in runs, one line a run.
func columnWeeks(d *deptRun, columns []int32, points *big.Rat) []Deduction {
	first, weeks := websiteWeeks(d.in.Year)
	var t tally
	for _, k := range columns {
		c := &d.in.Columns[k]
		for w := range weeks {
			week := weekPeriod(first + Date(7*w))
			if !d.over(week.Start) {
				break
			}
			day := min(week.End, d.in.AsOf)
			last := LastPost(d.idx.posts[k], day)
			state := ColumnStateOn(c.Cadence, last, day)
			switch {
			case state == ColumnFresh:
				t.pass()
			case !d.over(week.End):
			default:
				t.fail(Deduction{Kind: DeductColumnStaleWeeks, Title: c.Name, Channel: c.Channel, Period: week, On: last, Count: 1})
			}
		}
	}
	return mergeWeeks(t.deductions(points))
}

// mergeWeeks joins the lines of one column's consecutive weeks into one
// line over their span, with their points summed and Count the weeks.
func mergeWeeks(lines []Deduction) []Deduction {
	var out []Deduction
	for _, l := range lines {
		if n := len(out); n > 0 && out[n-1].Title == l.Title && out[n-1].Channel == l.Channel && out[n-1].Period.End+1 == l.Period.Start {
			prev := &out[n-1]
			prev.Period.End = l.Period.End
			prev.Points = new(big.Rat).Add(prev.Points, l.Points)
			prev.Count++
			prev.On = max(prev.On, l.On)
			continue
		}
		out = append(out, l)
	}
	return out
}

// columnUpkeep scores A6: points × columns up to date on the year's last
// day (the as-of date, if earlier) / the department's columns, of every
// channel (none: full points).
func columnUpkeep(d *deptRun, points *big.Rat) []Deduction {
	day := min(d.year.End, d.in.AsOf)
	var t tally
	for _, k := range d.idx.columns.of(d.i) {
		c := &d.in.Columns[k]
		last := LastPost(d.idx.posts[k], day)
		line := Deduction{Title: c.Name, Channel: c.Channel, On: last}
		switch ColumnStateOn(c.Cadence, last, day) {
		case ColumnFresh:
			t.pass()
		case ColumnStale:
			line.Kind, line.Due = DeductColumnStale, ColumnFreshUntil(c.Cadence, last)
			t.fail(line)
		default:
			line.Kind = DeductColumnEmpty
			t.fail(line)
		}
	}
	return t.deductions(points)
}

// columnMessage explains the columns' deductions.
func (d Deduction) columnMessage() Text {
	switch d.Kind {
	case DeductColumnStaleWeeks:
		if d.On.IsZero() {
			return text("deduct.column_weeks_empty", d.Channel, d.Title, d.Period.Start, d.Period.End, d.Count)
		}
		return text("deduct.column_weeks_stale", d.Channel, d.Title, d.Period.Start, d.Period.End, d.Count, d.On)
	case DeductColumnStale:
		return text("deduct.column_stale", d.Channel, d.Title, d.On, d.Due)
	case DeductColumnEmpty:
		return text("deduct.column_empty", d.Channel, d.Title)
	}
	return text("deduct.unknown", string(d.Kind))
}
