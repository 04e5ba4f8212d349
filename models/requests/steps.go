package requests

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// Bounds of what a form may carry, in characters.
const (
	MaxName    = 128
	MaxIDNo    = 32
	MaxContact = 256
	MaxParty   = 128
	MaxBasis   = 256
	MaxNo      = 64
)

// Registration is a request as the department registers it.
type Registration struct {
	Department       uint
	No               string // 申请编号; empty: the next of the department's year
	Kind             string // RequestKindDisclosure or RequestKindCorrection
	Received         scoring.Date
	Channel          string
	Forwarded        scoring.Date // an online request: when it reached the department
	Applicant        string       // the national applicant type
	Name, IDNo       string
	Contact, Content string
	DeliveryWanted   string
}

// Register records a request received by v's department (or, for a
// department head or clerk, their own): a telephone enquiry is refused
// (it is told how to apply), an online one needs the day it was
// forwarded, and the same applicant's same content received the same day
// twice is refused as a double submit.
func (s *Store) Register(ctx context.Context, v models.Viewer, r Registration, today scoring.Date) (*models.Request, error) {
	if err := v.MayForDepartment(models.ActWorkRequests, r.Department); err != nil {
		return nil, err
	}
	if err := r.check(today); err != nil {
		return nil, err
	}
	q := &models.Request{DepartmentID: r.Department, RequestNo: r.No, Kind: r.Kind, Received: r.Received.Time(), Channel: r.Channel,
		Applicant: r.Applicant, ApplicantName: r.Name, ApplicantIDNo: r.IDNo, ApplicantContact: r.Contact, Content: r.Content,
		DeliveryWanted: r.DeliveryWanted, Origin: models.RequestOriginApp}
	if !r.Forwarded.IsZero() {
		q.Forwarded = timeOf(r.Forwarded)
	}
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		var same int64
		if err := tx.DB.Model(&models.Request{}).Where("department_id = ? AND received = ? AND applicant_name = ? AND applicant_id_no = ? AND content = ?",
			r.Department, r.Received.Time(), r.Name, r.IDNo, r.Content).Count(&same).Error; err != nil {
			return fmt.Errorf("check duplicate: %w", err)
		}
		if same > 0 {
			return models.Invalid("", "requests.refuse.registered")
		}
		if q.RequestNo == "" {
			no, err := nextNo(tx, r.Department, r.Received.Year())
			if err != nil {
				return err
			}
			q.RequestNo = no
		} else {
			var taken int64
			if err := tx.DB.Model(&models.Request{}).Where("department_id = ? AND request_no = ?", r.Department, q.RequestNo).Count(&taken).Error; err != nil {
				return fmt.Errorf("check number: %w", err)
			}
			if taken > 0 {
				return models.Invalid("no", "requests.refuse.no_taken", q.RequestNo)
			}
		}
		q.UpdatedAt = q.Received
		if err := tx.DB.Create(q).Error; err != nil {
			return fmt.Errorf("register request: %w", err)
		}
		if err := tx.Record("create", "request", q.ID, nil, clockColumns(q)); err != nil {
			return err
		}
		_, err := addStep(tx, q, Step{Kind: StepRegister, On: q.Received, Note: r.Channel})
		return err
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// check is what a registration must say.
func (r *Registration) check(today scoring.Date) error {
	r.No, r.Name, r.IDNo, r.Contact = strings.TrimSpace(r.No), strings.TrimSpace(r.Name), strings.TrimSpace(r.IDNo), strings.TrimSpace(r.Contact)
	switch {
	case r.Channel == ChannelPhone:
		return models.Invalid("channel", "requests.refuse.phone")
	case !slices.Contains(Channels, r.Channel):
		return models.Invalid("channel", "requests.refuse.channel")
	case r.Kind != models.RequestKindDisclosure && r.Kind != models.RequestKindCorrection:
		return models.Invalid("kind", "requests.refuse.kind")
	case r.Received.IsZero() || r.Received > today:
		return models.Invalid("received", "requests.refuse.received")
	case r.Channel == scoring.ChannelOnline && r.Forwarded.IsZero():
		return models.Invalid("forwarded", "requests.refuse.forwarded_missing")
	case !r.Forwarded.IsZero() && (r.Forwarded < r.Received || r.Forwarded > today):
		return models.Invalid("forwarded", "requests.refuse.forwarded_date")
	case !slices.Contains(reports.ApplicantTypes, r.Applicant):
		return models.Invalid("applicant", "requests.refuse.applicant")
	case r.DeliveryWanted != "" && !slices.Contains(DeliveryForms, r.DeliveryWanted):
		return models.Invalid("delivery", "requests.refuse.delivery")
	case utf8.RuneCountInString(r.No) > MaxNo:
		return models.Invalid("no", "requests.refuse.too_long", MaxNo)
	case utf8.RuneCountInString(r.IDNo) > MaxIDNo:
		return models.Invalid("id_no", "requests.refuse.too_long", MaxIDNo)
	case utf8.RuneCountInString(r.Contact) > MaxContact:
		return models.Invalid("contact", "requests.refuse.too_long", MaxContact)
	}
	var err error
	if r.Name, err = models.CheckText("name", "requests.field.name", r.Name, MaxName, true); err != nil {
		return err
	}
	r.Content, err = models.CheckText("content", "requests.field.content", r.Content, models.MaxText, true)
	return err
}

// nextNo is the next number of a department's requests of a year:
// YS2026-001, YS2026-002… (YS: 依申)
func nextNo(tx *models.Tx, dept uint, year int) (string, error) {
	var n int64
	if err := tx.DB.Model(&models.Request{}).Where("department_id = ? AND request_no LIKE ?", dept, fmt.Sprintf("YS%d-%%", year)).Count(&n).Error; err != nil {
		return "", fmt.Errorf("number request: %w", err)
	}
	for i := n + 1; ; i++ {
		no := fmt.Sprintf("YS%d-%03d", year, i)
		var taken int64
		if err := tx.DB.Model(&models.Request{}).Where("department_id = ? AND request_no = ?", dept, no).Count(&taken).Error; err != nil {
			return "", fmt.Errorf("number request: %w", err)
		}
		if taken == 0 {
			return no, nil
		}
	}
}

// step runs one step of a request in an audited transaction: fn checks
// the request's state, changes it and issues its letter; the request is
// saved (audit-logged with before and after) when fn changed it.
func (s *Store) step(ctx context.Context, v models.Viewer, a models.Action, id uint, fn func(tx *models.Tx, q *models.Request, st *state) error) error {
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		q, err := load(tx, v, a, id)
		if err != nil {
			return err
		}
		steps, err := stepsOf(tx.DB, id)
		if err != nil {
			return err
		}
		before := *q
		st := stateOf(q, steps)
		if err := fn(tx, q, &st); err != nil {
			return err
		}
		if clockChanged(&before, q) {
			return save(tx, &before, q)
		}
		return nil
	})
}

