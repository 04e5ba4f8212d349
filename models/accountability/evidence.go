package accountability

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// EvidenceKinds are the records a case may link by hand, with how the form
// names them: a publication by its 索引号, a request or complaint by its
// number, an incident by its date.
var EvidenceKinds = []string{"publication", "request", "complaint", "incident", "finding"}

// LinkEvidence links a record of the case's department to an open case.
func (s *Store) LinkEvidence(ctx context.Context, v models.Viewer, id uint, kind, ref string) error {
	return s.change(ctx, v, id, "link_evidence", []Status{Investigating, Heard}, func(tx *models.Tx, c *Case) (any, error) {
		ref = strings.TrimSpace(ref)
		if ref == "" || utf8.RuneCountInString(ref) > 64 {
			return nil, models.Invalid("ref", "refuse.case.ref")
		}
		e := Evidence{CaseID: c.ID, Kind: kind}
		var found []evidenceRow
		q := tx.DB.Where("department_id = ?", c.DepartmentID)
		var err error
		switch kind {
		case "publication":
			err = q.Model(&models.Publication{}).Select("id, title AS label").Where("index_no = ?", ref).Scan(&found).Error
		case "request":
			err = q.Model(&models.Request{}).Select("id, request_no AS label").Where("request_no = ?", ref).Scan(&found).Error
		case "complaint":
			err = q.Model(&models.Complaint{}).Select("id, complaint_no AS label").Where("complaint_no = ?", ref).Scan(&found).Error
		case "finding":
			// An on-site review finding (实地考核问题), by the assessment's
			// year and the number its assessment page shows (2025-1).
			found, err = s.findingByNumber(tx.DB, c.DepartmentID, ref)
			if err != nil {
				return nil, err
			}
		case "incident":
			d, perr := scoring.ParseDate(ref)
			if perr != nil {
				return nil, models.Invalid("ref", "refuse.case.ref_incident")
			}
			err = q.Model(&models.Incident{}).Select("id, kind AS label").Where("date = ?", d.Time()).Scan(&found).Error
		default:
			return nil, models.Invalid("kind", "refuse.case.record_kind")
		}
		if err != nil {
			return nil, fmt.Errorf("find %s %s: %w", kind, ref, err)
		}
		if len(found) == 0 {
			return nil, models.Invalid("ref", "refuse.case.ref_missing", ref)
		}
		e.RefID, e.Label = found[0].ID, evidenceLabel(kind, ref, found[0].Label)
		if err := tx.DB.Create(&e).Error; err != nil {
			return nil, fmt.Errorf("link evidence: %w", err)
		}
		return e, nil
	})
}

// findingByNumber finds the department's on-site finding named "year-number",
// as the assessment pages number it. A reference refused as malformed is a
// models.Invalid; none found, an empty list.
func (s *Store) findingByNumber(tx *gorm.DB, dept uint, ref string) ([]evidenceRow, error) {
	y, n, ok := strings.Cut(ref, "-")
	year, yerr := strconv.Atoi(strings.TrimSpace(y))
	no, nerr := strconv.Atoi(strings.TrimSpace(n))
	if !ok || yerr != nil || nerr != nil || no < 1 {
		return nil, models.Invalid("ref", "refuse.case.ref_finding")
	}
	id, text, found, err := s.standings.FindingByNumber(tx, dept, year, no)
	if err != nil || !found {
		return nil, err
	}
	return []evidenceRow{{ID: id, Label: text}}, nil
}

type evidenceRow struct {
	ID    uint
	Label string
}

func evidenceLabel(kind, ref, label string) string {
	switch kind {
	case "publication":
		return "公开记录" + ref + "：" + label
	case "request":
		return "公开申请" + ref
	case "complaint":
		return "投诉" + ref
	case "finding":
		year, no, _ := strings.Cut(ref, "-")
		return year + "年度实地考核问题" + no + "：" + label
	}
	return ref + " " + label
}
