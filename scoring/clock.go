package scoring

// clock runs the calendar for one scoring worker and remembers the years it
// had to count weekends-only, so that Score can disclose them.
type clock struct {
	cal  *Calendar
	gaps map[int]bool
}

func newClock(cal *Calendar) *clock { return &clock{cal: cal, gaps: make(map[int]bool)} }

// touch records the years of [from, to] that have no holiday notice.
func (c *clock) touch(from, to Date) {
	if from.IsZero() || to < from {
		return
	}
	for y := from.Year(); y <= to.Year(); y++ {
		if !c.cal.HasYear(y) {
			c.gaps[y] = true
		}
	}
}

func (c *clock) due(d Date, n int) Date {
	due := c.cal.Due(d, n)
	c.touch(d, due)
	return due
}

func (c *clock) workingDays(from, to Date) int {
	c.touch(from, to)
	return c.cal.WorkingDays(from, to)
}

func (c *clock) late(due, done Date) int {
	c.touch(due, done)
	return c.cal.WorkingDaysLate(due, done)
}
