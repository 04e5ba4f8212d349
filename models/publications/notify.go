package publications

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
)

// workLink is where a work is done: its page.
func workLink(w *Work) string { return fmt.Sprintf("/publications/%d", w.ID) }

// shortTitle is the work's title as a notification names it, within the
// bounds of what a notification stores.
func shortTitle(w *Work) string { return truncate(w.Title, 80) }

// notifyNextStep tells the holders of the step after step n that the
// review waits for them (issue 26: a step to sign in a review), inside the
// signing's transaction: step 2 the document's department's heads, step 4
// the secrecy committee office's clerks and heads, steps 3 and 5 the
// supervising leaders. After step 5 nothing waits.
func notifyNextStep(tx *models.Tx, w *Work, n int, now time.Time) error {
	next := n + 1
	if next > Steps {
		return nil
	}
	m := notify.Message{Kind: notify.KindNotice, Subject: "publications.notify.step", Args: []string{shortTitle(w), strconv.Itoa(next)},
		Link: workLink(w) + "#review", Ref: fmt.Sprintf("review:%d:%d", w.ID, next), Required: true}
	users, err := stepHolders(tx, w, next)
	if err != nil {
		return err
	}
	return notify.In(tx, m, now, users...)
}

// stepHolders are the accounts that may sign step n of w's review: step 2
// the document's department's heads, step 4 the secrecy committee office's
// clerks and heads (none while no office is marked: the office's page says
// so), steps 3 and 5 the supervising leaders.
func stepHolders(tx *models.Tx, w *Work, n int) ([]uint, error) {
	switch n {
	case 2:
		return notify.Holders(tx, StepAction(n), w.DepartmentID)
	case 4:
		var office []uint
		if err := tx.DB.Model(&models.Department{}).Where("secrecy_office = ?", true).Limit(1).Pluck("id", &office).Error; err != nil {
			return nil, fmt.Errorf("read secrecy office: %w", err)
		}
		if len(office) == 0 {
			return nil, nil
		}
		return notify.Holders(tx, StepAction(n), office[0])
	}
	return notify.Holders(tx, StepAction(n), 0)
}

// notifyConsulted tells the asked department's accounts that answer
// coordinations that a letter waits for their answer (issue 26: a
// coordination to answer), inside the sending's transaction.
func notifyConsulted(tx *models.Tx, w *Work, asked uint, now time.Time) error {
	var from models.Department
	if err := tx.DB.Select("id", "name").First(&from, w.DepartmentID).Error; err != nil {
		return fmt.Errorf("read department: %w", err)
	}
	m := notify.Message{Kind: notify.KindNotice, Subject: "publications.notify.consult", Args: []string{from.Name, shortTitle(w)},
		Link: workLink(w) + "#coordination", Ref: fmt.Sprintf("consult:%d:%d", w.ID, asked), Required: true}
	return notify.ToDepartment(tx, asked, models.ActWorkPublication, m, now)
}

// notifyDisagreement tells the office that a department disagreed, for
// it to settle (发布协调制度 art. 11), inside the answer's transaction.
func notifyDisagreement(tx *models.Tx, w *Work, asked uint, now time.Time) error {
	var by models.Department
	if err := tx.DB.Select("id", "name").First(&by, asked).Error; err != nil {
		return fmt.Errorf("read department: %w", err)
	}
	m := notify.Message{Kind: notify.KindNotice, Subject: "publications.notify.disagree", Args: []string{by.Name, shortTitle(w)},
		Link: workLink(w) + "#coordination", Ref: fmt.Sprintf("settle:%d:%d", w.ID, asked), Required: true}
	return notify.ToAction(tx, models.ActReviewPublication, m, now)
}
