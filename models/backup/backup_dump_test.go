package backup

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
)

// sealed is a dump as gongkai backup writes it: header, body, manifest.
func sealed(body string) string {
	content := dumpHeader + "\n" + body
	return fmt.Sprintf("%s%smigration=2026112201_initial audit=7:%s sha256=%x\n", content, manifestPrefix, strings.Repeat("ab", 32), sha256.Sum256([]byte(content)))
}

// A MySQL dump is read to its end before anything is restored: only a
// whole dump made by gongkai, with its manifest, and reaching no other
// database, passes.
func TestCheckDumpReadsTheWholeDumpFirst(t *testing.T) {
	defer func(n int) { maxDumpLine = n }(maxDumpLine)
	maxDumpLine = 1 << 10
	body := "CREATE TABLE `users` (`id` int);\nINSERT INTO `users` VALUES (1);\n"
	good := sealed(body)
	cases := []struct {
		name, dump, key string
	}{
		{"whole", good, ""},
		{"cut short", good[:len(good)/2], "restore.incomplete"},
		{"manifest cut", good[:len(good)-3], "restore.incomplete"},
		{"no manifest", dumpHeader + "\n" + body, "restore.incomplete"},
		{"another application", "-- MySQL dump 10.19\n" + body, "restore.foreign"},
		{"empty", "", "restore.foreign"},
		{"changed", strings.Replace(good, "VALUES (1)", "VALUES (2)", 1), "restore.altered"},
		{"switches database", sealed(body + "USE `mysql`;\nDELETE FROM user;\n"), "restore.statement"},
		{"drops a database", sealed("/*!40000 DROP DATABASE IF EXISTS `live`*/;\n" + body), "restore.statement"},
		{"a line past the bound", sealed("-- " + strings.Repeat("x", maxDumpLine) + "\n"), "restore.line_long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dump.sql")
			if err := os.WriteFile(path, []byte(c.dump), 0o600); err != nil {
				t.Fatal(err)
			}
			m, err := checkDump(path)
			var ve *models.ValidationError
			switch {
			case c.key == "" && err != nil:
				t.Errorf("a whole dump refused: %v", err)
			case c.key == "" && (m.Migration != "2026112201_initial" || m.Anchor.Seq != 7):
				t.Errorf("manifest read as %+v", m)
			case c.key != "" && (!errors.As(err, &ve) || ve.Key != c.key):
				t.Errorf("got %v, want %s", err, c.key)
			}
		})
	}
}
