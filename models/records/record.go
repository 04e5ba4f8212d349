// Package records reads a record as its page shows it (a publication,
// request, complaint, report, review or coordination, with its clocks and
// the office's categories) and keeps the disclosure flags: publications
// that went out against their secrecy review, until confirmed or dismissed.
package records

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/ledger"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// Store reads the records of the application's database for their pages.
type Store struct{ *models.Store }

// New returns the records store on s.
func New(s *models.Store) *Store { return &Store{s} }

// RecordField is one labelled value of a record page.
type RecordField struct {
	Label string // Chinese column name as in docs/FORMATS.md
	Value string
	Msg   string // a message key shown, in the page's language, instead of Value
}

// fields pairs labels with values: label, value, label, value …
func fields(pairs ...string) []RecordField {
	out := make([]RecordField, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, RecordField{Label: pairs[i], Value: pairs[i+1]})
	}
	return out
}

// seqField shows a publication's catalog 序号, or 目录外 (outside the
// catalog) for one that belongs to no item.
func seqField(seq int) RecordField {
	if seq == models.Uncatalogued {
		return RecordField{Label: "目录序号", Msg: "record.uncatalogued"}
	}
	return RecordField{Label: "目录序号", Value: strconv.Itoa(seq)}
}

// RecordView is a record as shown to a person: its department and fields.
type RecordView struct {
	Kind         string
	ID           uint
	DepartmentID uint
	Title        string
	Fields       []RecordField
	// Asked is the department a coordination asks, which may read it too.
	Asked uint
	// A publication's secrecy reviews and coordinations, and its flag if
	// it went out against its review.
	Reviews       []clocks.SecrecyReview
	Coordinations []CoordinationView
	Flags         []Flag
}

