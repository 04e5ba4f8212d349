package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/scoring"
)

// demoColumns registers the demo bureau's website columns (栏目) as the
// office would, through the columns' Store, and puts publications in them:
//   - a dynamic column (动态) of the department with the most website posts
//     in the four weeks before today, holding those posts: up to date;
//   - a notice column (通知公告) of another department holding its website
//     posts of the last five months: up to date;
//   - a dynamic column 警务资讯 of a third department holding two of its
//     website posts of one to four months ago: not updated (栏目不更新);
//   - a policy column (政策文件) never posted to: an empty column.
//
// The office's home lists the last two.
func demoColumns(ctx context.Context, store *models.Store, today time.Time) error {
	var pubs []models.Publication
	err := store.DB.WithContext(ctx).Select("id", "department_id", "published").
		Where("channel = ? AND published BETWEEN ? AND ?", "网站", today.AddDate(0, -5, 0), today).
		Order("published DESC, id").Find(&pubs).Error
	if err != nil {
		return fmt.Errorf("read website posts: %w", err)
	}
	var depts []models.Department
	if err := store.DB.WithContext(ctx).Order("code").Find(&depts).Error; err != nil {
		return fmt.Errorf("read departments: %w", err)
	}
	if len(depts) < 4 {
		return nil
	}
	recent := map[uint]int{}
	for _, p := range pubs {
		if !p.Published.Before(today.AddDate(0, 0, -28)) {
			recent[p.DepartmentID]++
		}
	}
	busiest := depts[0]
	for _, d := range depts {
		if recent[d.ID] > recent[busiest.ID] {
			busiest = d
		}
	}
	var others []models.Department
	for _, d := range depts {
		if d.ID != busiest.ID {
			others = append(others, d)
		}
	}
	cs := columns.New(store)
	v := models.System
	put := func(col *columns.Column, dept uint, from, to time.Time, most int) error {
		n := 0
		for _, p := range pubs {
			if p.DepartmentID != dept || p.Published.Before(from) || p.Published.After(to) || n == most {
				continue
			}
			if err := cs.Assign(ctx, v, p.ID, col.ID); err != nil {
				return fmt.Errorf("demo column post: %w", err)
			}
			n++
		}
		return nil
	}
	for _, c := range []struct {
		name, cadence string
		dept          models.Department
		from, to      time.Time
		most          int
	}{
		{busiest.Name + "工作动态", scoring.CadenceDynamic, busiest, today.AddDate(0, 0, -28), today, 40},
		{"通知公告", scoring.CadenceNotice, others[0], today.AddDate(0, -5, 0), today, 20},
		{"警务资讯", scoring.CadenceDynamic, others[1], today.AddDate(0, -4, 0), today.AddDate(0, -1, 0), 2},
		{"政策解读", scoring.CadencePolicy, others[2], today, today.AddDate(0, 0, -1), 0},
	} {
		col, err := cs.Create(ctx, v, columns.Input{Name: c.name, Channel: "网站", DepartmentID: c.dept.ID, Cadence: c.cadence})
		if err != nil {
			return fmt.Errorf("demo column %s: %w", c.name, err)
		}
		if err := put(col, c.dept.ID, c.from, c.to, c.most); err != nil {
			return err
		}
	}
	return nil
}
