// Package ingest loads the office's and the departments' data: spreadsheets
// uploaded in the office UI or given to `gongkai import`, JSON arrays posted
// to the API, and files pulled from registered sources. Every road goes
// through one reader per format, one validation per kind and one upsert per
// table, keyed by the natural keys of docs/FORMATS.md, so that loading the same
// rows twice changes nothing.
//
// An import reads and checks every row first, against lookups preloaded in
// memory (departments, groups, catalog numbers, channels, the keys of the rows
// already stored); only then does it write, in one transaction, with bulk
// statements (LOAD DATA LOCAL INFILE on MySQL, multi-row INSERT on SQLite).
// By default a file with any bad row loads nothing; with Options.Partial the
// good rows load and the bad ones come back as an error file.
package ingest
