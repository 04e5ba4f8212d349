package assessment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
)

// The leading group office's documents: the assessment notice (考核通知)
// is issued under its series when the leading group approves the plan.
const (
	OfficeIssuer = "市公安局政府信息公开工作领导小组办公室"
	OfficeSeries = "公开办"
	NoticeKind   = "assessment_notice"
	// DocumentSubject is what the plan's documents are about.
	DocumentSubject = "assessment_plan"
)

// notice is the plan's notice to the departments it assesses, dated on
// the plan's notice date: the 发文稿 the office saved for its body, if any,
// else the text written from the plan's dates and team.
func notice(ctx context.Context, db *gorm.DB, p *Plan) (documents.Content, error) {
	var names []string
	err := db.WithContext(ctx).Table("assessment_members m").Joins("JOIN departments d ON d.id = m.department_id").
		Where("m.plan_id = ?", p.ID).Order("d.id").Pluck("d.name", &names).Error
	if err != nil {
		return documents.Content{}, fmt.Errorf("read assessed departments: %w", err)
	}
	to := "各参评单位"
	if !p.FullScope && len(names) > 0 {
		to = strings.Join(names, "、")
	}
	d := p.Dates()
	body := []documents.Block{
		documents.Paragraph(fmt.Sprintf("根据《政府信息公开考核评议制度》，经领导小组审定，领导小组办公室将对%s%d年度政府信息公开工作进行考核。现将有关事项通知如下：", to, p.Year)),
		documents.Paragraph(fmt.Sprintf("一、请于%s前按通知要求完成自查，形成自查书面材料报送领导小组办公室。", documents.ChineseDate(d.SelfDue))),
		documents.Paragraph(fmt.Sprintf("二、对本部门得分中的扣分项有异议的，请于%s前在系统中提出，并附理由和证据。", documents.ChineseDate(d.ObjectionDue))),
		documents.Paragraph(fmt.Sprintf("三、考核小组定于%s起进行实地考核，请做好准备。", documents.ChineseDate(d.Review))),
	}
	if p.Team != "" {
		body = append(body, documents.Paragraph("考核小组："+p.Team))
	}
	draft, ok, err := documents.DraftOf(ctx, db, NoticeKind, DocumentSubject, p.ID)
	if err != nil {
		return documents.Content{}, err
	}
	if ok {
		body = documents.Paragraphs(draft.Body)
	}
	return documents.Content{Issuer: OfficeIssuer, Title: fmt.Sprintf("关于开展%d年度政府信息公开工作考核的通知", p.Year), To: to, Body: body,
		Signer: OfficeIssuer, Date: d.Notice, CopyTo: "市公安局政府信息公开工作领导小组", PrintedBy: OfficeIssuer}, nil
}

// issueNotice issues the plan's notice in tx.
func issueNotice(ctx context.Context, tx *models.Tx, p *Plan) (*documents.Document, error) {
	c, err := notice(ctx, tx.DB, p)
	if err != nil {
		return nil, err
	}
	return documents.IssueIn(tx, documents.Issue{Kind: NoticeKind, Series: OfficeSeries, Year: c.Date.Year(), Subject: DocumentSubject, SubjectID: p.ID, Content: c})
}

// NoticeDraft is the plan's notice as it would be issued now, marked 草稿,
// and its body as the office edits it (发文稿): the office's only, until
// the notice is issued.
func (s *Store) NoticeDraft(ctx context.Context, v models.Viewer, plan uint) (page, body string, err error) {
	if !v.CanRunAssessment() {
		return "", "", models.ErrForbidden
	}
	p, err := s.plan(ctx, plan)
	if err != nil {
		return "", "", err
	}
	c, err := notice(ctx, s.m.DB, p)
	if err != nil {
		return "", "", err
	}
	c.Draft, c.Number = true, documents.DraftNumber(OfficeSeries, c.Date.Year())
	page, _, err = documents.Render(c)
	return page, documents.Text(c.Body), err
}

// SaveNoticeDraft keeps body (paragraphs, one a line) as the body of the
// plan's notice; refused once the notice is issued.
func (s *Store) SaveNoticeDraft(ctx context.Context, v models.Viewer, plan uint, body string, now time.Time) error {
	if !v.CanRunAssessment() {
		return models.ErrForbidden
	}
	if _, err := s.plan(ctx, plan); err != nil {
		return err
	}
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		return documents.SaveDraft(tx, NoticeKind, DocumentSubject, plan, body, now)
	})
}

// Notice is the plan's notice as issued, for a viewer who may see the plan;
// ErrNotFound before the plan is approved (or for a plan approved before
// notices were stored).
func (s *Store) Notice(ctx context.Context, v models.Viewer, plan uint) (*documents.Document, error) {
	if _, err := s.Plan(ctx, v, plan); err != nil {
		return nil, err
	}
	docs, err := documents.Of(ctx, s.m.DB, DocumentSubject, plan)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if d.Kind == NoticeKind {
			return documents.Get(ctx, s.m.DB, d.ID)
		}
	}
	return nil, models.ErrNotFound
}
