# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# common.sh - the failure counting the packaging tests share (sourced, POSIX
# sh). The caller sets NAME, used in front of every line.
failures=0

fail() { # WHAT: one failure, on stderr; the script goes on
	echo "$NAME: FAIL: $*" >&2
	failures=$((failures + 1))
}

is() { # GOT WANT WHAT
	[ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"
}

finish() { # SUMMARY: exit 1 after any failure, else print SUMMARY
	if [ "$failures" -ne 0 ]; then
		echo "$NAME: $failures failure(s)" >&2
		exit 1
	fi
	echo "$NAME: $1"
}
