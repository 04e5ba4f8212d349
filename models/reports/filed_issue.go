package reports

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// A report a department files (第 N 版 of a quarterly or annual report) is
// stored as filed (issue 20 item 5): each version is an issued document,
// numbered in its series, its hash in the audit chain; a correction names
// the version it corrects.

// Kind and series of filed reports.
const (
	KindFiling    = "report_filing"
	FilingSeries  = "公开报送"
	filingSubject = "report_filing"
	filingTo      = "政府信息公开工作领导小组办公室"
)

// FileReport files a department's report as Store.FileReport does and
// stores the version filed as an issued document in the same transaction.
func FileReport(ctx context.Context, s *models.Store, v models.Viewer, in FilingInput, now time.Time) (*ReportFiling, error) {
	d, err := s.Department(ctx, v, in.DepartmentID)
	if err != nil {
		return nil, err
	}
	in.Issue = func(tx *models.Tx, f *ReportFiling) error {
		return issueFiling(tx, d.Name, in, f, scoring.DateOf(now))
	}
	return New(s).FileReport(ctx, v, in, now)
}

// filingTitle names a filed report.
func filingTitle(dept string, kind string, year, quarter int) string {
	if kind == FilingQuarterly {
		return fmt.Sprintf("%s%d年第%d季度政府信息公开工作统计报表", dept, year, quarter)
	}
	return fmt.Sprintf("%s%d年政府信息公开工作年度报告", dept, year)
}

func issueFiling(tx *models.Tx, dept string, in FilingInput, f *ReportFiling, on scoring.Date) error {
	var lines []FilingLine
	if err := json.Unmarshal([]byte(f.Figures), &lines); err != nil {
		return fmt.Errorf("read the lines filed: %w", err)
	}
	rows := make([][]string, len(lines))
	for i, l := range lines {
		rows[i] = []string{l.Label, l.Value}
	}
	title := filingTitle(dept, f.Kind, f.Year, f.Quarter)
	if f.Version > 1 {
		title += fmt.Sprintf("（第%d版）", f.Version)
	}
	var body []documents.Block
	issue := documents.Issue{Kind: KindFiling, Series: FilingSeries, Year: on.Year(), Subject: filingSubject, SubjectID: f.ID}
	if f.Version > 1 {
		var prev documents.Document
		err := tx.DB.Omit("html", "docx").Where("subject = ? AND subject_id IN (?)", filingSubject,
			tx.DB.Model(&ReportFiling{}).Select("id").Where("kind = ? AND department_id = ? AND year = ? AND quarter = ? AND version = ?",
				f.Kind, f.DepartmentID, f.Year, f.Quarter, f.Version-1)).Limit(1).Find(&prev).Error
		if err != nil {
			return fmt.Errorf("read the version corrected: %w", err)
		}
		if prev.ID != 0 {
			issue.RefID, issue.Relation = prev.ID, documents.Corrects
			body = append(body, documents.Paragraph(fmt.Sprintf("本版更正%s报送的第%d版（%s）。更正理由：%s", documents.ChineseDate(prev.Date()), f.Version-1, prev.Number, f.Reason)))
		}
	}
	body = append(body, documents.Table([]string{"项目", "数值"}, rows),
		documents.Paragraph(fmt.Sprintf("单位负责人：%s　填报人：%s　联系电话：%s", in.Signature.Head, in.Signature.Filler, in.Signature.Phone)))
	issue.Content = documents.Content{Issuer: dept, Title: title, To: filingTo, Body: body, Signer: dept, Date: on}
	_, err := documents.IssueIn(tx, issue)
	return err
}
