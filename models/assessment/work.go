// Long file: one workflow, a department's side of an assessment (notice,
// reminder, self-inspection, objection, answer), in the order it runs.

package assessment

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

// MaxText bounds every written text of the assessment (self-inspection,
// reasons, answers, findings, reports).
const MaxText = models.MaxText

// forDepartment reads a plan and checks that the viewer may see the
// department in it and that the plan assesses it; anything else is not
// found, so a head cannot learn of another department's assessment by id.
func (s *Store) forDepartment(ctx context.Context, v models.Viewer, plan, dept uint) (*Plan, *Member, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, nil, models.ErrNotFound
	}
	p, err := s.Plan(ctx, v, plan)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.member(ctx, p.ID, dept)
	if err != nil {
		return nil, nil, err
	}
	return p, m, nil
}

// headOf checks that the viewer files for the department in an assessment
// under way.
func (s *Store) headOf(ctx context.Context, v models.Viewer, plan, dept uint) (*Plan, *Member, error) {
	p, m, err := s.forDepartment(ctx, v, plan, dept)
	if err != nil {
		return nil, nil, err
	}
	if !v.CanActForDepartment(dept) {
		return nil, nil, models.ErrForbidden
	}
	return p, m, nil
}

var errClosed = models.Invalid("status", "refuse.assessment.closed")

// SignNotice records that the head read the notice (签收); the first time counts.
func (s *Store) SignNotice(ctx context.Context, v models.Viewer, plan, dept uint, now time.Time) error {
	p, m, err := s.headOf(ctx, v, plan, dept)
	if err != nil {
		return err
	}
	if m.NoticeReadAt != nil {
		return models.Invalid("", "receipts.refuse.signed", m.NoticeReadBy, documents.Stamp(*m.NoticeReadAt))
	}
	at := now.UTC()
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		res := tx.DB.Model(&Member{}).Where("id = ? AND notice_read_at IS NULL", m.ID).
			Updates(map[string]any{"notice_read_at": at, "notice_read_by": v.Name, "notice_read_by_id": v.UserID})
		if res.Error != nil {
			return fmt.Errorf("sign notice: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			// Signed in the meantime by another account of the department.
			return models.Invalid("", "receipts.refuse.signed_now")
		}
		if err := event(tx, p.ID, "sign_notice", deptNote(tx.DB, dept), now); err != nil {
			return err
		}
		return tx.Record("sign", "assessment_notice", m.ID, nil, map[string]any{"plan": p.ID, "department": dept, "at": at})
	})
}

// FileSelfInspection stores (or replaces) the department's written
// self-inspection with its attachments, while the assessment is open: the
// files chosen now and those kept (their ids) from a refused filing. Filing
// after the due date is allowed and flagged. Refused for its text or for a
// file, nothing of it is filed, but the files that passed their check are
// kept for the next filing (keep) and returned with those kept before, so
// the form need not ask for them again.
func (s *Store) FileSelfInspection(ctx context.Context, v models.Viewer, plan, dept uint, text string, files []upload.Upload, kept []uint, now time.Time) ([]Attachment, error) {
	p, _, err := s.headOf(ctx, v, plan, dept)
	if err != nil {
		return nil, err
	}
	if w := p.ClosedFor(FormSelf, scoring.DateOf(now)); w != nil {
		return nil, w.Refusal()
	}
	if len(kept)+len(files) > MaxAttachments {
		return nil, models.Invalid("file", "refuse.assessment.files_per_upload", MaxAttachments)
	}
	checked, refusal := checkUploads(files)
	if refusal == nil {
		text, refusal = models.CheckText("text", "refuse.label.self_inspection", text, MaxText, true)
	}
	if refusal != nil {
		return s.keep(ctx, v, p.ID, dept, checked, kept, refusal, now)
	}
	return nil, s.m.Audited(ctx, v, func(tx *models.Tx) error {
		var si SelfInspection
		found := tx.ForUpdate().Where("plan_id = ? AND department_id = ?", plan, dept).Limit(1).Find(&si).RowsAffected > 0
		before := map[string]any(nil)
		if found {
			before = map[string]any{"text": si.Text, "filed_at": si.FiledAt}
		}
		si.PlanID, si.DepartmentID, si.Text, si.FiledBy, si.FiledAt = plan, dept, text, v.Name, now.UTC()
		if err := tx.DB.Save(&si).Error; err != nil {
			return fmt.Errorf("store self-inspection: %w", err)
		}
		names, err := fileKept(tx, p.ID, dept, si.ID, kept)
		if err != nil {
			return err
		}
		added, err := attach(tx, p.ID, dept, OwnerSelf, si.ID, checked, now)
		if err != nil {
			return err
		}
		note := deptNote(tx.DB, dept)
		if scoring.DateOf(now) > scoring.DateOf(p.SelfDue) {
			note += "（逾期）"
		}
		if err := event(tx, p.ID, "self_inspection", note, now); err != nil {
			return err
		}
		return tx.Record("file", "assessment_self_inspection", si.ID, before, map[string]any{"text": text, "attachments": append(names, added...)})
	})
}