// dated runs a step taken on day on of an open request: refused
// when the request is answered or closed, or on lies before its receipt or
// after today.
func (s *Store) dated(ctx context.Context, v models.Viewer, a models.Action, id uint, on, today scoring.Date, fn func(tx *models.Tx, q *models.Request, st *state) error) error {
	return s.step(ctx, v, a, id, func(tx *models.Tx, q *models.Request, st *state) error {
		if err := st.open(); err != nil {
			return err
		}
		if err := notBefore(q, on, today); err != nil {
			return err
		}
		return fn(tx, q, st)
	})
}

// clockChanged reports whether a step changed the request's columns.
func clockChanged(a, b *models.Request) bool {
	return fmt.Sprint(clockColumns(a)) != fmt.Sprint(clockColumns(b))
}

// notBefore refuses a step dated before the request was received or
// after today.
func notBefore(q *models.Request, on, today scoring.Date) error {
	switch {
	case on.IsZero():
		return models.Invalid("date", "requests.refuse.date")
	case on < scoring.DateOf(q.Received):
		return models.Invalid("date", "requests.refuse.before_received")
	case on > today:
		return models.Invalid("date", "requests.refuse.future")
	}
	return nil
}

// open refuses a step on a request already answered or closed.
func (st *state) open() error {
	if st.Answered {
		return models.Invalid("", "requests.refuse.answered")
	}
	return nil
}

