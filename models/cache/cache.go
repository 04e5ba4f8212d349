// Package cache keeps values built from the database under keys that name
// what they were built from.
package cache

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Cache keeps values under keys that name what they were built from: a
// stored run's id, a year and the count of changes (models.Store.Changes,
// audit.Store.ChangesTo) at which it was read. A key that still answers is
// still true, so nothing is ever told to forget; a change makes a new key,
// and the old one is never asked again. What it keeps is bounded by cost
// (an entry each, or what GetSized's build says, such as rows or bytes):
// when a value would pass the bound, it starts over. Those asking for a key
// being built wait for that build rather than each building it again; if
// it fails, one of them builds next.
type Cache[K comparable, V any] struct {
	limit    int // the most cost kept
	mu       sync.Mutex
	m        map[K]V
	cost     int
	building map[K]*flight
}

// flight is a build under way: done closes when it ends, err is how.
type flight struct {
	done chan struct{}
	err  error
}

// New returns a cache of at most limit cost.
func New[K comparable, V any](limit int) *Cache[K, V] {
	return &Cache[K, V]{limit: limit}
}

// Get returns the value of k, built by build when missing; each entry
// costs one.
func (c *Cache[K, V]) Get(k K, build func() (V, error)) (V, error) {
	return c.GetSized(k, func() (V, int, error) {
		v, err := build()
		return v, 1, err
	})
}

// GetSized returns the value of k, built by build (which says what it
// costs) when missing.
func (c *Cache[K, V]) GetSized(k K, build func() (V, int, error)) (V, error) {
	c.mu.Lock()
	for {
		if v, ok := c.m[k]; ok {
			c.mu.Unlock()
			return v, nil
		}
		f, ok := c.building[k]
		if !ok {
			break
		}
		c.mu.Unlock()
		<-f.done // built, or failed: then this one may build it
		c.mu.Lock()
	}
	f := c.take(k)
	c.mu.Unlock()
	var v V
	cost := 0
	defer func() { c.land(k, f, v, cost) }() // also when build panics: the waiters go on
	v, cost, f.err = build()
	return v, f.err
}

// GetWaiting is Get for a value whose build may outlast a request (the
// overview of a province on a busy SQLite): the build runs on its own,
// under timeout and not under the context of whoever started it, so that
// it ends for the others if that one leaves; each caller waits for it at
// most wait, then gets ErrBuilding and tells its reader so. build gets the
// build's context and must use nothing of a request.
func (c *Cache[K, V]) GetWaiting(ctx context.Context, k K, wait, timeout time.Duration, build func(context.Context) (V, error)) (V, error) {
	var zero V
	timer := time.NewTimer(wait)
	defer timer.Stop()
	c.mu.Lock()
	if v, ok := c.m[k]; ok {
		c.mu.Unlock()
		return v, nil
	}
	f, ok := c.building[k]
	if !ok {
		f = c.take(k)
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
		go func() {
			defer cancel()
			var v V
			defer func() { c.land(k, f, v, 1) }()
			v, f.err = build(bctx)
		}()
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		if f.err != nil {
			return zero, f.err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if v, ok := c.m[k]; ok {
			return v, nil
		}
		return zero, ErrBuilding // built and already pushed out by others
	case <-timer.C:
		return zero, ErrBuilding
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// ErrBuilding says that a value is still being built after the wait its
// caller allowed.
var ErrBuilding = errors.New("still being built")

// take registers a build of k; c.mu is held.
func (c *Cache[K, V]) take(k K) *flight {
	f := &flight{done: make(chan struct{}), err: errBuildFailed}
	if c.building == nil {
		c.building = map[K]*flight{}
	}
	c.building[k] = f
	return f
}

// land ends the build f of k: its value is kept unless it failed.
func (c *Cache[K, V]) land(k K, f *flight, v V, cost int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.building, k)
	close(f.done)
	if f.err != nil {
		return
	}
	if c.m == nil || c.cost+cost > c.limit {
		c.m, c.cost = map[K]V{}, 0
	}
	c.m[k] = v
	c.cost += cost
}

// errBuildFailed is a build's outcome until it returns.
var errBuildFailed = errors.New("the build failed")