type checkedUpload struct {
	upload.Upload
	mime string
}

// checkUploads checks each file; refused, it still returns the files that
// passed (a refused self-inspection keeps them) with the first refusal.
func checkUploads(files []upload.Upload) ([]checkedUpload, error) {
	if len(files) > MaxAttachments {
		return nil, models.Invalid("file", "refuse.assessment.files_per_upload", MaxAttachments)
	}
	out := make([]checkedUpload, 0, len(files))
	var refusal error
	for _, f := range files {
		mime, err := upload.CheckUpload(f)
		if err != nil {
			refusal = cmp.Or(refusal, err)
			continue
		}
		out = append(out, checkedUpload{upload.Upload{Name: upload.CleanName(f.Name), Data: f.Data}, mime})
	}
	return out, refusal
}

func attach(tx *models.Tx, plan, dept uint, owner string, ownerID uint, files []checkedUpload, now time.Time) ([]string, error) {
	if len(files) == 0 {
		return nil, nil
	}
	var n int64
	if err := tx.DB.Model(&Attachment{}).Where("plan_id = ? AND department_id = ?", plan, dept).Count(&n).Error; err != nil {
		return nil, fmt.Errorf("count attachments: %w", err)
	}
	if int(n)+len(files) > MaxDepartmentAttachments {
		return nil, models.Invalid("file", "refuse.assessment.files_full", MaxDepartmentAttachments)
	}
	names := make([]string, 0, len(files))
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		a := Attachment{PlanID: plan, DepartmentID: dept, Owner: owner, OwnerID: ownerID, Name: f.Name, MIME: f.mime,
			Size: int64(len(f.Data)), SHA256: hex.EncodeToString(sum[:]), Data: f.Data, UploadedBy: tx.Viewer.Name, UploadedAt: now.UTC()}
		if err := tx.DB.Create(&a).Error; err != nil {
			return nil, fmt.Errorf("store attachment: %w", err)
		}
		names = append(names, a.note())
	}
	return names, nil
}

func deptNote(db *gorm.DB, dept uint) string {
	var name string
	db.Model(&models.Department{}).Select("name").Where("id = ?", dept).Scan(&name)
	return name
}

