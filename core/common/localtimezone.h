#pragma once
// pinLocalTimeZone(): call first thing in main(), before any thread starts.
// Contract: when TZ is unset, sets it to ":/etc/localtime" (the zone glibc uses anyway), so the
// local time zone stays the same; nothing changes when TZ is set.
//
// Why: with TZ unset glibc re-checks /etc/localtime (a stat, sometimes a re-read) on every
// mktime()/localtime() call; libarchive calls mktime() once per zip entry, which was 5-10 % of an
// OSV all.zip import (bench_vulndb). With TZ set, glibc keeps the parsed zone.

namespace bulkhead {

void pinLocalTimeZone();

} // namespace bulkhead
