package ingest

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/sources"
)

// RunScheduler pulls the sources that are due, then again every `every`,
// until ctx ends. Run it in its own goroutine; it logs and carries on after
// a failed pull, whose run is in the history anyway.
func (p *Puller) RunScheduler(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := p.PullDue(ctx, time.Now()); err != nil && ctx.Err() == nil {
			p.log.Error("scheduled pulls", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// PullDue pulls, one after another, every source due at now that this
// instance claims (another instance may have claimed it), and returns how
// many it pulled. A failed pull is logged and recorded, not returned: only a
// failure to list or claim sources is.
func (p *Puller) PullDue(ctx context.Context, now time.Time) (int, error) {
	due, err := sources.New(p.im.store).DueSources(ctx, now)
	if err != nil {
		return 0, err
	}
	pulled := 0
	for _, src := range due {
		if ctx.Err() != nil {
			return pulled, ctx.Err()
		}
		claimed, err := sources.New(p.im.store).ClaimPull(ctx, src, now)
		if err != nil {
			return pulled, err
		}
		if !claimed {
			continue
		}
		pulled++
		rep, err := p.Pull(ctx, src.ID, models.System)
		if err != nil {
			p.log.Warn("scheduled pull failed", "source", src.ID, "name", src.Name, "reason", UserMessage(err), "err", err)
			continue
		}
		p.log.Info("scheduled pull", "source", src.ID, "name", src.Name, "summary", rep.Summary())
	}
	return pulled, nil
}
