package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// The floors of issue 27: what the database driver itself takes for the
// rows the import stores and the rows scoring reads, measured through the
// same driver with the same connection settings as the app (models.Open),
// with the plainest fast code: no validation, no audit, no scoring.
//
//	gongkai-load -floor insert -db sqlite:/tmp/empty.db -from sqlite:/tmp/bench.db   # the publications of -from into -db's empty table
//	gongkai-load -floor select -db sqlite:/tmp/bench.db -year 2025                   # scoring's SELECTs of the year, streamed and dropped
//
// Each prints the seconds it measured on one line.
func floor(ctx context.Context, kind, dsn, from string, year int) error {
	store, err := models.Open(dsn, nil)
	if err != nil {
		return err
	}
	defer store.Close()
	db, err := store.DB.DB()
	if err != nil {
		return err
	}
	var took time.Duration
	switch kind {
	case "insert":
		took, err = insertFloor(ctx, db, from)
	case "select":
		took, err = selectFloor(ctx, db, store.Dialect, year)
	default:
		err = fmt.Errorf("-floor is insert or select, not %q", kind)
	}
	if err != nil {
		return err
	}
	fmt.Printf("%.3f\n", took.Seconds())
	return nil
}

// floorColumns are the publications' columns the import writes (all but id).
var floorColumns = []string{"department_id", "index_no", "seq", "title", "channel", "formed", "published", "doc_no",
	"attribute", "attribute_reason", "review", "review_date", "url", "column_id", "updated_at"}

// insertFloor reads every publication of the database from (untimed), then
// times inserting them into db's publications table: one transaction,
// a prepared INSERT of 25 rows at a time.
func insertFloor(ctx context.Context, db *sql.DB, from string) (time.Duration, error) {
	src, err := models.Open(from, nil)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	srcDB, err := src.DB.DB()
	if err != nil {
		return 0, err
	}
	rows, err := srcDB.QueryContext(ctx, "SELECT "+strings.Join(floorColumns, ", ")+" FROM publications ORDER BY id")
	if err != nil {
		return 0, err
	}
	var values []any
	for rows.Next() {
		row := make([]any, len(floorColumns))
		ptrs := make([]any, len(row))
		for k := range row {
			ptrs[k] = &row[k]
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return 0, err
		}
		values = append(values, row...)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	rows.Close()

	// 25 rows a statement, as the import writes: the pure-Go driver matches
	// parameters by linear search, so 500 rows a statement take several
	// times as long (models/ingest, sqliteRowsPerStatement).
	const perStatement = 25
	width := len(floorColumns)
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
	statement := func(n int) string {
		return "INSERT INTO publications (" + strings.Join(floorColumns, ", ") + ") VALUES " + strings.TrimSuffix(strings.Repeat(tuple+",", n), ",")
	}
	start := time.Now()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	// A multi-row INSERT keeps a statement journal: in memory, as the import has it.
	if _, err := conn.ExecContext(ctx, "PRAGMA temp_store = MEMORY"); err != nil {
		return 0, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit, a no-op
	full, err := tx.PrepareContext(ctx, statement(perStatement))
	if err != nil {
		return 0, err
	}
	n := len(values) / width
	for at := 0; at+perStatement <= n; at += perStatement {
		if _, err := full.ExecContext(ctx, values[at*width:(at+perStatement)*width]...); err != nil {
			return 0, err
		}
	}
	if rest := n % perStatement; rest > 0 {
		if _, err := tx.ExecContext(ctx, statement(rest), values[(n-rest)*width:]...); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// selectFloor times the SELECTs scoring runs for year y (models/scoreruns,
// read.go, one batch), each streamed to the end into raw bytes.
func selectFloor(ctx context.Context, db *sql.DB, dialect string, y int) (time.Duration, error) {
	day := func(col string) string {
		if dialect == "sqlite" {
			return "substr(" + col + ", 1, 10) AS " + col
		}
		return col
	}
	upToEnd := "published <= ?"
	if dialect == "sqlite" {
		upToEnd = "+published <= ?"
	}
	first, last := scoring.YearSpan(y)
	start, end := first.Time(), last.Time()
	queries := []struct {
		sql  string
		args []any
	}{
		{"SELECT id, department_id, seq, title, channel, " + day("formed") + ", " + day("published") + ", review, " + day("review_date") + ", attribute, column_id FROM publications WHERE " + upToEnd,
			[]any{scoring.LastWebsiteDay(y).Time()}},
		{"SELECT id, department_id, request_no, " + day("received") + ", extended, " + day("pause_start") + ", " + day("pause_end") + ", " + day("correction_start") + ", " + day("correction_end") + ", " + day("answered") +
			", recon_outcome, " + day("recon_decided") + ", suit_outcome, " + day("suit_decided") + ", channel, " + day("forwarded") +
			" FROM requests WHERE ((received BETWEEN ? AND ?) OR (recon_decided BETWEEN ? AND ?) OR (suit_decided BETWEEN ? AND ?))",
			[]any{start, end, start, end, start, end}},
		{"SELECT id, department_id, complaint_no, " + day("received") + ", " + day("replied") + ", " + day("closed") + " FROM complaints WHERE received BETWEEN ? AND ?",
			[]any{start, end}},
	}
	began := time.Now()
	for _, q := range queries {
		rows, err := db.QueryContext(ctx, q.sql, q.args...)
		if err != nil {
			return 0, err
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return 0, err
		}
		raw := make([]sql.RawBytes, len(cols))
		ptrs := make([]any, len(raw))
		for k := range raw {
			ptrs[k] = &raw[k]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return 0, err
			}
		}
		if err := rows.Err(); err != nil {
			return 0, err
		}
		rows.Close()
	}
	return time.Since(began), nil
}
