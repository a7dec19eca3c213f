#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --learn: a workload that binds port 80 and chowns a file is learned as
# exactly NET_BIND_SERVICE and CHOWN; it then works under the learned
# profile and fails under drop ALL; the tracing instance is always removed.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

only_in_root_mode "--learn"
if [ ! -e /sys/kernel/tracing/events/capability/cap_capable ] &&
	! grep -q '^capability:cap_capable$' /sys/kernel/debug/tracing/available_events 2>/dev/null; then
	probe_dir=$(mktemp -d)
	if mount -t tracefs nodev "$probe_dir" 2>/dev/null; then
		have=$([ -e "$probe_dir/events/capability/cap_capable" ] && echo yes)
		umount "$probe_dir"
	fi
	rmdir "$probe_dir"
	if [ "${have:-}" != yes ]; then
		skip "--learn" "this kernel has no capability:cap_capable tracepoint (Linux < 6.14)"
		done_testing
		exit 0
	fi
fi

work="'$PROBE' bind 80 && chown 1:1 '$W/file'"
touch "$W/file"

unshare --net "$CAPINIT" --learn="$P/learned.ini" -- sh -c "$work" >"$W/out" 2>"$W/err"
is "$?:$(cat "$W/out"):$(cat "$W/err")" "0:bind: ok:" "--learn runs the workload, exit status passed on"
is "$(grep -v '^;' "$P/learned.ini" | grep -v '^$')" "[capabilities]
drop = ALL
add = CHOWN, NET_BIND_SERVICE" "learned exactly CHOWN and NET_BIND_SERVICE"
grep -Eq '^;   CHOWN: [0-9]+ checks?, by chown$' "$P/learned.ini"
ok $? "the profile says how often CHOWN was checked, and by which command"
grep -Eq '^;   NET_BIND_SERVICE: 1 check, by probe$' "$P/learned.ini"
ok $? "the profile says NET_BIND_SERVICE was checked once, by probe"
grep -Eq '^; Left out: [1-9][0-9]* checks the kernel made for itself' "$P/learned.ini"
ok $? "the kernel's own CAP_SYS_ADMIN checks at exec are counted and left out"
left=$(find /sys/kernel/tracing/instances -maxdepth 1 -name 'capinit-learn*' 2>/dev/null | grep -c .)
is "$left:$(grep -c capinit-tracefs /proc/mounts)" "0:0" \
	"no tracing instance and no tracefs mount left behind"

chmod 644 "$P/learned.ini"
chown 0:0 "$W/file"
out=$(unshare --net "$CAPINIT" -p "$P/learned.ini" -- sh -c "$work" 2>&1)
is "$?:$out:$(stat -c %u "$W/file")" "0:bind: ok:1" "the workload succeeds under the learned profile"
chown 0:0 "$W/file"
profile none '[capabilities]\ndrop = ALL\n'
out=$(unshare --net "$CAPINIT" -p "$P/none.ini" -- sh -c "$work; chown 1:1 '$W/file'" 2>&1)
is "$out" "bind: Permission denied
chown: changing ownership of '$W/file': Operation not permitted" "... and fails with permission errors under drop ALL"

# With a base profile, everything but its [capabilities] section is kept.
profile base '; base\n[capabilities]\ndrop = ALL\nadd = SYS_ADMIN\n[security]\nno_new_privs = yes\n[init]\ngrace = 3\n'
"$CAPINIT" --learn -p "$P/base.ini" -- true >"$W/learned2" 2>&1
is "$?:$(grep -v '^;' "$W/learned2" | grep -v '^$')" "0:[capabilities]
drop = ALL
add =
[security]
no_new_privs = yes
[init]
grace = 3" "--learn -p BASE keeps BASE's other sections, to stdout without =OUT"

# Without root, tracefs cannot be set up: a clear error, nothing run.
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$CAPINIT" --learn -- touch "$W/ran" 2>&1)
is "$?:$([ -e "$W/ran" ] && echo ran)" "125:" "--learn without root: exit 125, program not run"
echo "$out" | grep -Eq '^capinit: --learn: (cannot mount tracefs|cannot create a tracing instance)'
ok $? "--learn without root says why ($out)"

done_testing
