package campaigns

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// The phase 通报: a numbered document of the office's 公开通报 series,
// about the campaign.
const (
	BulletinKind   = "campaign_bulletin"
	BulletinSeries = "公开通报"
	Subject        = "campaign"
	Issuer         = "市公安局政务公开办公室"
)

// UnitResult is one unit's outcomes in a checked phase.
type UnitResult struct {
	DepartmentID             uint
	Department               string
	Done, Partial, Undone    int
	Findings, Rectifications []string
}

// results sums a checked phase's outcomes per unit, the laggards first
// (most 未完成, then most 部分完成), then by name.
func results(ps []Part) []UnitResult {
	idx := map[uint]int{}
	var out []UnitResult
	for _, p := range ps {
		i, ok := idx[p.DepartmentID]
		if !ok {
			i = len(out)
			idx[p.DepartmentID] = i
			out = append(out, UnitResult{DepartmentID: p.DepartmentID, Department: p.Department})
		}
		r := &out[i]
		switch p.Outcome {
		case Done:
			r.Done++
		case Partial:
			r.Partial++
		case Undone:
			r.Undone++
		}
		if p.Finding != "" {
			r.Findings = append(r.Findings, fmt.Sprintf("任务%d：%s", p.TaskSeq, p.Finding))
		}
		if p.Rectification != "" {
			r.Rectifications = append(r.Rectifications, fmt.Sprintf("任务%d：%s", p.TaskSeq, p.Rectification))
		}
	}
	sortLaggards(out, func(r UnitResult) (int, int, string) { return r.Undone, r.Partial, r.Department })
	return out
}

// bulletin writes the 通报 of a checked phase: per unit the tasks'
// outcomes, the units commended (every task 完成) and those criticised
// (a task 未完成), and what they must rectify.
func bulletin(c *Campaign, p *Phase, ps []Part, on scoring.Date) documents.Content {
	rs := results(ps)
	rows := make([][]string, 0, len(rs))
	var praised, behind []string
	for _, r := range rs {
		rows = append(rows, []string{r.Department, fmt.Sprint(r.Done), fmt.Sprint(r.Partial), fmt.Sprint(r.Undone), strings.Join(r.Findings, "；")})
		switch {
		case r.Undone > 0:
			behind = append(behind, r.Department)
		case r.Partial == 0:
			praised = append(praised, r.Department)
		}
	}
	body := []documents.Block{
		documents.Paragraph(fmt.Sprintf("按照《%s》的部署，市局政务公开办公室于%s对%s（%s至%s）各责任单位的任务完成情况进行了检查。现将检查情况通报如下：",
			c.Title, documents.ChineseDate(scoring.DateOf(*p.CheckedAt)), p.Name, documents.ChineseDate(p.Start()), documents.ChineseDate(p.End()))),
		documents.Heading("一、总体情况"),
		documents.Table([]string{"单位", "完成", "部分完成", "未完成", "存在问题"}, rows),
	}
	if len(praised) > 0 {
		body = append(body, documents.Heading("二、表扬"),
			documents.Paragraph(strings.Join(praised, "、")+"按时完成本阶段全部任务，予以通报表扬。"))
	}
	if len(behind) > 0 {
		body = append(body, documents.Heading("三、批评和整改要求"),
			documents.Paragraph(strings.Join(behind, "、")+"工作进展缓慢，未按期完成本阶段任务，予以通报批评。"))
		for _, r := range rs {
			if r.Undone > 0 || r.Partial > 0 {
				if len(r.Rectifications) > 0 {
					body = append(body, documents.Paragraph(r.Department+"："+strings.Join(r.Rectifications, "；")+"。"))
				}
			}
		}
		body = append(body, documents.Paragraph("请上述单位认真整改，整改情况纳入岗位目标考核。"))
	}
	return documents.Content{Issuer: Issuer, Title: fmt.Sprintf("关于《%s》%s检查情况的通报", c.Title, p.Name),
		To: "各责任单位", Body: body, Signer: Issuer, Date: on, CopyTo: "市公安局政务公开工作领导小组", PrintedBy: Issuer}
}

