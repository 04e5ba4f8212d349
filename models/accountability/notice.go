package accountability

import (
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports/docx"
	"github.com/gongkai/gongkai/scoring"
)

// Notice is the written notice (书面通知) of a decision, addressed to the
// department and each person concerned: the same text on the printable
// page and in the DOCX.
type Notice struct {
	Title      string
	No         string
	To         string
	Paragraphs []string
	Header     []string
	Rows       [][]string
	Signature  string
	Date       string
}

// Notice writes the notice of a case whose notice is issued; ErrNotFound
// before that.
func (f *File) Notice() (*Notice, error) {
	if f.NoticeDate == nil || !f.Status.NoticeIssued() {
		return nil, models.ErrNotFound
	}
	to := []string{f.Department}
	for _, p := range f.Persons {
		to = append(to, p.Name)
	}
	n := &Notice{Title: "政府信息公开责任追究处理通知", No: f.NoticeNo, To: strings.Join(to, "、") + "：",
		Header: []string{"处理对象", "责任", "处理方式", "期限"}, Signature: "市公安局纪委", Date: ChineseDate(scoring.DateOf(*f.NoticeDate))}
	facts := fmt.Sprintf("经调查，%s存在“%s”的情形。", f.Department, f.Trigger)
	if f.Summary != "" {
		facts += f.Summary
	}
	n.Paragraphs = append(n.Paragraphs, facts,
		fmt.Sprintf("根据《政府信息公开责任追究制度》第六条，经全面调查取证、听取有关责任人的陈述和申辩，认定情节属于“%s”，于%s作出如下处理决定：",
			SeverityLabel(f.Severity), ChineseDate(scoring.DateOf(*f.Decided))))
	n.Rows = append(n.Rows, sanctionRow(f.Department, "", f.DepartmentSanctions()))
	for _, p := range f.Persons {
		n.Rows = append(n.Rows, sanctionRow(fmt.Sprintf("%s（%s，警号%s）", p.Name, PostLabel(p.Post), p.PoliceNo), ShareLabel(p.Share()), f.SanctionsOf(p.ID)))
	}
	n.Paragraphs = append(n.Paragraphs, "处理理由："+f.Decision,
		fmt.Sprintf("被追究责任的部门及有关人员对处理结果有异议的，可于接到本通知之日起%d日内（至%s止），向市公安局纪委申请复核或提出申诉。",
			AppealDays, ChineseDate(f.AppealDeadline())))
	return n, nil
}

func sanctionRow(who, share string, xs []SanctionRow) []string {
	var names, dues []string
	for _, x := range xs {
		names = append(names, x.Name)
		if x.Due != nil {
			dues = append(dues, x.Name+"："+ChineseDate(scoring.DateOf(*x.Due))+"前")
		}
	}
	if len(names) == 0 {
		names = []string{"无"}
	}
	return []string{who, share, strings.Join(names, "、"), strings.Join(dues, "；")}
}

// WriteDOCX writes the notice as a Word document.
func (n *Notice) WriteDOCX(w io.Writer) error {
	var d docx.Document
	d.Title(n.Title)
	d.Note(n.No)
	d.Note(n.To)
	for _, p := range n.Paragraphs[:2] {
		d.Paragraph(p)
	}
	d.Table(n.Header, n.Rows)
	for _, p := range n.Paragraphs[2:] {
		d.Paragraph(p)
	}
	d.Note(n.Signature)
	d.Note(n.Date)
	_, err := d.WriteTo(w)
	return err
}
