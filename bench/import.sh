#!/usr/bin/env bash
# Import speed, issue 4: a 1,000,000-row publications CSV through
# `gongkai import`, against MariaDB's own LOAD DATA LOCAL INFILE of the same
# rows into the same table (a fresh copy of it) on the same server, and
# through `gongkai import` into SQLite. The target: MySQL no more than 1.5x
# LOAD DATA, SQLite under 60 s.
#
#   bench/import.sh                       # 1,000,000 rows, root@127.0.0.1:3306
#   ROWS=100000 MYSQL_HOST=db MYSQL_USER=u MYSQL_PWD=p bench/import.sh
#
# It creates and drops the databases gk_bench_load and gk_bench_import.
set -euo pipefail

ROWS=${ROWS:-1000000}
MYSQL_HOST=${MYSQL_HOST:-127.0.0.1}
MYSQL_PORT=${MYSQL_PORT:-3306}
MYSQL_USER=${MYSQL_USER:-root}
export MYSQL_PWD=${MYSQL_PWD:-} # read by the mysql client; kept off the command line

top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
sql() { mysql --local-infile=1 -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u "$MYSQL_USER" -N -B "$@"; }
cleanup() {
	sql -e "DROP DATABASE IF EXISTS gk_bench_load; DROP DATABASE IF EXISTS gk_bench_import" || true
	rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
userinfo=$MYSQL_USER${MYSQL_PWD:+:$MYSQL_PWD}
mysql_dsn="mysql://$userinfo@$MYSQL_HOST:$MYSQL_PORT/gk_bench_import"

echo "building gongkai"
(cd "$top" && go build -o "$work/gongkai" ./cmd/gongkai)
gongkai() { GONGKAI_DEMO=0 GONGKAI_LOG_LEVEL=warn "$work/gongkai" "$@"; }

echo "preparing MySQL: departments and catalog (untimed)"
sql -e "DROP DATABASE IF EXISTS gk_bench_load; DROP DATABASE IF EXISTS gk_bench_import;
        CREATE DATABASE gk_bench_load CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE DATABASE gk_bench_import CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
GONGKAI_DB=$mysql_dsn gongkai import --kind departments "$top/seed/demo/departments.csv" >/dev/null
GONGKAI_DB=$mysql_dsn gongkai import --kind catalog "$top/seed/catalog.csv" >/dev/null
sql -e "CREATE TABLE gk_bench_load.publications LIKE gk_bench_import.publications"

echo "generating $ROWS rows"
# One pass writes both files: the import CSV (FORMATS.md's Chinese headers,
# departments by code) and the same rows as LOAD DATA wants them (department
# ids, the table's columns, tab-separated).
sql gk_bench_import -e "SELECT id, code FROM departments ORDER BY id" >"$work/departments.tsv"
awk -v rows="$ROWS" -v csv="$work/publications.csv" -v tsv="$work/publications.tsv" '
BEGIN { FS = "\t"; srand(2025) }
{ id[NR] = $1; code[NR] = $2; n = NR }
END {
	split("网站 公开栏 微博 微信 报刊", ch, " ")
	print "部门,目录序号,标题,公开形式,生成日期,公开日期,索引号,文号,公开属性,保密审查意见,审查日期,链接" > csv
	for (i = 1; i <= rows; i++) {
		d = 1 + i % n; seq = 1 + int(rand() * 46); c = ch[1 + int(rand() * 5)]
		m = 1 + int(rand() * 12); day = 1 + int(rand() * 27)
		formed = sprintf("2025-%02d-%02d", m, day); published = sprintf("2025-%02d-%02d", m, day + 1)
		idx = sprintf("014319768/2025-%s-%07d", code[d], i)
		title = sprintf("关于第%d号警务信息的公告(%s)", i, code[d])
		docno = sprintf("宿公通〔2025〕%d号", i)
		url = sprintf("http://gaj.suqian.gov.cn/%s/%d.html", code[d], i)
		printf "%s,%d,%s,%s,%s,%s,%s,%s,主动公开,公开,%s,%s\n", code[d], seq, title, c, formed, published, idx, docno, formed, url > csv
		printf "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t主动公开\t公开\t%s\t%s\n", id[d], idx, seq, title, c, formed, published, docno, formed, url > tsv
	}
}' "$work/departments.tsv"
ls -l "$work/publications.csv" "$work/publications.tsv" | awk '{ printf "  %s: %.0f MB\n", $NF, $5 / 1048576 }'

echo "timing LOAD DATA LOCAL INFILE into gk_bench_load.publications"
t0=$(now)
sql gk_bench_load -e "LOAD DATA LOCAL INFILE '$work/publications.tsv' INTO TABLE publications CHARACTER SET utf8mb4
	FIELDS TERMINATED BY '\t' LINES TERMINATED BY '\n'
	(department_id, index_no, seq, title, channel, formed, published, doc_no, attribute, review, review_date, url)
	SET updated_at = NOW(3)"
t1=$(now)
load=$(echo "$t1 - $t0" | bc)

echo "timing gongkai import into gk_bench_import"
t0=$(now)
GONGKAI_DB=$mysql_dsn gongkai import --kind publications "$work/publications.csv"
t1=$(now)
imp=$(echo "$t1 - $t0" | bc)

echo "timing gongkai import of the same file again (every row unchanged)"
t0=$(now)
GONGKAI_DB=$mysql_dsn gongkai import --kind publications "$work/publications.csv"
t1=$(now)
again=$(echo "$t1 - $t0" | bc)

loaded=$(sql -e "SELECT COUNT(*) FROM gk_bench_load.publications")
imported=$(sql -e "SELECT COUNT(*) FROM gk_bench_import.publications")
[ "$loaded" = "$ROWS" ] && [ "$imported" = "$ROWS" ] || { echo "row counts differ: LOAD DATA $loaded, import $imported, want $ROWS"; exit 1; }

echo "timing gongkai import into SQLite"
sqlite_db="sqlite:$work/bench.db"
GONGKAI_DB=$sqlite_db gongkai import --kind departments "$top/seed/demo/departments.csv" >/dev/null
GONGKAI_DB=$sqlite_db gongkai import --kind catalog "$top/seed/catalog.csv" >/dev/null
t0=$(now)
GONGKAI_DB=$sqlite_db gongkai import --kind publications "$work/publications.csv"
t1=$(now)
lite=$(echo "$t1 - $t0" | bc)

echo
printf "rows:                          %d\n" "$ROWS"
printf "MariaDB LOAD DATA LOCAL INFILE %7.1f s\n" "$load"
printf "gongkai import (MySQL)         %7.1f s   ratio %.2f (target <= 1.50)\n" "$imp" "$(echo "$imp / $load" | bc -l)"
printf "gongkai re-import, unchanged   %7.1f s\n" "$again"
printf "gongkai import (SQLite)        %7.1f s   (target < 60)\n" "$lite"
