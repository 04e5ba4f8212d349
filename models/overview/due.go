package overview

import (
	"context"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// OpenDeadlines lists what every department must do by a date, on today,
// under the scheme's time limits: its unanswered requests (by
// scoring.RequestDue, as on its agenda) and its pending reviews and
// coordinations. The deadline reminders (models/notify) follow it.
func (s *Store) OpenDeadlines(ctx context.Context, today scoring.Date, sch *scoring.Scheme) ([]clocks.Deadline, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	depts, err := s.Departments(ctx, models.System)
	if err != nil {
		return nil, err
	}
	var out []clocks.Deadline
	for _, d := range depts {
		reqs, err := s.openRequestDeadlines(ctx, cal, sch.TimeLimits, d.ID, today)
		if err != nil {
			return nil, err
		}
		out = append(out, reqs...)
	}
	pending, err := clocks.New(s.Store).ClockDeadlines(ctx, today, cal, sch.TimeLimits, 0)
	if err != nil {
		return nil, err
	}
	return append(out, pending...), nil
}
