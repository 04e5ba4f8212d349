package requests_test

import (
	"strconv"
	"time"
)

func timeMonth(m int) time.Month { return time.Month(m) }

func itoa(n uint) string { return strconv.FormatUint(uint64(n), 10) }
