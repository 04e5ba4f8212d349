package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/publications"
)

// demoPubObjections has 刑警支队, which disagreed with the notice on
// fireworks that went out unsettled, object to it (异议, 发布协调制度 art.
// 12) three days ago: the office finds it on its home, to answer.
func demoPubObjections(ctx context.Context, store *models.Store, today time.Time) error {
	var u models.User
	if err := store.DB.WithContext(ctx).Where("username = ?", DemoHeadUsername(demoPubAsked)).First(&u).Error; err != nil {
		return fmt.Errorf("demo account %s: %w", DemoHeadUsername(demoPubAsked), err)
	}
	var w publications.Work
	if err := store.DB.WithContext(ctx).Where("title = ?", "关于烟花爆竹燃放安全管理的通告").First(&w).Error; err != nil {
		return fmt.Errorf("demo objection's document: %w", err)
	}
	return publications.New(store).Object(ctx, u.Viewer(), w.ID, "该通告公布的禁放区域与我部门在办案件的管控范围不一致，且未经协调即发布，请予撤回。", today.AddDate(0, 0, -3))
}
