package requests

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/scoring"
)

// Consult asks a third party's opinion (征求第三方意见书): the clock pauses
// from on until the reply, or the third party's 15 working days.
func (s *Store) Consult(ctx context.Context, v models.Viewer, id uint, on scoring.Date, party, what string, today scoring.Date) error {
	party, err := models.CheckText("party", "requests.field.party", party, MaxParty, true)
	if err != nil {
		return err
	}
	if what, err = models.CheckText("note", "requests.field.consult", what, models.MaxText, true); err != nil {
		return err
	}
	return s.dated(ctx, v, models.ActWorkRequests, id, on, today, func(tx *models.Tx, q *models.Request, st *state) error {
		if q.PauseStart != nil {
			return models.Invalid("", "requests.refuse.consult_once")
		}
		if st.WaitingCorrection {
			return models.Invalid("", "requests.refuse.waiting_correction")
		}
		cal, err := s.Calendar(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		doc, err := issue(tx, q, letterInput{Kind: LetterConsult, On: on, To: party, Facts: map[string]string{
			"征询事项": what, "第三方期限": chineseDate(scoring.ThirdPartyDue(cal, on))}})
		if err != nil {
			return err
		}
		q.PauseStart = timeOf(on)
		_, err = addStep(tx, q, Step{Kind: StepConsult, On: on.Time(), Party: party, Note: what, DocumentID: doc.ID})
		return err
	})
}

// ThirdPartyReply records the third party's opinion (同意 or 不同意) and
// its date, or, opinion "", that none came within its 15 working days
// (recorded on a day after them): the pause ends on on.
func (s *Store) ThirdPartyReply(ctx context.Context, v models.Viewer, id uint, on scoring.Date, opinion, text string, today scoring.Date) error {
	text, err := models.CheckText("note", "requests.field.opinion", text, models.MaxText, false)
	if err != nil {
		return err
	}
	if opinion != "" && opinion != Agree && opinion != Disagree {
		return models.Invalid("opinion", "requests.refuse.opinion")
	}
	return s.dated(ctx, v, models.ActWorkRequests, id, on, today, func(tx *models.Tx, q *models.Request, st *state) error {
		switch {
		case q.PauseStart == nil:
			return models.Invalid("", "requests.refuse.no_consult")
		case q.PauseEnd != nil:
			return models.Invalid("", "requests.refuse.replied_once")
		case on < dateOf(q.PauseStart):
			return models.Invalid("date", "requests.refuse.before_step")
		}
		cal, err := s.Calendar(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		due := scoring.ThirdPartyDue(cal, dateOf(q.PauseStart))
		kind := StepReply
		if opinion == "" {
			if on <= due {
				return models.Invalid("date", "requests.refuse.third_party_running", chineseDate(due))
			}
			kind, on = StepNoReply, due
		}
		q.PauseEnd = timeOf(on)
		_, err = addStep(tx, q, Step{Kind: kind, On: on.Time(), Party: st.ThirdParty, Opinion: opinion, Note: text})
		return err
	})
}

// AskExtension asks the office to extend the answer limit, with a reason.
func (s *Store) AskExtension(ctx context.Context, v models.Viewer, id uint, on scoring.Date, reason string, today scoring.Date) error {
	reason, err := models.CheckText("note", "requests.field.reason", reason, models.MaxText, true)
	if err != nil {
		return err
	}
	return s.dated(ctx, v, models.ActWorkRequests, id, on, today, func(tx *models.Tx, q *models.Request, st *state) error {
		if st.ExtensionAsked {
			return models.Invalid("", "requests.refuse.extension_once")
		}
		_, err := addStep(tx, q, Step{Kind: StepExtensionAsked, On: on.Time(), Note: reason})
		return err
	})
}

// DecideExtension is the office's decision on an extension asked: an
// approval extends the limit by exactly the scheme's extension
// (time_limits.extension: 15 working days in the defaults, 20 under the
// 2019 regulation; no other length can be asked) and issues the
// 延长答复期限告知书 to the applicant, which states that length.
func (s *Store) DecideExtension(ctx context.Context, v models.Viewer, id uint, on scoring.Date, approve bool, note string, today scoring.Date) error {
	note, err := models.CheckText("note", "requests.field.decision", note, models.MaxText, !approve)
	if err != nil {
		return err
	}
	return s.dated(ctx, v, models.ActApproveExtension, id, on, today, func(tx *models.Tx, q *models.Request, st *state) error {
		if !st.ExtensionPending {
			return models.Invalid("", "requests.refuse.no_extension")
		}
		if on < st.ExtensionAskedOn {
			return models.Invalid("date", "requests.refuse.before_step")
		}
		if !approve {
			_, err := addStep(tx, q, Step{Kind: StepExtensionRefused, On: on.Time(), Opinion: Refuse, Note: note})
			return err
		}
		q.Extended = true
		cal, err := s.Calendar(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		limits, err := s.limits(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		due := scoring.RequestDue(cal, limits, requestOf(q), on)
		doc, err := issue(tx, q, letterInput{Kind: LetterExtension, On: on, Facts: map[string]string{
			"延期理由": st.ExtensionReason, "延长工作日": strconv.Itoa(limits.Extension), "答复期限": chineseDate(due)}})
		if err != nil {
			return err
		}
		_, err = addStep(tx, q, Step{Kind: StepExtensionApproved, On: on.Time(), Opinion: Approve, Note: note, DocumentID: doc.ID})
		return err
	})
}

// Transfer forwards a part of a request to another unit (内部转办, seed
// 004 art. 21; for a 更正申请, the unit that may correct it, art. 25),
// with a 转办单 asking its answer within the request's deadline.
func (s *Store) Transfer(ctx context.Context, v models.Viewer, id uint, on scoring.Date, to uint, part string, today scoring.Date) error {
	part, err := models.CheckText("note", "requests.field.part", part, models.MaxText, true)
	if err != nil {
		return err
	}
	return s.dated(ctx, v, models.ActWorkRequests, id, on, today, func(tx *models.Tx, q *models.Request, st *state) error {
		var unit models.Department
		if to == q.DepartmentID || tx.DB.First(&unit, to).Error != nil {
			return models.Invalid("unit", "requests.refuse.unit")
		}
		if st.TransferPending {
			return models.Invalid("", "requests.refuse.transfer_once")
		}
		cal, err := s.Calendar(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		limits, err := s.limits(tx.DB.Statement.Context)
		if err != nil {
			return err
		}
		due := scoring.RequestDue(cal, limits, requestOf(q), on)
		doc, err := issue(tx, q, letterInput{Kind: LetterTransfer, On: on, To: unit.Name, Facts: map[string]string{
			"转办事项": part, "答复期限": chineseDate(due)}})
		if err != nil {
			return err
		}
		if _, err = addStep(tx, q, Step{Kind: StepTransfer, On: on.Time(), Party: unit.Name, PartyID: unit.ID, Note: part, DocumentID: doc.ID}); err != nil {
			return err
		}
		from, err := departmentName(tx, q.DepartmentID)
		if err != nil {
			return err
		}
		return notify.ToDepartment(tx, unit.ID, models.ActWorkRequests, notify.Message{Kind: notify.KindNotice, Subject: "transfer.notify.forwarded",
			Args: []string{from, q.RequestNo, due.String()}, Note: part, Link: URL(q.ID), Required: true}, time.Now().UTC())
	})
}

// TransferAnswered records the answer of the unit a part was forwarded
// to, by that unit (v of it): the handling department answers the
// applicant once, with it, and is told in its inbox. The handling
// department itself is refused in Chinese (the unit answers); any other
// department gets a 404, as for a request it may not read.
func (s *Store) TransferAnswered(ctx context.Context, v models.Viewer, id uint, on scoring.Date, text string, today scoring.Date) error {
	text, err := models.CheckText("note", "requests.field.unit_answer", text, models.MaxText, true)
	if err != nil {
		return err
	}
	if !v.Can(models.ActWorkRequests) {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var q models.Request
		if err := tx.ForUpdate().First(&q, id).Error; err != nil {
			return models.NotFound(err, "read request")
		}
		steps, err := stepsOf(tx.DB, id)
		if err != nil {
			return err
		}
		unit := receivingUnit(v, steps)
		switch {
		case unit == 0 && v.CanSeeDepartment(q.DepartmentID):
			return models.Invalid("", "transfer.refuse.unit_answers")
		case unit == 0:
			return models.ErrNotFound
		}
		st := stateOf(&q, steps)
		if err := st.open(); err != nil {
			return err
		}
		if err := notBefore(&q, on, today); err != nil {
			return err
		}
		if !st.TransferPending || st.TransferUnitID != unit {
			return models.Invalid("", "requests.refuse.no_transfer")
		}
		if on < st.TransferredOn {
			return models.Invalid("date", "requests.refuse.before_step")
		}
		if _, err := addStep(tx, &q, Step{Kind: StepTransferAnswer, On: on.Time(), Party: st.TransferUnit, PartyID: unit, Note: text}); err != nil {
			return err
		}
		return notify.ToDepartment(tx, q.DepartmentID, models.ActWorkRequests, notify.Message{Kind: notify.KindNotice, Subject: "transfer.notify.answered",
			Args: []string{st.TransferUnit, q.RequestNo}, Note: text, Link: URL(q.ID)}, time.Now().UTC())
	})
}

// URL is a request's page (/requests/:id), where every link to a request
// goes: the ledger's rows, the record page, the homes, the notices.
func URL(id uint) string { return fmt.Sprintf("/requests/%d", id) }

// departmentName is a department's name, which is no secret.
func departmentName(tx *models.Tx, id uint) (string, error) {
	var d models.Department
	if err := tx.DB.First(&d, id).Error; err != nil {
		return "", fmt.Errorf("read department %d: %w", id, err)
	}
	return d.Name, nil
}
