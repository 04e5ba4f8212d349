package scoreruns_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
)

// Scores computed without the standing decisions would quietly miss every
// cap (不得评为优秀): a store not given them refuses to read the input.
func TestScoringNeedsTheStandingDecisions(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	ctx := context.Background()
	if _, err := scoreruns.New(s).ScoringInput(ctx, 2025); err == nil {
		t.Fatal("the scoring input was read without the standing decisions")
	}
	if _, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ScoringInput(ctx, 2025); err != nil {
		t.Fatalf("with the decisions: %v", err)
	}
}
