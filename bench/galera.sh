#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on this machine, for running the MySQL
# half of the test suite (and the app) against a multi-primary cluster.
#
#   bash bench/galera.sh start    # nodes on 127.0.0.1:4306, 4307, 4308
#   bash bench/galera.sh test     # start if needed, then go test ./... on node 1 (and node 2
#                                 # for the two-node test); extra arguments go to go test
#   bash bench/galera.sh stop
#
# Debian's mariadb-server and galera-4 are installed if missing. Each node
# has its own data folder under $GALERA_DIR (default /var/tmp/gongkai-galera),
# its own client port, Galera port (4567-4569) and state-transfer ports; the
# first node bootstraps the cluster (--wsrep-new-cluster) and the others join
# it by rsync state transfer.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${GALERA_DIR:-/var/tmp/gongkai-galera}
nodes=(1 2 3)
port() { echo $((4305 + $1)); }

need() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

config() { # config N: the node's option file
  local n=$1 cluster=""
  for m in "${nodes[@]}"; do cluster+="127.0.0.1:$((4566 + m)),"; done
  cat <<EOF
[mysqld]
user=mysql
datadir=$dir/n$n
socket=$dir/n$n.sock
pid-file=$dir/n$n.pid
log-error=$dir/n$n.err
port=$(port "$n")
bind-address=127.0.0.1
skip-name-resolve
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=256M
innodb_flush_log_at_trx_commit=2
max_allowed_packet=256M
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=gongkai
wsrep_cluster_address=gcomm://${cluster%,}
wsrep_node_name=n$n
wsrep_node_address=127.0.0.1:$((4566 + n))
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$((4566 + n));ist.recv_addr=127.0.0.1:$((4576 + n))"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((4443 + n))
EOF
}

up() { mysqladmin --protocol=tcp -h127.0.0.1 -P"$(port "$1")" -uroot ping >/dev/null 2>&1; }

wait_synced() { # wait_synced N
  for _ in $(seq 1 120); do
    state=$(mariadb --protocol=tcp -h127.0.0.1 -P"$(port "$1")" -uroot -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2 || true)
    [ "$state" = "Synced" ] && return 0
    sleep 1
  done
  echo "node $1 did not reach Synced; see $dir/n$1.err" >&2
  return 1
}

start() {
  need mariadb-server galera-4 rsync
  mkdir -p "$dir"
  chown mysql:mysql "$dir"
  for n in "${nodes[@]}"; do
    up "$n" && continue
    config "$n" >"$dir/n$n.cnf"
    if [ ! -d "$dir/n$n/mysql" ]; then
      rm -rf "$dir/n$n"
      mariadb-install-db --defaults-file="$dir/n$n.cnf" --auth-root-authentication-method=normal >"$dir/n$n.install.log" 2>&1
    fi
    first=()
    if [ "$n" = 1 ] && ! up 2 && ! up 3; then first=(--wsrep-new-cluster); fi
    setsid /usr/sbin/mariadbd --defaults-file="$dir/n$n.cnf" "${first[@]}" >/dev/null 2>&1 < /dev/null &
    for _ in $(seq 1 120); do
      up "$n" && break
      sleep 1
    done
    wait_synced "$n"
    if [ "$n" = 1 ]; then
      # Root over TCP without a password, as on the CI machine's own server.
      mariadb -S "$dir/n1.sock" -uroot -e "CREATE USER IF NOT EXISTS root@'127.0.0.1'; GRANT ALL ON *.* TO root@'127.0.0.1' WITH GRANT OPTION; CREATE DATABASE IF NOT EXISTS test"
    fi
  done
  size=$(mariadb --protocol=tcp -h127.0.0.1 -P4306 -uroot -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)
  echo "Galera cluster of $size nodes on 127.0.0.1:4306, 4307, 4308"
}

stop() {
  for n in 3 2 1; do
    [ -f "$dir/n$n.pid" ] && kill "$(cat "$dir/n$n.pid")" 2>/dev/null || true
    for _ in $(seq 1 60); do up "$n" || break; sleep 1; done
  done
}

case "${1:-}" in
start) start ;;
stop) stop ;;
test)
  start
  GONGKAI_TEST_MYSQL_DSN="mysql://root@127.0.0.1:4306/test" GONGKAI_TEST_MYSQL_PEER=127.0.0.1:4307 \
    GONGKAI_TEST_REQUIRE=1 go test -count=1 "${@:2}" ./...
  ;;
*)
  echo "usage: bash bench/galera.sh start|test|stop" >&2
  exit 2
  ;;
esac
