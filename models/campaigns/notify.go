package campaigns

import (
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
)

// tell puts a campaign's news in the inboxes, inside the step's
// transaction: the leading group when the office submits, the units with a
// part when the leading group approves, the units of a phase when its 通报
// is issued.
func tell(tx *models.Tx, c *Campaign, step Step, now time.Time) error {
	link := fmt.Sprintf("/campaigns/%d", c.ID)
	switch step {
	case Submit:
		m := notify.Message{Kind: notify.KindNotice, Subject: "campaign.notify.submitted", Args: []string{c.Title}, Link: link, Ref: fmt.Sprintf("campaign:%d:submit", c.ID)}
		return notify.ToAction(tx, models.ActApproveCampaign, m, now)
	case Approve:
		var depts []uint
		err := tx.DB.Model(&Assignment{}).Distinct("campaign_assignments.department_id").
			Joins("JOIN campaign_tasks t ON t.id = campaign_assignments.task_id").Where("t.campaign_id = ?", c.ID).
			Pluck("campaign_assignments.department_id", &depts).Error
		if err != nil {
			return fmt.Errorf("read the campaign's units: %w", err)
		}
		return toUnits(tx, depts, notify.Message{Kind: notify.KindNotice, Subject: "campaign.notify.approved", Args: []string{c.Title}, Link: link,
			Ref: fmt.Sprintf("campaign:%d:approve", c.ID)}, now)
	}
	return nil
}

// tellBulletin tells the units of a checked phase that its 通报 is issued.
func tellBulletin(tx *models.Tx, c *Campaign, ps []Part, number string, now time.Time) error {
	var depts []uint
	seen := map[uint]bool{}
	for _, p := range ps {
		if !seen[p.DepartmentID] {
			seen[p.DepartmentID] = true
			depts = append(depts, p.DepartmentID)
		}
	}
	return toUnits(tx, depts, notify.Message{Kind: notify.KindNotice, Subject: "campaign.notify.bulletin", Args: []string{number, c.Title},
		Link: fmt.Sprintf("/campaigns/%d", c.ID), Ref: "campaign_bulletin:" + number}, now)
}

func toUnits(tx *models.Tx, depts []uint, m notify.Message, now time.Time) error {
	for _, d := range depts {
		if err := notify.ToDepartment(tx, d, models.ActReportCampaign, m, now); err != nil {
			return err
		}
	}
	return nil
}
