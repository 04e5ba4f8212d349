package accountability

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

// What a sanctioned department answers (issue 20 item 7): it sees what its
// cases ask of it and by when, reports a rectification done with its
// files, and attaches files to its appeal; the discipline office verifies
// a reported rectification (CompleteSanction).

// Deadline kinds of a case on a head's home.
const (
	DeadlineSanction = "case_sanction" // a sanction with a time limit, not yet reported done
	DeadlineAppeal   = "case_appeal"   // the last day to appeal a notice
)

// storeFiles checks and stores a department's or the discipline office's
// files with case c, linked to an appeal or a sanction (0 for evidence).
func storeFiles(tx *models.Tx, v models.Viewer, c *Case, files []upload.Upload, appeal, sanction uint, now time.Time) ([]Attachment, error) {
	if len(files) > upload.MaxUploadFiles {
		return nil, models.Invalid("file", "refuse.assessment.files_per_upload", upload.MaxUploadFiles)
	}
	out := make([]Attachment, 0, len(files))
	for _, u := range files {
		mime, err := upload.CheckUpload(u)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(u.Data)
		a := Attachment{CaseID: c.ID, Name: upload.CleanName(u.Name), MIME: mime, Size: int64(len(u.Data)), SHA256: hex.EncodeToString(sum[:]),
			Data: u.Data, UploadedBy: v.Name, UploadedAt: now.UTC(), AppealID: appeal, SanctionID: sanction}
		if err := tx.DB.Create(&a).Error; err != nil {
			return nil, fmt.Errorf("store attachment: %w", err)
		}
		a.Data = nil
		out = append(out, a)
	}
	return out, nil
}

// ReportForm is a department's report that a sanction with a time limit
// (限期整改, 限期改正) was carried out: the day, what was done, its files.
type ReportForm struct {
	Done  scoring.Date
	Text  string
	Files []upload.Upload
}

// ReportDone records the department's report that sanction was carried
// out, with its files, for the discipline office to verify. Only the
// department's head reports, once the notice is issued and while the
// decision stands; a sanction verified or reported already is refused.
func (s *Store) ReportDone(ctx context.Context, v models.Viewer, id, sanction uint, f ReportForm, now time.Time) error {
	file, err := s.Get(ctx, v, id)
	if err != nil {
		return err
	}
	if !MayTake(v, file.DepartmentID, Report) {
		return models.ErrForbidden
	}
	text, err := models.CheckText("text", "refuse.label.rectification", f.Text, models.MaxText, true)
	if err != nil {
		return err
	}
	if f.Done.IsZero() {
		return models.Invalid("done", "refuse.case.done")
	}
	if err := notAfter(f.Done, now, "done"); err != nil {
		return err
	}
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		c, err := s.find(ctx, tx.ForUpdate(), id)
		if err != nil {
			return err
		}
		if !c.Status.NoticeIssued() || !c.Status.Standing() {
			return errStep
		}
		var r SanctionRow
		if err := tx.DB.Where("id = ? AND case_id = ?", sanction, c.ID).First(&r).Error; err != nil {
			return models.ErrNotFound
		}
		switch {
		case r.Due == nil:
			return models.Invalid("sanction", "refuse.case.no_deadline")
		case r.Completed != nil:
			return models.Invalid("sanction", "refuse.case.verified")
		case r.Reported != nil:
			return models.Invalid("sanction", "refuse.case.reported", documents.ChineseDate(scoring.DateOf(*r.Reported)))
		case f.Done < scoring.DateOf(*c.Decided):
			return models.Invalid("done", "refuse.case.done_early")
		}
		files, err := storeFiles(tx, v, c, f.Files, 0, r.ID, now)
		if err != nil {
			return err
		}
		res := tx.DB.Model(&SanctionRow{}).Where("id = ? AND reported IS NULL", r.ID).
			Updates(map[string]any{"reported": datePtr(f.Done), "report_text": text, "reported_by": v.Name})
		if res.Error != nil {
			return fmt.Errorf("report sanction done: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Invalid("sanction", "refuse.case.changed")
		}
		return tx.Record(string(Report), "accountability_case", c.ID, r,
			map[string]any{"sanction": r.ID, "name": r.Name, "reported": f.Done, "text": text, "files": files})
	})
}

// Owed is a case of a department as its head sees it, with what it asks of
// the department and by when.
type Owed struct {
	Case
	Due []clocks.Deadline
}

// OwedBy lists the cases of dept that v may read (a head: once notified),
// newest first, each with its due items on today: every sanction with a
// time limit not yet reported done or verified, and the appeal deadline
// while the window is open.
func (s *Store) OwedBy(ctx context.Context, v models.Viewer, dept uint, today scoring.Date) ([]Owed, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, models.ErrNotFound
	}
	cases, err := s.Cases(ctx, v, Filter{})
	if err != nil {
		return nil, err
	}
	cases = slices.DeleteFunc(cases, func(c Case) bool { return c.DepartmentID != dept })
	out := make([]Owed, 0, len(cases))
	for _, c := range cases {
		o := Owed{Case: c}
		url := fmt.Sprintf("/cases/%d", c.ID)
		if c.Status.Standing() {
			var rows []SanctionRow
			if err := s.m.DB.WithContext(ctx).Where("case_id = ? AND due IS NOT NULL AND completed IS NULL AND reported IS NULL", c.ID).Order("due, id").Find(&rows).Error; err != nil {
				return nil, fmt.Errorf("read sanctions due: %w", err)
			}
			for _, r := range rows {
				o.Due = append(o.Due, clocks.Deadline{DepartmentID: dept, Kind: DeadlineSanction, Title: c.CaseNo + " " + r.Name, RecordID: r.ID,
					Due: scoring.DateOf(*r.Due), URL: url + "#decision"})
			}
		}
		if c.Status == Notified && today <= c.AppealDeadline() {
			o.Due = append(o.Due, clocks.Deadline{DepartmentID: dept, Kind: DeadlineAppeal, Title: c.NoticeNo, RecordID: c.ID,
				Due: c.AppealDeadline(), URL: url + "#appeals"})
		}
		out = append(out, o)
	}
	return out, nil
}

// DeadlinesOf flattens the due items of cases, for a head's agenda.
func DeadlinesOf(cases []Owed) []clocks.Deadline {
	var out []clocks.Deadline
	for _, o := range cases {
		out = append(out, o.Due...)
	}
	return out
}
