package ingest

import (
	"testing"

	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
)

// MySQL aborts one of two transactions that wait on each other as a
// deadlock, and a Galera cluster refuses one that another node beat to the
// same rows (both error 1213): the import then runs again from its file,
// as a form's save does, instead of failing.
func TestImportRunsAgainAfterADeadlock(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		noLoadData bool
	}{{"LOAD DATA", false}, {"INSERT", true}} {
		t.Run(tc.name, func(t *testing.T) {
			s := modelstest.Open(t, "mysql")
			im := bureau(t, s, "")
			im.noLoadData = tc.noLoadData
			// The first insert of the marked row is aborted as MySQL aborts a
			// deadlock's victim. The note of it is in a table without
			// transactions, which the rollback leaves, so the next attempt passes.
			for _, q := range []string{
				"CREATE TABLE deadlocks (n INT) ENGINE=MyISAM",
				`CREATE TRIGGER deadlock_once BEFORE INSERT ON publications FOR EACH ROW
				BEGIN
					IF NEW.index_no = 'DEADLOCK' AND (SELECT COUNT(*) FROM deadlocks) = 0 THEN
						INSERT INTO deadlocks VALUES (1);
						SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction';
					END IF;
				END`,
			} {
				modelstest.Must(t, s.DB.Exec(q).Error)
			}
			file := sample[Publications] + "ZA,1,治安支队工作动态,网站,,2025-02-06,DEADLOCK,,,,,\n"
			rep := mustImport(t, im, Publications, "p.csv", []byte(file), Options{})
			if rep.Inserted != 3 || rep.Read != 3 || count(t, s, "publications") != 3 {
				t.Errorf("after a deadlock: read %d, inserted %d, stored %d; want 3", rep.Read, rep.Inserted, count(t, s, "publications"))
			}
			if count(t, s, "deadlocks") != 1 {
				t.Error("the deadlock did not happen")
			}
			var run imports.ImportRun
			modelstest.Must(t, s.DB.First(&run, rep.RunID).Error)
			if run.Status != imports.RunDone || run.Inserted != 3 {
				t.Errorf("the run: %s, %d inserted", run.Status, run.Inserted)
			}
		})
	}
}
