package publications

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/cache"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/scoring"
)

// maxList bounds a list of works or steps read whole (the deferred works,
// what waits for a viewer).
const maxList = 500

// scope narrows a query of works to those v may read: every one for a
// reader of the bureau; a department's own, those that consult it, and for
// the secrecy committee office every one (it re-reviews them all).
func scope(db *gorm.DB, v models.Viewer) (*gorm.DB, error) {
	dept, limited := v.OwnDepartment()
	if !limited {
		return db, nil
	}
	office, err := secrecyOffice(db.Session(&gorm.Session{NewDB: true}), dept)
	if err != nil || office {
		return db, err
	}
	asked := db.Session(&gorm.Session{NewDB: true}).Model(&Consultation{}).Select("work_id").Where("asked_id = ?", dept)
	return db.Where("department_id = ? OR id IN (?)", dept, asked), nil
}

// List is the ids of the works v may read, of department dept when not 0,
// newest first: every one, read from the index (idx_publication_works_formed),
// for a list kept until the next change and shown a page at a time (Works).
func (s *Store) List(ctx context.Context, v models.Viewer, dept uint) ([]uint, error) {
	q, err := scope(s.DB.WithContext(ctx).Model(&Work{}), v)
	if err != nil {
		return nil, err
	}
	if dept != 0 {
		q = q.Where("department_id = ?", dept)
	}
	var out []uint
	if err := q.Order("formed desc, id desc").Pluck("id", &out).Error; err != nil {
		return nil, fmt.Errorf("list publication works: %w", err)
	}
	return out, nil
}

// Works reads the works of ids that v may read, in the order of ids: a
// page of List.
func (s *Store) Works(ctx context.Context, v models.Viewer, ids []uint) ([]Work, error) {
	q, err := scope(s.DB.WithContext(ctx), v)
	if err != nil {
		return nil, err
	}
	var ws []Work
	if err := q.Where("id IN ?", ids).Find(&ws).Error; err != nil {
		return nil, fmt.Errorf("read publication works: %w", err)
	}
	at := make(map[uint]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	slices.SortFunc(ws, func(a, b Work) int { return at[a.ID] - at[b.ID] })
	return ws, nil
}

// Deferred lists the works v may read that are deferred and not yet
// settled (暂缓公开, listed until settled), newest first, at most
// maxList.
func (s *Store) Deferred(ctx context.Context, v models.Viewer) ([]Work, error) {
	q, err := scope(s.DB.WithContext(ctx).Model(&Work{}), v)
	if err != nil {
		return nil, err
	}
	var out []Work
	err = q.Where("deferred_until IS NOT NULL AND defer_settled IS NULL").Order("formed desc, id desc").Limit(maxList).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list deferred publication works: %w", err)
	}
	return out, nil
}

// ConsultationView is a consultation with its clock as of a day.
type ConsultationView struct {
	Consultation
	Due   scoring.Date
	State scoring.ReplyState // pending, replied, consent, late
	Holds string             // the opinion that holds
}

// View is a work as its page shows it: every step, its clocks, the
// history and what it breached.
type View struct {
	Work          Work
	Involved      []uint
	Steps         []Step
	NextStep      int          // the step to sign next; 0 once all are signed
	ReviewDue     scoring.Date // 15 working days from step 1 (seed 003 art. 11)
	ReviewLate    int          // working days late: decided late, or still open past due
	ConsultBy     scoring.Date // the last day to send the letters
	Consultations []ConsultationView
	Events        []Event
	Objections    []Objection // other departments' objections (异议) and the office's answers
	Violations    []Violation
}

// Doc reads work id as models/guard keeps its electronic copies, if v may
// read it; otherwise ErrNotFound.
func (s *Store) Doc(ctx context.Context, v models.Viewer, id uint) (guard.Doc, error) {
	q, err := scope(s.DB.WithContext(ctx), v)
	if err != nil {
		return guard.Doc{}, err
	}
	var w Work
	if err := q.First(&w, id).Error; err != nil {
		return guard.Doc{}, models.NotFound(err, "read publication work")
	}
	return w.Doc(), nil
}

