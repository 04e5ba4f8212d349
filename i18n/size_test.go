package i18n

import "testing"

func TestFileSizeReadsLikeAFileManager(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0 B"},
		{1023, "1023 B"},
		{1024, "1 KB"},
		{211847, "207 KB"},
		{1048000, "1023 KB"},
		{1048064, "1.0 MB"},
		{1258291, "1.2 MB"},
		{8 * 1024 * 1024, "8.0 MB"},
		{25 * 1024 * 1024, "25 MB"},
	} {
		if got := FileSize(tc.n); got != tc.want {
			t.Errorf("FileSize(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
