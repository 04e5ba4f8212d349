package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/models"
)

// Servers and a restore exclude each other, on both engines: two instances
// may serve one database at once; a restore is refused while either does,
// and a server cannot start while a restore runs. (An internal test:
// modelstest imports this package, so the MySQL server is the test
// server's own database, whose locks no other test takes.)
func TestServersAndARestoreExcludeEachOther(t *testing.T) {
	dsns := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "gongkai.db")}
	if base := os.Getenv("GONGKAI_TEST_MYSQL_DSN"); base != "" {
		dsns["mysql"] = base
	}
	ctx := context.Background()
	refused := func(err error, key string) bool {
		var ve *models.ValidationError
		return errors.As(err, &ve) && ve.Key == key
	}
	for engine, dsn := range dsns {
		t.Run(engine, func(t *testing.T) {
			var admin *models.Store
			if engine == "mysql" {
				var err error
				if admin, err = models.Open(dsn, nil); err != nil {
					t.Fatal(err)
				}
				defer admin.Close()
			}
			restoring, err := holdForRestore(ctx, dsn, admin)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := HoldDatabase(ctx, dsn, nil); !refused(err, "serve.restoring") {
				t.Errorf("a server started during a restore: %v", err)
			}
			if _, err := holdForRestore(ctx, dsn, admin); !refused(err, "restore.busy") && !refused(err, "restore.serving") {
				t.Errorf("a second restore at once: %v", err)
			}
			restoring()

			first, err := HoldDatabase(ctx, dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			second, err := HoldDatabase(ctx, dsn, nil)
			if err != nil {
				t.Fatalf("a second instance cannot serve the database: %v", err)
			}
			for _, stop := range []func(){first, second} {
				if _, err := holdForRestore(ctx, dsn, admin); !refused(err, "restore.serving") {
					t.Errorf("a restore under a running server: %v", err)
				}
				stop()
			}
			release, err := holdForRestore(ctx, dsn, admin)
			if err != nil {
				t.Fatalf("a restore after the servers stopped: %v", err)
			}
			release()
		})
	}
}