// AskCorrection tells the applicant what to supplement (补正告知书): the
// clock stops from on until the correction arrives.
func (s *Store) AskCorrection(ctx context.Context, v models.Viewer, id uint, on scoring.Date, what string, today scoring.Date) error {
	what, err := models.CheckText("note", "requests.field.correction", what, models.MaxText, true)
	if err != nil {
		return err
	}
	return s.dated(ctx, v, models.ActWorkRequests, id, on, today, func(tx *models.Tx, q *models.Request, st *state) error {
		if q.CorrectionStart != nil {
			return models.Invalid("", "requests.refuse.correction_once")
		}
		cal, err := s.Calendar(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		doc, err := issue(tx, q, letterInput{Kind: LetterCorrection, On: on, Facts: map[string]string{
			"补正事项": what, "补正期限": chineseDate(scoring.CorrectionDue(cal, on))}})
		if err != nil {
			return err
		}
		q.CorrectionStart = timeOf(on)
		_, err = addStep(tx, q, Step{Kind: StepCorrection, On: on.Time(), Note: what, DocumentID: doc.ID})
		return err
	})
}

// Corrected records the correction's arrival: the clock restarts from on.
// A correction after the period the letter gave is refused: the request
// is closed as 视为放弃 instead (Abandon).
func (s *Store) Corrected(ctx context.Context, v models.Viewer, id uint, on scoring.Date, today scoring.Date) error {
	return s.dated(ctx, v, models.ActWorkRequests, id, on, today, func(tx *models.Tx, q *models.Request, st *state) error {
		switch {
		case q.CorrectionStart == nil:
			return models.Invalid("", "requests.refuse.no_correction")
		case q.CorrectionEnd != nil:
			return models.Invalid("", "requests.refuse.corrected_once")
		case on < dateOf(q.CorrectionStart):
			return models.Invalid("date", "requests.refuse.before_step")
		}
		cal, err := s.Calendar(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		if due := scoring.CorrectionDue(cal, dateOf(q.CorrectionStart)); on > due {
			return models.Invalid("date", "requests.refuse.correction_late", chineseDate(due))
		}
		q.CorrectionEnd = timeOf(on)
		_, err = addStep(tx, q, Step{Kind: StepCorrected, On: on.Time()})
		return err
	})
}

// Abandon closes a request never corrected within the period the
// 补正告知书 gave: 视为放弃 (条例 art. 30), the national result 其他处理.
func (s *Store) Abandon(ctx context.Context, v models.Viewer, id uint, on scoring.Date, today scoring.Date) error {
	return s.dated(ctx, v, models.ActWorkRequests, id, on, today, func(tx *models.Tx, q *models.Request, st *state) error {
		if q.CorrectionStart == nil || q.CorrectionEnd != nil {
			return models.Invalid("", "requests.refuse.not_waiting_correction")
		}
		cal, err := s.Calendar(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		if due := scoring.CorrectionDue(cal, dateOf(q.CorrectionStart)); on <= due {
			return models.Invalid("date", "requests.refuse.correction_running", chineseDate(due))
		}
		q.CorrectionEnd, q.Answered = timeOf(on), timeOf(on)
		q.Answer, q.Result = "告知更改补充", Abandoned
		_, err = addStep(tx, q, Step{Kind: StepAbandoned, On: on.Time()})
		return err
	})
}
