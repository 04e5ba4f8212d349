package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// BeforeWorkDays is how far ahead the first reminder of a deadline goes:
// within 3 working days of it.
const BeforeWorkDays = 3

// A deadline's reminder stages.
const (
	StageBefore  = "before"  // due within BeforeWorkDays working days
	StageDue     = "due"     // due today
	StageOverdue = "overdue" // past due; a week of working days later again, as overdue.N
)

// Stage is the reminder a deadline due on due earns on today, with the
// working-day calendar: 3 working days before, on the day, when overdue,
// then every 5 working days (weekly); "" when none. week is how many weeks
// the deadline is overdue (0 the first days), which escalates it.
func Stage(cal *scoring.Calendar, today, due scoring.Date) (stage string, week int) {
	switch {
	case due.IsZero():
		return "", 0
	case today == due:
		return StageDue, 0
	case today < due:
		if cal.WorkingDays(today+1, due) <= BeforeWorkDays {
			return StageBefore, 0
		}
		return "", 0
	}
	late := cal.WorkingDaysLate(due, today)
	if late < 1 {
		// a day off after the due date: the first working day reminds
		return "", 0
	}
	week = (late - 1) / 5
	if week == 0 {
		return StageOverdue, 0
	}
	return fmt.Sprintf("%s.%d", StageOverdue, week), week
}

// Reminder is a deadline reminder sent: its (item, stage) is unique, so a
// reminder goes once, across restarts and across instances running the pass
// at the same moment.
type Reminder struct {
	ID     uint      `gorm:"primaryKey"`
	Item   string    `gorm:"size:128;not null;uniqueIndex:uk_notify_reminder,priority:1"`
	Stage  string    `gorm:"size:16;not null;uniqueIndex:uk_notify_reminder,priority:2"`
	SentAt time.Time `gorm:"not null"`
}

// TableName names the table.
func (Reminder) TableName() string { return "notify_reminders" }

// item names a deadline for its reminders.
func item(d clocks.Deadline) string {
	s := fmt.Sprintf("%s:%d:%d", d.Kind, d.DepartmentID, d.RecordID)
	if d.RecordID == 0 {
		s += ":" + d.Title
	}
	if len(s) > 128 {
		s = s[:128]
	}
	return s
}

// actor is the action of the accounts that work a deadline of kind: a
// request's handlers (the department's head and clerk, who read its
// requester), else the head, who files for the department.
func actor(kind string) models.Action {
	if kind == "request" {
		return models.ActReadApplicant
	}
	return models.ActFileForDepartment
}

// Remind runs one pass over deadlines on now: each earns its stage's
// reminder once. The department's people who act on it are told before and
// on the day; once overdue its head is told too, and from the second week
// the office's list. It returns how many reminders this pass sent.
func (s *Store) Remind(ctx context.Context, cal *scoring.Calendar, deadlines []clocks.Deadline, now time.Time) (int, error) {
	today := scoring.DateOf(now)
	sent := 0
	for _, d := range deadlines {
		stage, week := Stage(cal, today, d.Due)
		if stage == "" {
			continue
		}
		done := false
		err := s.Audited(ctx, models.System, func(tx *models.Tx) error {
			done = false
			// The unique (item, stage) claims it: a duplicate is a reminder
			// sent before, here or by another instance, and fails the one
			// statement, not the transaction, on both engines. (MySQL
			// counts a row for ON DUPLICATE KEY UPDATE id=id, so an
			// insert-ignore would not say which instance claimed it.)
			err := tx.DB.Create(&Reminder{Item: item(d), Stage: stage, SentAt: now.UTC()}).Error
			switch {
			case models.IsDuplicate(err):
				return nil
			case err != nil:
				return fmt.Errorf("claim reminder: %w", err)
			}
			done = true
			return deadlineNotice(tx, d, stage, week, now)
		})
		if err != nil {
			return sent, err
		}
		if done {
			sent++
		}
	}
	return sent, nil
}

// deadlineNotice tells whom a stage concerns.
func deadlineNotice(tx *models.Tx, d clocks.Deadline, stage string, week int, now time.Time) error {
	subject := "notify.deadline." + stage
	if week > 0 {
		subject = "notify.deadline.overdue_weeks"
	}
	m := Message{Kind: KindDeadline, Subject: subject, Args: []string{Phrase("deadline." + d.Kind), d.Title, d.Due.String()},
		Link: deadlineLink(d), Required: true}
	if week > 0 {
		m.Args = append(m.Args, fmt.Sprint(week))
	}
	actions := []models.Action{actor(d.Kind)}
	if stage != StageBefore && stage != StageDue {
		actions = append(actions, models.ActFileForDepartment) // the head
	}
	var users []uint
	for _, a := range actions {
		us, err := Holders(tx, a, d.DepartmentID)
		if err != nil {
			return err
		}
		users = append(users, us...)
	}
	if week > 0 {
		office, err := Holders(tx, models.ActAdminister, 0)
		if err != nil {
			return err
		}
		users = append(users, office...)
	}
	return In(tx, m, now, users...)
}

// deadlineLink is where a deadline is acted on.
func deadlineLink(d clocks.Deadline) string {
	if d.URL != "" {
		return d.URL
	}
	if d.RecordID == 0 {
		return "/"
	}
	return fmt.Sprintf("/records/%s/%d", d.RecordKind(), d.RecordID)
}