// IssueBulletin issues a checked phase's 通报 on now's date, once; the
// office's, audit-logged with the document.
func (s *Store) IssueBulletin(ctx context.Context, v models.Viewer, campaign, phase uint, now time.Time) (*documents.Document, error) {
	if !v.Can(models.ActManageCampaigns) {
		return nil, models.ErrForbidden
	}
	var doc *documents.Document
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		c, err := approved(tx.DB, campaign)
		if err != nil {
			return err
		}
		var p Phase
		if err := tx.ForUpdate().Where("campaign_id = ?", campaign).First(&p, phase).Error; err != nil {
			return models.NotFound(err, "read phase")
		}
		switch {
		case !p.Checked():
			return models.Invalid("phase", "campaign.refuse.not_checked", p.Name)
		case p.BulletinID != 0:
			return models.Invalid("phase", "campaign.refuse.bulletin_issued", p.Name)
		}
		ps, err := partsOf(tx.DB, p.ID)
		if err != nil {
			return err
		}
		on := scoring.DateOf(now)
		if doc, err = documents.IssueIn(tx, documents.Issue{Kind: BulletinKind, Series: BulletinSeries, Year: on.Year(),
			Subject: Subject, SubjectID: c.ID, Content: bulletin(c, &p, ps, on)}); err != nil {
			return err
		}
		if err := tx.DB.Model(&Phase{}).Where("id = ?", p.ID).Update("bulletin_id", doc.ID).Error; err != nil {
			return fmt.Errorf("keep bulletin: %w", err)
		}
		if err := tellBulletin(tx, c, ps, doc.Number, now); err != nil {
			return err
		}
		return tx.Record("bulletin", entity, c.ID, nil, map[string]any{"phase": p.Name, "number": doc.Number})
	})
	return doc, err
}

// PostBulletin puts a phase's 通报 (or the newest correction of it) on the
// public site: the office's choice, once.
func (s *Store) PostBulletin(ctx context.Context, v models.Viewer, campaign, doc uint, now time.Time) error {
	if !v.Can(models.ActManageCampaigns) {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		d, err := documents.Get(ctx, tx.DB, doc)
		if err != nil {
			return err
		}
		if d.Kind != BulletinKind || d.Subject != Subject || d.SubjectID != campaign {
			return models.ErrNotFound
		}
		return documents.Post(tx, doc, now)
	})
}

// CorrectBulletin issues a correction (更正) of a 通报: a new numbered
// document naming the old, its body the office's text, one paragraph a
// line. The old one stands as issued.
func (s *Store) CorrectBulletin(ctx context.Context, v models.Viewer, campaign, doc uint, text string, now time.Time) (*documents.Document, error) {
	if !v.Can(models.ActManageCampaigns) {
		return nil, models.ErrForbidden
	}
	text, err := models.CheckText("correction", "campaign.field.correction", text, models.MaxText, true)
	if err != nil {
		return nil, err
	}
	var out *documents.Document
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		old, err := documents.Get(ctx, tx.DB, doc)
		if err != nil {
			return err
		}
		if old.Kind != BulletinKind || old.SubjectID != campaign || old.Subject != Subject {
			return models.ErrNotFound
		}
		on := scoring.DateOf(now)
		body := append([]documents.Block{documents.Paragraph(fmt.Sprintf("《%s》（%s）更正如下：", old.Title, old.Number))}, documents.Paragraphs(text)...)
		out, err = documents.IssueIn(tx, documents.Issue{Kind: BulletinKind, Series: BulletinSeries, Year: on.Year(),
			Subject: Subject, SubjectID: campaign, RefID: old.ID, Relation: documents.Corrects,
			Content: documents.Content{Issuer: Issuer, Title: "关于更正" + old.Title + "的通报", To: old.Addressee, Body: body,
				Signer: Issuer, Date: on, CopyTo: old.CopyTo, PrintedBy: Issuer}})
		return err
	})
	return out, err
}

// Bulletins lists a campaign's 通报 and their corrections, oldest first,
// without their page.
func (s *Store) Bulletins(ctx context.Context, campaign uint) ([]documents.Document, error) {
	return documents.Of(ctx, s.DB, Subject, campaign)
}

// Bulletin reads one of a campaign's documents with its page.
func (s *Store) Bulletin(ctx context.Context, campaign, doc uint) (*documents.Document, error) {
	d, err := documents.Get(ctx, s.DB, doc)
	if err != nil {
		return nil, err
	}
	if d.Subject != Subject || d.SubjectID != campaign {
		return nil, models.ErrNotFound
	}
	return d, nil
}
