# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# tap.sh - the TAP helpers the shell test suites share (sourced). Names get
# TAP_PREFIX in front (lib.sh sets "[MODE] ").
n_test=0
n_fail=0

# ok STATUS NAME [DETAIL...]: passes when STATUS is 0; a failure prints
# each DETAIL as a "#   " line under it.
ok() {
	n_test=$((n_test + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n_test - ${TAP_PREFIX:-}$2"
	else
		echo "not ok $n_test - ${TAP_PREFIX:-}$2"
		shift 2
		[ $# -eq 0 ] || printf '%s\n' "$@" | sed 's/^/#   /'
		n_fail=$((n_fail + 1))
	fi
}

is() { # is GOT WANT NAME: passes when GOT is exactly WANT
	n_test=$((n_test + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $n_test - ${TAP_PREFIX:-}$3"
	else
		echo "not ok $n_test - ${TAP_PREFIX:-}$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | sed '3,$s/^/#         /'
		n_fail=$((n_fail + 1))
	fi
}

skip() { # skip NAME WHY
	n_test=$((n_test + 1))
	echo "ok $n_test - ${TAP_PREFIX:-}$1 # SKIP $2"
}

done_testing() { # the plan line; exit 1 if anything failed
	echo "1..$n_test"
	[ "$n_fail" -eq 0 ] || { echo "# $n_fail of $n_test failed"; exit 1; }
}