// Work reads one work as of today if v may read it; otherwise ErrNotFound.
func (s *Store) Work(ctx context.Context, v models.Viewer, id uint, today scoring.Date) (*View, error) {
	q, err := scope(s.DB.WithContext(ctx), v)
	if err != nil {
		return nil, err
	}
	var w Work
	if err := q.First(&w, id).Error; err != nil {
		return nil, models.NotFound(err, "read publication work")
	}
	db := s.DB.WithContext(ctx)
	view := &View{Work: w, Involved: involved(w.Involved)}
	if err := db.Where("work_id = ?", id).Order("n").Find(&view.Steps).Error; err != nil {
		return nil, fmt.Errorf("read review steps: %w", err)
	}
	var cs []Consultation
	if err := db.Where("work_id = ?", id).Order("id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("read consultations: %w", err)
	}
	if err := db.Where("work_id = ?", id).Order("day, id").Find(&view.Events).Error; err != nil {
		return nil, fmt.Errorf("read publication history: %w", err)
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	limits, err := s.CurrentLimits(ctx)
	if err != nil {
		return nil, err
	}
	if len(view.Steps) < Steps {
		view.NextStep = len(view.Steps) + 1
	}
	view.ConsultBy = scoring.ConsultationDue(cal, scoring.DateOf(w.Formed))
	if limits != nil && len(view.Steps) > 0 {
		view.ReviewDue = scoring.ReviewDue(cal, *limits, scoring.DateOf(view.Steps[0].Day))
		done := today
		if view.NextStep == 0 {
			done = scoring.DateOf(view.Steps[Steps-1].Day)
		}
		view.ReviewLate = cal.WorkingDaysLate(view.ReviewDue, done)
	}
	for _, c := range cs {
		cv := ConsultationView{Consultation: c, State: scoring.ReplyPending}
		if limits != nil {
			sc := scoring.Coordination{Sent: scoring.DateOf(c.Sent), Replied: models.DayPtr(c.Answered), Opinion: c.Opinion}
			cv.Due = scoring.CoordinationDue(cal, *limits, sc.Sent)
			cv.State, cv.Holds = scoring.CoordinationState(sc, cv.Due, today)
		}
		view.Consultations = append(view.Consultations, cv)
	}
	view.Objections = objections(view.Events)
	view.Violations = violations(w, view.Steps, cs, cal)
	return view, nil
}

// violationBatch is how many works Violations reads with their steps and
// consultations at a time: a year's publications worked in the app are a
// million works, more than a query's placeholders or a page view's memory
// hold at once.
const violationBatch = 1000

// workEntities name what changes a work in the audit log: the work, its
// consultations, its publication.
var workEntities = []string{"publication_work", "publication_consultation", "publication"}

// violationsKey names the breaches v reads in one database, as its works
// stood at a change, under one calendar.
type violationsKey struct {
	db    *models.Store
	v     models.Viewer
	stamp int64
	cal   *scoring.Calendar
}

// keptViolations keeps the breaches read last: reading them reads every
// published work with its steps and consultations, a million works at a
// province's scale, and the discipline office's home and case list show
// them on every view. A breach is a work's own (its dates, steps and
// consultations, and the calendar), so a change of no work keeps them.
var keptViolations = cache.New[violationsKey, []Violation](4)

// Violations lists the breaches of every work (the discipline office's
// proposals read them; models.System reads all), reading the works a
// batch at a time, kept until a work changes.
func (s *Store) Violations(ctx context.Context, v models.Viewer) ([]Violation, error) {
	q, err := scope(s.DB.WithContext(ctx), v)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.Stamps(ctx)
	if err != nil {
		return nil, err
	}
	return keptViolations.Get(violationsKey{s.Store, v, st.To(workEntities...), cal}, func() ([]Violation, error) { return s.violations(ctx, q, cal) })
}

// violations reads the breaches of the works of q.
func (s *Store) violations(ctx context.Context, q *gorm.DB, cal *scoring.Calendar) ([]Violation, error) {
	var out []Violation
	var ws []Work
	res := q.Where("published IS NOT NULL OR id IN (?)", s.DB.Model(&Consultation{}).Select("work_id")).
		FindInBatches(&ws, violationBatch, func(*gorm.DB, int) error {
			vs, err := s.violationsOf(ctx, ws, cal)
			out = append(out, vs...)
			return err
		})
	if res.Error != nil {
		return nil, fmt.Errorf("read published works: %w", res.Error)
	}
	return out, nil
}

// violationsOf finds the breaches of a batch of works.
func (s *Store) violationsOf(ctx context.Context, ws []Work, cal *scoring.Calendar) ([]Violation, error) {
	ids := make([]uint, len(ws))
	for i, w := range ws {
		ids[i] = w.ID
	}
	var steps []Step
	if err := s.DB.WithContext(ctx).Where("work_id IN ?", ids).Order("work_id, n").Find(&steps).Error; err != nil {
		return nil, fmt.Errorf("read review steps: %w", err)
	}
	var cs []Consultation
	if err := s.DB.WithContext(ctx).Where("work_id IN ?", ids).Order("id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("read consultations: %w", err)
	}
	stepsOf, consultsOf := map[uint][]Step{}, map[uint][]Consultation{}
	for _, st := range steps {
		stepsOf[st.WorkID] = append(stepsOf[st.WorkID], st)
	}
	for _, c := range cs {
		consultsOf[c.WorkID] = append(consultsOf[c.WorkID], c)
	}
	var out []Violation
	for _, w := range ws {
		out = append(out, violations(w, stepsOf[w.ID], consultsOf[w.ID], cal)...)
	}
	return out, nil
}

// ToDo is what waits for v: review steps v may sign and consultations its
// department owes an answer, for the home page.
type ToDo struct {
	Steps   []Work         // works whose next step v may sign
	Answers []Consultation // consultations v's department owes
	Settle  []Consultation // disagreements the office settles
	// Objections are other departments' objections the office answers.
	Objections []Event
	Titles     map[uint]string
}

// ToDo reads what waits for v.
func (s *Store) ToDo(ctx context.Context, v models.Viewer) (*ToDo, error) {
	out := &ToDo{Titles: map[uint]string{}}
	db := s.DB.WithContext(ctx)
	var ws []Work
	q, err := scope(db, v)
	if err != nil {
		return nil, err
	}
	if err := q.Where("withdrawn IS NULL").Order("id").Limit(maxList).Find(&ws).Error; err != nil {
		return nil, fmt.Errorf("read works: %w", err)
	}
	office, err := secrecyOffice(db, v.DepartmentID)
	if err != nil {
		return nil, err
	}
	stepsOf := map[uint][]Step{}
	if len(ws) > 0 {
		ids := make([]uint, len(ws))
		for i, w := range ws {
			ids[i] = w.ID
		}
		var all []Step
		if err := db.Where("work_id IN ?", ids).Order("work_id, n").Find(&all).Error; err != nil {
			return nil, fmt.Errorf("read review steps: %w", err)
		}
		for _, st := range all {
			stepsOf[st.WorkID] = append(stepsOf[st.WorkID], st)
		}
	}
	for _, w := range ws {
		steps := stepsOf[w.ID]
		n := len(steps) + 1
		if n > Steps || !v.Can(StepAction(n)) || slices.ContainsFunc(steps, func(s Step) bool { return s.UserID == v.UserID }) {
			continue
		}
		if (n <= 2 && v.DepartmentID != w.DepartmentID) || (n == 4 && !office) {
			continue
		}
		out.Steps = append(out.Steps, w)
	}
	if v.Can(models.ActWorkPublication) && v.DepartmentID != 0 {
		if err := db.Where("asked_id = ? AND answered IS NULL", v.DepartmentID).Order("sent").Limit(maxList).Find(&out.Answers).Error; err != nil {
			return nil, fmt.Errorf("read consultations owed: %w", err)
		}
	}
	if v.Can(models.ActReviewPublication) {
		if err := db.Where("opinion = ? AND settled IS NULL", Disagree).Order("answered").Limit(maxList).Find(&out.Settle).Error; err != nil {
			return nil, fmt.Errorf("read disagreements: %w", err)
		}
		if out.Objections, err = openObjections(db); err != nil {
			return nil, err
		}
	}
	var ids []uint
	for _, c := range slices.Concat(out.Answers, out.Settle) {
		ids = append(ids, c.WorkID)
	}
	for _, o := range out.Objections {
		ids = append(ids, o.WorkID)
	}
	if len(ids) > 0 {
		var titled []Work
		if err := db.Select("id", "title").Where("id IN ?", ids).Find(&titled).Error; err != nil {
			return nil, fmt.Errorf("read titles: %w", err)
		}
		for _, w := range titled {
			out.Titles[w.ID] = w.Title
		}
	}
	return out, nil
}