// Object files the department's objection to one deduction of the plan's
// score run (indicator and its position in the list), while the objection
// window is open; one objection per deduction.
func (s *Store) Object(ctx context.Context, v models.Viewer, plan, dept uint, indicator string, pos int, reason string, files []upload.Upload, now time.Time) (*Objection, error) {
	p, _, err := s.headOf(ctx, v, plan, dept)
	if err != nil {
		return nil, err
	}
	if w := p.ClosedFor(FormObjection, scoring.DateOf(now)); w != nil {
		return nil, w.Refusal()
	}
	if reason, err = models.CheckText("reason", "refuse.label.objection", reason, MaxText, true); err != nil {
		return nil, err
	}
	checked, err := checkUploads(files)
	if err != nil {
		return nil, err
	}
	auto, err := s.autoResults(ctx, p, dept)
	if err != nil {
		return nil, err
	}
	d, ok := deductionAt(auto, indicator, pos)
	if !ok {
		return nil, models.ErrNotFound
	}
	o := &Objection{PlanID: plan, DepartmentID: dept, Indicator: indicator, Position: pos, Deduction: i18n.Word(i18n.Chinese, d.Message()),
		Points: d.Points.RatString(), Reason: reason, FiledBy: v.Name, FiledAt: now.UTC(), Status: ObjectionOpen}
	err = s.m.Audited(ctx, v, func(tx *models.Tx) error {
		var n int64
		if err := tx.DB.Model(&Objection{}).Where("plan_id = ? AND department_id = ? AND indicator = ? AND position = ?", plan, dept, indicator, pos).Count(&n).Error; err != nil {
			return fmt.Errorf("check objection: %w", err)
		}
		if n > 0 {
			return models.Invalid("deduction", "refuse.assessment.objected")
		}
		if err := tx.DB.Create(o).Error; err != nil {
			return fmt.Errorf("store objection: %w", err)
		}
		names, err := attach(tx, plan, dept, OwnerObjection, o.ID, checked, now)
		if err != nil {
			return err
		}
		if err := event(tx, plan, "object", deptNote(tx.DB, dept)+"："+o.Deduction, now); err != nil {
			return err
		}
		return tx.Record("create", "assessment_objection", o.ID, nil, map[string]any{"deduction": o.Deduction, "points": scoring.Round2(d.Points), "reason": reason, "attachments": names})
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

func deductionAt(res []scoring.DepartmentResult, indicator string, pos int) (scoring.Deduction, bool) {
	if len(res) != 1 || res[0].Unrated {
		return scoring.Deduction{}, false
	}
	for _, ind := range res[0].Indicators {
		if ind.Code == indicator && pos >= 0 && pos < len(ind.Deductions) {
			return ind.Deductions[pos], true
		}
	}
	return scoring.Deduction{}, false
}

// Answer is the office's answer to an objection: accepted, the deduction's
// points come back to the adjusted score; rejected, they stay. Either way
// with a reason, while the assessment is open.
func (s *Store) Answer(ctx context.Context, v models.Viewer, id uint, accept bool, answer string, now time.Time) error {
	if !v.CanRunAssessment() {
		return models.ErrForbidden
	}
	var o Objection
	if err := s.m.DB.WithContext(ctx).First(&o, id).Error; err != nil {
		return models.NotFound(err, "read objection")
	}
	p, err := s.plan(ctx, o.PlanID)
	if err != nil {
		return err
	}
	if !p.Status.Open() {
		return errClosed
	}
	if o.Status != ObjectionOpen {
		return models.Invalid("status", "refuse.assessment.answered")
	}
	if answer, err = models.CheckText("answer", "refuse.label.answer", answer, MaxText, true); err != nil {
		return err
	}
	status := ObjectionRejected
	if accept {
		status = ObjectionAccepted
	}
	at := now.UTC()
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		res := tx.DB.Model(&Objection{}).Where("id = ? AND status = ?", o.ID, ObjectionOpen).
			Updates(map[string]any{"status": status, "answer": answer, "answered_by": v.Name, "answered_at": at})
		if res.Error != nil {
			return fmt.Errorf("answer objection: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Invalid("status", "refuse.assessment.answered")
		}
		if err := event(tx, p.ID, "answer_"+status, deptNote(tx.DB, o.DepartmentID)+"："+o.Deduction, now); err != nil {
			return err
		}
		if err := notifyAnswer(tx, &o, status, now); err != nil {
			return err
		}
		return tx.Record("answer", "assessment_objection", o.ID, map[string]any{"status": ObjectionOpen},
			map[string]any{"status": status, "answer": answer, "points": scoring.Round2(o.PointsRat()), "department": o.DepartmentID})
	})
}

// Adjust records the office's change by hand to one indicator of a
// department, with its written reason, while the assessment is open.
func (s *Store) Adjust(ctx context.Context, v models.Viewer, plan, dept uint, indicator string, points *big.Rat, reason string, now time.Time) error {
	if !v.CanRunAssessment() {
		return models.ErrForbidden
	}
	p, _, err := s.forDepartment(ctx, v, plan, dept)
	if err != nil {
		return err
	}
	if !p.Status.Open() {
		return errClosed
	}
	if reason, err = models.CheckText("reason", "refuse.label.adjustment", reason, MaxText, true); err != nil {
		return err
	}
	auto, err := s.autoResults(ctx, p, dept)
	if err != nil {
		return err
	}
	var maxPts *big.Rat
	if len(auto) == 1 {
		for _, ind := range auto[0].Indicators {
			if ind.Code == indicator {
				maxPts = ind.Max
			}
		}
	}
	if maxPts == nil {
		return models.Invalid("indicator", "refuse.assessment.no_indicator")
	}
	if points == nil || points.Sign() == 0 || new(big.Rat).Abs(points).Cmp(maxPts) > 0 {
		return models.Invalid("points", "refuse.assessment.points", scoring.Round2(maxPts))
	}
	a := Adjustment{PlanID: plan, DepartmentID: dept, Indicator: indicator, Points: points.RatString(), Reason: reason, By: v.Name, At: now.UTC()}
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		if err := tx.DB.Create(&a).Error; err != nil {
			return fmt.Errorf("store adjustment: %w", err)
		}
		if err := event(tx, plan, "adjust", fmt.Sprintf("%s %s %s", deptNote(tx.DB, dept), indicator, scoring.Round2(points)), now); err != nil {
			return err
		}
		return tx.Record("create", "assessment_adjustment", a.ID, nil, map[string]any{"department": dept, "indicator": indicator, "points": scoring.Round2(points), "reason": reason})
	})
}

