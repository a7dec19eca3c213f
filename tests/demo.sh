#!/bin/sh
# SPDX-License-Identifier: MIT
# demo.sh - capinit as PID 1 of a fresh PID namespace, in front of a small
# program. capinit applies its built-in profile (drop every capability, set
# no_new_privs), then the program shows what it holds, abandons children
# (capinit adopts and reaps them) and exits 42, which capinit passes on.
# Run by `make demo`.
set -u
cd "$(dirname "$0")/.." || exit 1

if [ "$(id -u)" -eq 0 ]; then
	ns="unshare --pid --fork --mount-proc"
else
	ns="unshare --user --map-root-user --pid --fork --mount-proc"
fi

# The program: list processes from /proc (no ps needed), abandon three
# sleepers, show them adopted by PID 1, then show that no zombie is left.
# The program text is for the inner sh: nothing expands here.
# shellcheck disable=SC2016
program='
list() {
	for d in /proc/[0-9]*; do
		read -r pid comm state ppid rest <"$d/stat" 2>/dev/null || continue
		printf "    pid %-3s ppid %-3s state %s  %s\n" "$pid" "$ppid" "$state" "$comm"
	done
}
caps() {
	while read -r k v; do
		case $k in
		CapEff:|CapBnd:|CapAmb:|NoNewPrivs:)
			printf "    %-11s %s" "$k" "$v"
			case $k in Cap*) d=$(capsh --decode="$v" | cut -d= -f2); printf "  (%s)" "${d:-none}";; esac
			echo ;;
		esac
	done </proc/self/status
}
echo "[program] I am PID $$; my parent is PID $PPID (capinit). What I hold:"
caps
echo "[program] abandoning three children; they will exit in 0.5 s"
sh -c "sleep 0.5 & sleep 0.5 & sleep 0.5 & exit 0"
sleep 0.1
echo "[program] the orphans now belong to PID 1:"
list
sleep 1
echo "[program] one second later, no zombie is left:"
list
echo "[program] exiting with status 42"
exit 42
'

echo "Outside capinit, this shell holds:"
grep -E "^(CapEff|CapBnd|NoNewPrivs):" /proc/self/status | sed "s/^/    /"
echo
echo "\$ $ns ./capinit -vv -- sh -c '...'"
$ns ./capinit -vv -- sh -c "$program"
status=$?
echo "capinit exit status: $status (the program's own)"
[ "$status" -eq 42 ]
