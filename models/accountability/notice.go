package accountability

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// The discipline office as its documents name it: the 发文机关标志, the
// signature, whom a copy goes to and who prints them (版记).
const (
	Issuer    = "市公安局纪律检查委员会"
	Signer    = "市公安局纪委"
	CopyTo    = "市公安局政府信息公开工作领导小组办公室"
	PrintedBy = "市公安局纪委办公室"
)

// Kinds of the documents of a case.
const (
	NoticeKind = "case_notice"     // 书面通知 of a decision
	ReviewKind = "review_decision" // 复核决定书 (申诉处理决定书 for a complaint)
)

// addressees are the department and each person concerned.
func (f *File) addressees() string {
	to := []string{f.Department}
	for _, p := range f.Persons {
		to = append(to, p.Name)
	}
	return strings.Join(to, "、")
}

// sanctionTable is the sanctions of the case as the documents list them.
func (f *File) sanctionTable() documents.Block {
	rows := [][]string{sanctionRow(f.Department, "", f.DepartmentSanctions())}
	for _, p := range f.Persons {
		rows = append(rows, sanctionRow(fmt.Sprintf("%s（%s，警号%s）", p.Name, PostLabel(p.Post), p.PoliceNo), ShareLabel(p.Share()), f.SanctionsOf(p.ID)))
	}
	return documents.Table([]string{"处理对象", "责任", "处理方式", "期限"}, rows)
}

func (f *File) content(title string, on scoring.Date, body []documents.Block) documents.Content {
	return documents.Content{Issuer: Issuer, Title: title, To: f.addressees(), Body: body, Signer: Signer, Date: on, CopyTo: CopyTo, PrintedBy: PrintedBy}
}

// noticeContent is the written notice (书面通知) of the decision, dated
// on, addressed to the department and each person concerned.
func (f *File) noticeContent(on scoring.Date) documents.Content {
	facts := fmt.Sprintf("经调查，%s存在“%s”的情形。", f.Department, f.Trigger)
	if f.Summary != "" {
		facts += f.Summary
	}
	return f.content("政府信息公开责任追究处理通知", on, []documents.Block{
		documents.Paragraph(facts),
		documents.Paragraph(fmt.Sprintf("根据《政府信息公开责任追究制度》第六条，经全面调查取证、听取有关责任人的陈述和申辩，认定情节属于“%s”，于%s作出如下处理决定：",
			SeverityLabel(f.Severity), documents.ChineseDate(scoring.DateOf(*f.Decided)))),
		f.sanctionTable(),
		documents.Paragraph("处理理由：" + f.Decision),
		documents.Paragraph(fmt.Sprintf("被追究责任的部门及有关人员对处理结果有异议的，可于接到本通知之日起%d日内（至%s止），向市公安局纪委申请复核或提出申诉。",
			AppealDays, documents.ChineseDate(AppealDeadline(on)))),
	})
}

// reviewContent is the decision on appeal a (复核决定书, or 申诉处理决定书
// for a complaint) against the notice numbered notice, with the case's
// sanctions as they stand after it.
func (f *File) reviewContent(a AppealRow, notice string, noticeDate scoring.Date) documents.Content {
	title := "政府信息公开责任追究复核决定书"
	if a.Kind == "申诉" {
		title = "政府信息公开责任追究申诉处理决定书"
	}
	on := scoring.DateOf(*a.OutcomeDate)
	body := []documents.Block{
		documents.Paragraph(fmt.Sprintf("%s对本委%s作出的《政府信息公开责任追究处理通知》（%s）不服，于%s提出%s。理由：%s",
			a.Appellant, documents.ChineseDate(noticeDate), notice, documents.ChineseDate(scoring.DateOf(a.Filed)), a.Kind, a.Grounds)),
		documents.Paragraph("经复核，本委认为：" + a.OutcomeReason),
	}
	switch a.Outcome {
	case Upheld:
		body = append(body, documents.Paragraph(fmt.Sprintf("决定维持%s所作处理决定。", notice)))
	case Revoke:
		body = append(body, documents.Paragraph(fmt.Sprintf("决定撤销%s所作处理决定，原处理决定不再执行。", notice)))
	case Changed:
		body = append(body, documents.Paragraph(fmt.Sprintf("决定变更%s所作处理决定，变更后的处理如下：", notice)), f.sanctionTable(),
			documents.Paragraph(fmt.Sprintf("原处理通知（%s）仍予保存；其所列处理与本决定不一致的，以本决定为准。", notice)))
	}
	body = append(body, documents.Paragraph("本决定自作出之日起生效。"))
	return f.content(title, on, body)
}

func sanctionRow(who, share string, xs []SanctionRow) []string {
	var names, dues []string
	for _, x := range xs {
		names = append(names, x.Name)
		if x.Due != nil {
			dues = append(dues, x.Name+"："+documents.ChineseDate(scoring.DateOf(*x.Due))+"前")
		}
	}
	if len(names) == 0 {
		names = []string{"无"}
	}
	return []string{who, share, strings.Join(names, "、"), strings.Join(dues, "；")}
}

// Notice is the stored written notice of a case, as issued; ErrNotFound
// before the notice. A notice issued before notices were stored (by an
// earlier release) is written from the case as it stands now, with ID 0.
func (s *Store) Notice(ctx context.Context, v models.Viewer, id uint) (*documents.Document, error) {
	f, err := s.Get(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if f.NoticeDate == nil || !f.Status.NoticeIssued() {
		return nil, models.ErrNotFound
	}
	if d := f.noticeOf(); d != nil {
		return documents.Get(ctx, s.m.DB, d.ID)
	}
	c := f.noticeContent(scoring.DateOf(*f.NoticeDate))
	c.Number = f.NoticeNo
	page, docx, err := documents.Render(c)
	if err != nil {
		return nil, err
	}
	return &documents.Document{Kind: NoticeKind, Number: f.NoticeNo, IssueDate: *f.NoticeDate, Title: c.Title, HTML: page, DOCX: docx}, nil
}

// Document is a document issued about case id, for v: ErrNotFound when v
// may not read the case or the document is not one of its own.
func (s *Store) Document(ctx context.Context, v models.Viewer, id, doc uint) (*documents.Document, error) {
	f, err := s.Get(ctx, v, id)
	if err != nil {
		return nil, err
	}
	for _, d := range f.Documents {
		if d.ID == doc {
			return documents.Get(ctx, s.m.DB, d.ID)
		}
	}
	return nil, models.ErrNotFound
}

// noticeOf is the case's stored notice, nil for one issued before notices
// were stored.
func (f *File) noticeOf() *documents.Document {
	for i := range f.Documents {
		if f.Documents[i].Kind == NoticeKind {
			return &f.Documents[i]
		}
	}
	return nil
}