// AddFinding records a problem found on site, with a rectification due
// date if one is required.
func (s *Store) AddFinding(ctx context.Context, v models.Viewer, plan, dept uint, text string, due scoring.Date, now time.Time) (*Finding, error) {
	if !v.CanRunAssessment() {
		return nil, models.ErrForbidden
	}
	p, _, err := s.forDepartment(ctx, v, plan, dept)
	if err != nil {
		return nil, err
	}
	if !p.Status.Open() {
		return nil, errClosed
	}
	if text, err = models.CheckText("text", "refuse.label.finding", text, MaxText, true); err != nil {
		return nil, err
	}
	f := &Finding{PlanID: plan, DepartmentID: dept, Text: text, Status: FindingNoted, CreatedBy: v.Name, CreatedAt: now.UTC()}
	if due != 0 {
		if due < scoring.DateOf(now) {
			return nil, models.Invalid("due", "refuse.assessment.due_past")
		}
		t := due.Time()
		f.Due, f.Status = &t, FindingOpen
	}
	err = s.m.Audited(ctx, v, func(tx *models.Tx) error {
		if err := tx.DB.Create(f).Error; err != nil {
			return fmt.Errorf("store finding: %w", err)
		}
		if err := event(tx, plan, "finding", deptNote(tx.DB, dept)+"："+text, now); err != nil {
			return err
		}
		return tx.Record("create", "assessment_finding", f.ID, nil, map[string]any{"department": dept, "text": text, "due": due})
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// finding reads a finding and checks the viewer may see its department.
func (s *Store) finding(ctx context.Context, v models.Viewer, id uint) (*Plan, *Finding, error) {
	var f Finding
	if err := s.m.DB.WithContext(ctx).First(&f, id).Error; err != nil {
		return nil, nil, models.NotFound(err, "read finding")
	}
	p, _, err := s.forDepartment(ctx, v, f.PlanID, f.DepartmentID)
	if err != nil {
		return nil, nil, err
	}
	return p, &f, nil
}

// ReportRectification is the head's report that a rectification is done,
// with evidence.
func (s *Store) ReportRectification(ctx context.Context, v models.Viewer, id uint, report string, files []upload.Upload, now time.Time) error {
	p, f, err := s.finding(ctx, v, id)
	if err != nil {
		return err
	}
	if !v.CanActForDepartment(f.DepartmentID) {
		return models.ErrForbidden
	}
	if f.Status != FindingOpen {
		return models.Invalid("status", "refuse.assessment.no_rectify")
	}
	if report, err = models.CheckText("report", "refuse.label.rectification", report, MaxText, true); err != nil {
		return err
	}
	checked, err := checkUploads(files)
	if err != nil {
		return err
	}
	at := now.UTC()
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		if err := tx.DB.Model(&Finding{}).Where("id = ?", f.ID).Updates(map[string]any{"status": FindingReported, "report": report, "reported_by": v.Name, "reported_at": at}).Error; err != nil {
			return fmt.Errorf("report rectification: %w", err)
		}
		names, err := attach(tx, p.ID, f.DepartmentID, OwnerFinding, f.ID, checked, now)
		if err != nil {
			return err
		}
		if err := event(tx, p.ID, "rectified", deptNote(tx.DB, f.DepartmentID)+"："+f.Text, now); err != nil {
			return err
		}
		return tx.Record("report", "assessment_finding", f.ID, map[string]any{"status": f.Status}, map[string]any{"status": FindingReported, "report": report, "attachments": names})
	})
}

// CloseFinding is the office's verification of a reported rectification
// (or of a finding that needed none): closed, with a note.
func (s *Store) CloseFinding(ctx context.Context, v models.Viewer, id uint, note string, now time.Time) error {
	if !v.CanRunAssessment() {
		return models.ErrForbidden
	}
	p, f, err := s.finding(ctx, v, id)
	if err != nil {
		return err
	}
	if f.Status != FindingReported && f.Status != FindingNoted {
		return models.Invalid("status", "refuse.assessment.not_rectified")
	}
	if note, err = models.CheckText("note", "refuse.label.verification", note, MaxText, true); err != nil {
		return err
	}
	at := now.UTC()
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		if err := tx.DB.Model(&Finding{}).Where("id = ?", f.ID).Updates(map[string]any{"status": FindingClosed, "verification": note, "closed_by": v.Name, "closed_at": at}).Error; err != nil {
			return fmt.Errorf("close finding: %w", err)
		}
		if err := event(tx, p.ID, "close_finding", deptNote(tx.DB, f.DepartmentID)+"："+f.Text, now); err != nil {
			return err
		}
		return tx.Record("close", "assessment_finding", f.ID, map[string]any{"status": f.Status}, map[string]any{"status": FindingClosed, "note": note, "department": f.DepartmentID})
	})
}

// Attachment reads one attachment with its content, if the viewer may see
// its department; otherwise it is not found.
func (s *Store) Attachment(ctx context.Context, v models.Viewer, id uint) (*Attachment, error) {
	var a Attachment
	if err := s.m.DB.WithContext(ctx).Omit("data").First(&a, id).Error; err != nil {
		return nil, models.NotFound(err, "read attachment")
	}
	if _, _, err := s.forDepartment(ctx, v, a.PlanID, a.DepartmentID); err != nil {
		return nil, err
	}
	if err := s.m.DB.WithContext(ctx).Select("data").Where("id = ?", a.ID).Take(&a).Error; err != nil {
		return nil, fmt.Errorf("read attachment content: %w", err)
	}
	return &a, nil
}
