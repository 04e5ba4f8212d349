package cache_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

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