// Record reads one record of a kind (publication, request, complaint,
// quarterly_report, annual_report, secrecy_review, coordination,
// press_conference) if the viewer may see its department, with its clocks as
// of today;
// otherwise ErrNotFound.
func (s *Store) Record(ctx context.Context, v models.Viewer, kind string, id uint, today scoring.Date) (*RecordView, error) {
	db := s.DB.WithContext(ctx)
	var rv *RecordView
	switch kind {
	case "publication":
		var p models.Publication
		if err := db.First(&p, id).Error; err != nil {
			return nil, models.NotFound(err, "read publication")
		}
		rv = &RecordView{DepartmentID: p.DepartmentID, Title: p.Title, Fields: append([]RecordField{seqField(p.Seq)}, fields(
			"标题", p.Title, "公开形式", p.Channel, "生成日期", models.YMDPtr(p.Formed),
			"公开日期", models.YMD(p.Published), "索引号", p.IndexNo, "文号", p.DocNo, "公开属性", p.Attribute,
			"不予公开理由", p.AttributeReason, "保密审查意见", p.Review, "审查日期", models.YMDPtr(p.ReviewDate), "链接", p.URL,
		)...)}
		if v.CanSeeDepartment(p.DepartmentID) {
			if err := s.publicationClocks(ctx, v, p, rv, today); err != nil {
				return nil, err
			}
		}
	case "request":
		var r models.Request
		if err := db.First(&r, id).Error; err != nil {
			return nil, models.NotFound(err, "read request")
		}
		rv = &RecordView{DepartmentID: r.DepartmentID, Title: r.RequestNo, Fields: fields(
			"申请编号", r.RequestNo, "收到日期", models.YMD(r.Received), "申请方式", r.Channel, "是否延期", models.YesNo(r.Extended),
			"征求第三方意见开始", models.YMDPtr(r.PauseStart), "征求第三方意见结束", models.YMDPtr(r.PauseEnd),
			"补正开始", models.YMDPtr(r.CorrectionStart), "补正结束", models.YMDPtr(r.CorrectionEnd),
			"答复日期", models.YMDPtr(r.Answered), "答复类型", r.Answer, "收费", fmt.Sprintf("%.2f", r.Fee),
			"收费依据", r.FeeBasis, "是否减免", models.YesNo(r.FeeWaived), "转交日期", models.YMDPtr(r.Forwarded),
			"申请人类型", r.Applicant, "办理结果", r.Result,
			"复议申请日期", models.YMDPtr(r.ReconFiled), "复议结果", r.ReconOutcome, "复议结果日期", models.YMDPtr(r.ReconDecided),
			"诉讼类型", r.SuitKind, "起诉日期", models.YMDPtr(r.SuitFiled), "诉讼结果", r.SuitOutcome, "诉讼结果日期", models.YMDPtr(r.SuitDecided),
		)}
		if r.ApplicantName != "" || r.ApplicantIDNo != "" || r.ApplicantContact != "" {
			id, err := ledger.New(s.Store).Applicant(ctx, v, &r)
			if err != nil {
				return nil, err
			}
			rv.Fields = append(rv.Fields, fields("申请人姓名", id.Name, "证件号码", id.IDNo, "联系方式", id.Contact)...)
		}
		for _, w := range ledger.FeeWarnings(&r) {
			rv.Fields = append(rv.Fields, RecordField{Label: "收费提示", Value: i18n.Word(i18n.Chinese, w)})
		}
		cats, err := s.RequestCategories(ctx, []uint{r.ID})
		if err != nil {
			return nil, err
		}
		c := cats[r.ID]
		if c.UpdatedBy != "" {
			rv.Fields = append(rv.Fields, fields("办公室归类", fmt.Sprintf("%s %s(%s,%s)", c.Applicant, c.Result, c.UpdatedBy, c.UpdatedAt.Format(time.DateOnly)))...)
		}
		applicant, result := reports.Categories(r, c)
		rv.Fields = append(rv.Fields, fields("年度报告统计的申请人类型", applicant, "年度报告统计的办理结果", result)...)
		if err := s.requestForwarding(ctx, r, rv, today); err != nil {
			return nil, err
		}
	case "complaint":
		var c models.Complaint
		if err := db.First(&c, id).Error; err != nil {
			return nil, models.NotFound(err, "read complaint")
		}
		rv = &RecordView{DepartmentID: c.DepartmentID, Title: c.ComplaintNo, Fields: fields(
			"编号", c.ComplaintNo, "渠道", c.Line, "受理日期", models.YMD(c.Received), "回复日期", models.YMDPtr(c.Replied), "办结日期", models.YMDPtr(c.Closed),
		)}
	case "quarterly_report":
		var q models.QuarterlyReport
		if err := db.First(&q, id).Error; err != nil {
			return nil, models.NotFound(err, "read quarterly report")
		}
		rv = &RecordView{DepartmentID: q.DepartmentID, Title: fmt.Sprintf("%d年第%d季度报表", q.Year, q.Quarter), Fields: fields(
			"年度", strconv.Itoa(q.Year), "季度", strconv.Itoa(q.Quarter), "报送日期", models.YMDPtr(q.Submitted),
		)}
	case "annual_report":
		var a models.AnnualReport
		if err := db.First(&a, id).Error; err != nil {
			return nil, models.NotFound(err, "read annual report")
		}
		rv = &RecordView{DepartmentID: a.DepartmentID, Title: fmt.Sprintf("%d年度报告", a.Year), Fields: fields(
			"年度", strconv.Itoa(a.Year), "报送日期", models.YMDPtr(a.Submitted),
		)}
	default:
		var err error
		if rv, err = s.clockRecord(ctx, kind, id, today); err != nil {
			return nil, err
		}
	}
	if !v.CanSeeDepartment(rv.DepartmentID) && (rv.Asked == 0 || !v.CanSeeDepartment(rv.Asked)) {
		return nil, models.ErrNotFound
	}
	rv.Kind, rv.ID = kind, id
	return rv, nil
}
