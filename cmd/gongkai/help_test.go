package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// Asking for help prints the usage and starts nothing: no server, no
// ./data/gongkai.db in the folder it was asked in. A leading flag that is
// not a request for help is refused the same way, without a server.
func TestHelpPrintsUsageAndStartsNothing(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		refused bool
	}{
		{[]string{"--help"}, false},
		{[]string{"-h"}, false},
		{[]string{"-help"}, false},
		{[]string{"help"}, false},
		{[]string{"--port", "80"}, true},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			t.Setenv("GONGKAI_DB", "")
			t.Setenv("GONGKAI_ADDR", "127.0.0.1:0")
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second) // a server started by mistake stops

			defer cancel()
			var out bytes.Buffer
			err := run(ctx, tc.args, strings.NewReader(""), &out)
			switch {
			case tc.refused && (err == nil || !strings.Contains(err.Error(), "usage:")):
				t.Errorf("run %v = %v, want a refusal with the usage", tc.args, err)
			case !tc.refused && (err != nil || !strings.HasPrefix(out.String(), "gongkai: ") || !strings.Contains(out.String(), "usage:")):
				t.Errorf("run %v = %v, printed %q; want the usage and no error", tc.args, err, out.String())
			}
			if _, err := os.Stat("data"); !os.IsNotExist(err) {
				t.Errorf("run %v made ./data (%v): it started the app", tc.args, err)
			}
		})
	}
}
