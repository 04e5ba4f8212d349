// Package scoring computes the year-end compliance scores of 警务公开
// (police information disclosure): working-day clocks, catalog slots, the
// eleven indicators A1..D3, grades, and an explanation for every point lost.
//
// The package is pure: it reads no clock, no database and no file. The caller
// hands it the records of a year, a [Scheme] and a [Calendar], and gets back a
// [Result]. Scores are exact fractions ([math/big.Rat]); [Round2] rounds them
// half up to two decimals for display only, and grades use the unrounded
// total.
//
// Rules are named as in docs/SCHEMES.md, which is the authority on what
// the default scheme means.
package scoring
