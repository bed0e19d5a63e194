package sfsim

import (
	"strings"
	"time"
)

// dateRange resolves a SOQL date literal to a half-open range of days
// [start, end) around now. Weeks start on Sunday; the fiscal year is the
// calendar year. Days are UTC days.
// NOTE: a real org resolves date literals in the running user's time zone.
func dateRange(name string, n int, now time.Time) (time.Time, time.Time, bool) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return today.AddDate(0, 0, d) }
	week := today.AddDate(0, 0, -int(today.Weekday()))
	month := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	quarter := time.Date(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	year := time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	weeks := func(from, count int) (time.Time, time.Time, bool) {
		return week.AddDate(0, 0, 7*from), week.AddDate(0, 0, 7*(from+count)), true
	}
	months := func(start time.Time, step, from, count int) (time.Time, time.Time, bool) {
		return start.AddDate(0, step*from, 0), start.AddDate(0, step*(from+count), 0), true
	}
	name = strings.Replace(name, "_FISCAL_", "_", 1)
	switch name {
	case "TODAY":
		return day(0), day(1), true
	case "YESTERDAY":
		return day(-1), day(0), true
	case "TOMORROW":
		return day(1), day(2), true
	case "LAST_WEEK":
		return weeks(-1, 1)
	case "THIS_WEEK":
		return weeks(0, 1)
	case "NEXT_WEEK":
		return weeks(1, 1)
	case "LAST_MONTH":
		return months(month, 1, -1, 1)
	case "THIS_MONTH":
		return months(month, 1, 0, 1)
	case "NEXT_MONTH":
		return months(month, 1, 1, 1)
	case "LAST_90_DAYS":
		return day(-90), day(1), true
	case "NEXT_90_DAYS":
		return day(1), day(91), true
	case "LAST_QUARTER":
		return months(quarter, 3, -1, 1)
	case "THIS_QUARTER":
		return months(quarter, 3, 0, 1)
	case "NEXT_QUARTER":
		return months(quarter, 3, 1, 1)
	case "LAST_YEAR":
		return months(year, 12, -1, 1)
	case "THIS_YEAR":
		return months(year, 12, 0, 1)
	case "NEXT_YEAR":
		return months(year, 12, 1, 1)
	case "LAST_N_DAYS":
		return day(-n), day(1), true
	case "NEXT_N_DAYS":
		return day(1), day(1 + n), true
	case "N_DAYS_AGO":
		return day(-n), day(-n + 1), true
	case "LAST_N_WEEKS":
		return weeks(-n, n)
	case "NEXT_N_WEEKS":
		return weeks(1, n)
	case "N_WEEKS_AGO":
		return weeks(-n, 1)
	case "LAST_N_MONTHS":
		return months(month, 1, -n, n)
	case "NEXT_N_MONTHS":
		return months(month, 1, 1, n)
	case "N_MONTHS_AGO":
		return months(month, 1, -n, 1)
	case "LAST_N_QUARTERS":
		return months(quarter, 3, -n, n)
	case "NEXT_N_QUARTERS":
		return months(quarter, 3, 1, n)
	case "N_QUARTERS_AGO":
		return months(quarter, 3, -n, 1)
	case "LAST_N_YEARS":
		return months(year, 12, -n, n)
	case "NEXT_N_YEARS":
		return months(year, 12, 1, n)
	case "N_YEARS_AGO":
		return months(year, 12, -n, 1)
	}
	return time.Time{}, time.Time{}, false
}
