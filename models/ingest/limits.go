package ingest

import "time"

// Limits bound what one import accepts, so that a huge upload or a zip bomb
// fails with a clear message instead of exhausting memory or disk.
type Limits struct {
	MaxBytes       int64 // a CSV or JSON input
	MaxXLSXBytes   int64 // an XLSX file as uploaded (compressed)
	MaxUnzipBytes  int64 // an XLSX file's parts once unzipped, all together
	MaxXMLInMemory int64 // a worksheet larger than this unzipped is read from a temporary file
	MaxZipEntries  int   // parts in an XLSX file
	MaxBadRows     int   // checking stops after this many bad rows
	MaxFields      int   // cells of a CSV line or sheet row, members of a JSON object
	MaxLineBytes   int   // one line of a CSV, in bytes once decoded to UTF-8
	MaxMerges      int   // merged ranges of a sheet
	MaxSheetRows   int   // rows of a sheet, as declared or as read
	// TimeBudget bounds one import from start to end: past it the import is
	// cancelled and nothing is loaded.
	TimeBudget time.Duration
}

// DefaultLimits suit uploads through the office UI and the API. The command
// line raises MaxBytes for the bureau's largest exports.
var DefaultLimits = Limits{
	MaxBytes:       64 << 20,
	MaxXLSXBytes:   32 << 20,
	MaxUnzipBytes:  256 << 20,
	MaxXMLInMemory: 16 << 20,
	MaxZipEntries:  10000,
	MaxBadRows:     100000,
	MaxFields:      1000,
	MaxLineBytes:   1 << 20,
	MaxMerges:      5000,
	MaxSheetRows:   500000,
	TimeBudget:     20 * time.Minute,
}

// mb writes a byte count in whole megabytes for messages.
func mb(n int64) int64 { return (n + (1<<20 - 1)) >> 20 }
