package cache_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models/cache"
)

// A burst for one missing key builds it once; a failed build is not kept.
func TestCacheBuildsOnceAndForgetsFailures(t *testing.T) {
	t.Parallel()
	c := cache.New[int, int](4)
	var builds atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.Get(1, func() (int, error) { builds.Add(1); return 7, nil })
			if err != nil || v != 7 {
				t.Errorf("Get: %d %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("20 requests at once built the value %d times, want once", n)
	}
	if _, err := c.Get(2, func() (int, error) { return 0, errors.New("busy") }); err == nil {
		t.Fatal("a failed build answered without its error")
	}
	if v, err := c.Get(2, func() (int, error) { return 9, nil }); err != nil || v != 9 {
		t.Errorf("after a failed build the key answers %d %v, want a new build", v, err)
	}
	for k := range 10 { // past its size the cache starts over, and still answers
		if v, _ := c.Get(k+10, func() (int, error) { return k, nil }); v != k {
			t.Errorf("key %d: %d", k+10, v)
		}
	}
}

// A build that panics leaves nobody waiting for it: the next Get builds.
func TestCacheSurvivesAPanickingBuild(t *testing.T) {
	t.Parallel()
	c := cache.New[int, int](4)
	func() {
		defer func() { _ = recover() }()
		_, _ = c.Get(1, func() (int, error) { panic("broken") })
	}()
	if v, err := c.Get(1, func() (int, error) { return 3, nil }); err != nil || v != 3 {
		t.Errorf("after a panicking build: %d %v, want a new build", v, err)
	}
}

// A build longer than a caller's wait goes on without it (even when the
// caller that started it leaves) and serves the next; a failed build's
// error reaches whoever waited for it.
func TestCacheWaitsOnlySoLong(t *testing.T) {
	t.Parallel()
	c := cache.New[int, int](4)
	release := make(chan struct{})
	ctx, leave := context.WithCancel(context.Background())
	_, err := c.GetWaiting(ctx, 1, 10*time.Millisecond, time.Minute, func(bctx context.Context) (int, error) {
		<-release
		return 5, bctx.Err()
	})
	if !errors.Is(err, cache.ErrBuilding) {
		t.Fatalf("a build longer than the wait: %v, want ErrBuilding", err)
	}
	leave() // the one who started the build is gone
	close(release)
	v, err := c.GetWaiting(context.Background(), 1, time.Minute, time.Minute, func(context.Context) (int, error) { return 0, errors.New("built twice") })
	if err != nil || v != 5 {
		t.Errorf("after the build: %d %v, want its value", v, err)
	}
	missing := errors.New("no run")
	if _, err := c.GetWaiting(context.Background(), 2, time.Minute, time.Minute, func(context.Context) (int, error) { return 0, missing }); !errors.Is(err, missing) {
		t.Errorf("a failed build answered %v, want its error", err)
	}
}
