package seed

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/campaigns"
	"github.com/gongkai/gongkai/scoring"
)

// demoCampaignTitle is seed 002's plan, run as the demo's campaign.
const demoCampaignTitle = "关于进一步推进全市公安机关政务公开工作实施方案"

// demoCampaign runs seed 002's plan (市公安局关于进一步推进政务公开工作的实施方案)
// as a campaign through the campaigns' Store, its four phases moved so that
// they end 31, 21 and 11 days before today and 19 days after it: the first
// two checked, their 通报 issued (the first posted on /public), the third
// ended and waiting for the office's check, the fourth under way. Its ten
// categories of information are the second phase's tasks, with the plan's
// lead and responsible units as the demo bureau names them; 刑警支队 is
// behind (未完成 in both phases checked), 交警支队 partly, and 沭阳县公安局
// never reported on the third phase's check.
func demoCampaign(ctx context.Context, store *models.Store, users map[string]models.Viewer, today time.Time) error {
	day := func(n int) string { return scoring.DateOf(today.AddDate(0, 0, n)).String() }
	phases := strings.Join([]string{
		"调研梳理阶段｜" + day(-40) + "｜" + day(-31) + "｜分警种开展公安机关政务公开工作调研，组织编写本警种市、县、所（队）三级公安机关政务公开信息目录",
		"集中填报阶段｜" + day(-31) + "｜" + day(-21) + "｜根据梳理的政务公开目录，集中填报、公开和更新一批政务公开信息，向市局政务公开办公室报送有关情况",
		"检查督促阶段｜" + day(-21) + "｜" + day(-11) + "｜对本级机关和下级公安机关政务公开情况进行检查，通报有关情况",
		"总结提高阶段｜" + day(-10) + "｜" + day(19) + "｜对政务公开工作进行总结评比，建立政务公开信息报送制度",
	}, "\n")
	fill := day(-22)
	tasks := strings.Join([]string{
		"1｜政务公开目录｜清理和完善本部门、本警种政务公开目录｜指挥中心行政服务处｜治安支队、刑警支队、交警支队｜" + day(-32),
		"2｜领导信息｜公开本级公安机关内设机构及其职能，领导班子成员基本情况｜-｜政治部｜" + fill,
		"2｜法规文件｜全面梳理和完善应予公开的法律、法规、规范性文件和执法依据｜法制支队｜治安支队、刑警支队、交警支队｜" + fill,
		"2｜行政依据｜清理规范行政许可、审批事项，公开承办部门、审批程序、申报范本、办理时限及办理结果，绘制审批程序流程图｜法制支队｜治安支队、出入境管理支队｜" + fill,
		"2｜行政事业性收费｜公开各种行政事业性收费的项目、依据和标准｜警保处｜治安支队、出入境管理支队｜" + fill,
		"2｜人事信息｜公开民警考录公告、表彰命令、人事任免等情况｜-｜政治部人事处｜" + fill,
		"2｜公共服务｜公开各项便民利民措施和办事指南｜指挥中心行政服务处｜治安支队、交警支队、出入境管理支队｜" + fill,
		"2｜工作动态｜公开重大工作部署、社会治安状况和各项中心工作、专项行动情况｜指挥中心行政服务处｜治安支队、刑警支队｜" + fill,
		"2｜公告公示｜及时公开公众关注的重大案（事）件侦破、查处情况和通缉令、协查通报｜指挥中心行政服务处｜刑警支队、经侦支队｜" + fill,
		"2｜新闻发布｜通过新闻媒体、门户网站等多途径公开新闻发布会有关情况｜-｜政治部宣传处｜" + fill,
		"2｜工作动态｜推行行政审批、行政处罚网上办理，落实首问责任制、限时办结制、责任追究制“三项制度”｜纪委(监察室)｜治安支队、交警支队｜" + fill,
		"3｜检查督促｜检查本级和下级公安机关政务公开情况｜指挥中心行政服务处｜宿城分局、沭阳县公安局｜" + day(-12),
		"4｜总结评比｜总结政务公开工作，完善信息报送、审批、公开机制，形成常态化｜指挥中心行政服务处｜治安支队、宿城分局｜" + day(15),
	}, "\n")
	ps, err := campaigns.ParsePhases(phases)
	if err != nil {
		return err
	}
	ts, err := campaigns.ParseTasks(tasks)
	if err != nil {
		return err
	}
	st := campaigns.New(store)
	office, leader := users["office"], users["leader"]
	c, err := st.Create(ctx, office, campaigns.Input{Title: demoCampaignTitle,
		Basis: "根据市政府政务公开办公室的部署和要求，贯彻落实《市政府公开信息送交办法》",
		Scope: "市局各部门、各分县局", Phases: ps, Tasks: ts}, today.AddDate(0, 0, -45))
	if err != nil {
		return err
	}
	if err := st.Take(ctx, office, c.ID, campaigns.Submit, "", today.AddDate(0, 0, -44)); err != nil {
		return err
	}
	if err := st.Take(ctx, leader, c.ID, campaigns.Approve, "", today.AddDate(0, 0, -43)); err != nil {
		return err
	}
	parts, err := st.Parts(ctx, office, c.ID, 0)
	if err != nil {
		return err
	}
	stored, err := st.Phases(ctx, c.ID)
	if err != nil {
		return err
	}
	heads := map[uint]models.Viewer{}
	headOf := func(dept uint) (models.Viewer, error) {
		if v, ok := heads[dept]; ok {
			return v, nil
		}
		var u models.User
		if err := store.DB.WithContext(ctx).Where("department_id = ? AND role = ?", dept, models.RoleHead).Order("id").First(&u).Error; err != nil {
			return models.Viewer{}, fmt.Errorf("head of department %d: %w", dept, err)
		}
		heads[dept] = u.Viewer()
		return heads[dept], nil
	}
	// behind is who has not done a task: 刑警支队 in every phase, 交警支队
	// partly, 沭阳县公安局 silent on the third phase.
	outcome := func(p campaigns.Part) campaigns.Outcome {
		switch p.Department {
		case "刑警支队":
			return campaigns.Undone
		case "交警支队":
			return campaigns.Partial
		}
		return campaigns.Done
	}
	for i, ph := range stored[:3] {
		var checks []campaigns.CheckInput
		for _, p := range parts {
			if p.PhaseID != ph.ID {
				continue
			}
			o := outcome(p)
			if p.Department == "沭阳县公安局" {
				o = campaigns.Undone
			}
			if o != campaigns.Undone {
				v, err := headOf(p.DepartmentID)
				if err != nil {
					return err
				}
				note := fmt.Sprintf("已按要求完成%s，相关信息已在门户网站公开。", p.Category)
				if o == campaigns.Partial {
					note = fmt.Sprintf("%s已完成一部分，其余正在整理。", p.Category)
				}
				if err := st.Report(ctx, v, p.ID, campaigns.ReportInput{Note: note}, scoring.DateOf(p.Due).Time().Add(-30*time.Hour)); err != nil {
					return err
				}
			}
			ck := campaigns.CheckInput{AssignmentID: p.ID, Outcome: o}
			switch o {
			case campaigns.Undone:
				ck.Finding, ck.Rectification = "未按期报送，相关信息未公开", "十日内完成并报送整改情况"
			case campaigns.Partial:
				ck.Finding, ck.Rectification = "部分信息未公开", "补充公开其余信息"
			}
			checks = append(checks, ck)
		}
		if i == 2 {
			break // the third phase waits for the office's check
		}
		checked := ph.End().Time().Add(34 * time.Hour)
		if err := st.CheckPhase(ctx, office, c.ID, ph.ID, checks, checked); err != nil {
			return fmt.Errorf("check %s: %w", ph.Name, err)
		}
		doc, err := st.IssueBulletin(ctx, office, c.ID, ph.ID, checked.Add(24*time.Hour))
		if err != nil {
			return err
		}
		if i == 0 {
			if err := st.PostBulletin(ctx, office, c.ID, doc.ID, checked.Add(26*time.Hour)); err != nil {
				return err
			}
		}
	}
	return nil
}
