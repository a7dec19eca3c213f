#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh - make check-faults: every call of capinit that changes or reads
# credentials is made to fail, or to "succeed" while changing nothing, one
# at a time, by tests/faults/fault.so (LD_PRELOAD; see fault.c for why a
# preload shim and for the CAPINIT_FAULT rules). For each: capinit must exit
# 125, stderr must name the step, and the program must never run. The
# table is printed as TAP: step | fault | exit | message | program ran.
#
# A few faults are "absorbed": the final state is exactly the planned one
# anyway (a later step, the kernel or a fallback does the same), and the
# read-back is right to accept it. For those the program must run with exactly the
# control row's credentials. Every row also checks that its fault fired.
#
# Needs root with the full capability set, as make check runs; about 2 s.
# CAPINIT_BIN and FAULT_SO (relative to the top) select another build.
set -u

TOP=$(cd "$(dirname "$0")/../.." && pwd)
CAPINIT=$TOP/${CAPINIT_BIN:-capinit}
SO=$TOP/${FAULT_SO:-build/fault.so}
# shellcheck source=tests/tap.sh
. "$TOP/tests/tap.sh"

if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP fault injection needs root"
	exit 0
fi
for f in "$CAPINIT" "$SO"; do
	[ -e "$f" ] || { echo "Bail out! $f not built"; exit 1; }
done

# Profiles in a 0755 root-owned directory, as capinit wants; the program,
# run as uid 1000, leaves its credentials in a world-writable one.
T=$(mktemp -d /tmp/capinit-faults.XXXXXX)
trap 'rm -rf "$T"' EXIT
chmod 755 "$T"
P=$T/p
W=$T/w
mkdir -p "$P" "$W"
chmod 755 "$P"
chmod 1777 "$W"

# Every step in one profile: limits, no_new_privs, the bounding set,
# a user switch with supplementary groups, ambient, securebits.
cat >"$P/full.ini" <<'EOF'
[capabilities]
drop = ALL
add = NET_BIND_SERVICE, CHOWN
ambient = NET_BIND_SERVICE
[user]
user = 1000
group = 1000
supplementary_groups = 4, 27
[security]
no_new_privs = yes
securebits = noroot noroot-locked
[limits]
nofile = 1024:4096
EOF
# The same without securebits, which would hide a keep-caps left on.
grep -v '^securebits' "$P/full.ini" >"$P/nosec.ini"
chmod 644 "$P"/*.ini

# What the program must see when nothing is faulted (after exec, a
# non-root process keeps only its ambient set in P and E).
RAN=$W/ran
EXPECTED_STATE=$(printf '%s\n' 'Uid:	1000	1000	1000	1000' \
	'Gid:	1000	1000	1000	1000' 'Groups:	4 27 ' \
	'CapInh:	0000000000000400' 'CapPrm:	0000000000000400' \
	'CapEff:	0000000000000400' 'CapBnd:	0000000000000401' \
	'CapAmb:	0000000000000400' 'NoNewPrivs:	1')
# $0 is expanded by the inner sh.
# shellcheck disable=SC2016
PROGRAM=(/bin/sh -c 'grep -E "^(Uid|Gid|Groups|Cap...|NoNewPrivs):" /proc/self/status >"$0"' "$RAN")

# The start: the runner's bounding set (capinit's too), and a stale
# inheritable and ambient CAP_NET_RAW so that clearing them has work to do.
START_BND=$((16#$(awk '$1 == "CapBnd:" {print $2}' /proc/self/status)))
LAST=$(cat /proc/sys/kernel/cap_last_cap)
WANT_BND=$((0x401))
START=(setpriv --inh-caps +net_raw --ambient-caps +net_raw)

# The number of PR_CAPBSET_DROP calls and the capability of the last one.
N_DROPS=0
LAST_DROP=-1
for ((cap = 0; cap <= LAST; cap++)); do
	if (((START_BND >> cap) & 1 && !((WANT_BND >> cap) & 1))); then
		N_DROPS=$((N_DROPS + 1))
		LAST_DROP=$cap
	fi
done
hex() { printf '0x%x' "$1"; }

# Every call a rule names was faulted at least once ("fault.so: CALL#N").
fault_fired() { # SPEC STDERR-FILE
	local rule call
	[ -z "$1" ] && return 0
	for rule in ${1//,/ }; do
		call=${rule%%[#@:]*}
		grep -q "^fault\.so: $call#" "$2" || return 1
	done
}

# row STEP PROFILE FAULT EXPECT: EXPECT is a glob the message must contain
# (then exit 125, program not run), or "absorbed" (exit 0, silent, the
# program saw exactly the control state). One TAP line per row.
row() {
	local step=$1 profile=$2 spec=$3 want=$4 rc msg ran=no state='' bad=()
	rm -f "$RAN"
	"${START[@]}" env LD_PRELOAD="$SO" CAPINIT_FAULT="$spec" \
		"$CAPINIT" -p "$P/$profile.ini" -- "${PROGRAM[@]}" \
		>/dev/null 2>"$T/err" </dev/null
	rc=$?
	msg=$(grep -v '^fault\.so: ' "$T/err")
	[ -e "$RAN" ] && { ran=yes; state=$(cat "$RAN"); }
	fault_fired "$spec" "$T/err" || bad+=("the fault never fired")
	if [ "$want" = absorbed ]; then
		[ "$rc" = 0 ] || bad+=("exit $rc, want 0")
		[ -z "$msg" ] || bad+=("want no message")
		[ "$state" = "$EXPECTED_STATE" ] ||
			bad+=("the program saw:" "$state" "want:" "$EXPECTED_STATE")
	else
		[ "$rc" = 125 ] || bad+=("exit $rc, want 125")
		[ "$ran" = no ] || bad+=("the program ran")
		# Unquoted: $want is a glob.
		# shellcheck disable=SC2053
		[[ $msg == *$want* ]] || bad+=("message: $msg" "want:    *$want*")
	fi
	msg=${msg%%$'\n'*}
	ok "${#bad[@]}" "$step | ${spec:-none} | exit $rc | ${msg:-(none)} | program ran: $ran" \
		"${bad[@]}"
}

F=$P/full.ini
echo "# step | fault (CAPINIT_FAULT) | exit | message | program ran"

row "control: no fault" full "" absorbed
row "control: no fault, no securebits" nosec "" absorbed

# Reading the start state, before anything changes. "@capget": after
# the first capget, past libcap-ng's own probes at load.
row "start: open cap_last_cap" full "cap_last_cap:fail=ENOENT" absorbed
row "start: cap_last_cap forged low" full "cap_last_cap:forge=$((LAST - 5))" \
	"capinit: cap_last_cap $((LAST - 5)) does not match the kernel's bounding set (refused)"
row "start: cap_last_cap forged high" full "cap_last_cap:forge=$((LAST + 1))" \
	"capinit: cap_last_cap $((LAST + 1)) does not match the kernel's bounding set (refused)"
row "start: capget" full "capget#1:fail" \
	"capinit: reading capabilities: Operation not permitted"
row "start: /proc/PID/status (libcap-ng)" full "status:fail=ENOENT" absorbed
row "start: read bounding" full "PR_CAPBSET_READ@capget:fail=EINVAL" \
	"capinit: reading the bounding set: Invalid argument"
row "start: read ambient" full "PR_CAP_AMBIENT_IS_SET@capget:fail=EINVAL" \
	"capinit: reading the ambient set: Invalid argument"
row "start: getresuid" full "getresuid:fail" "capinit: reading ids: Operation not permitted"
row "start: getresgid" full "getresgid:fail" "capinit: reading ids: Operation not permitted"
row "start: getgroups" full "getgroups:fail=EINVAL" \
	"capinit: reading supplementary groups (more than *?): Invalid argument"
row "start: read securebits" full "PR_GET_SECUREBITS@capget:fail=EINVAL" \
	"capinit: reading securebits: Invalid argument"
row "start: read no_new_privs" full "PR_GET_NO_NEW_PRIVS@capget:fail=EINVAL" \
	"capinit: reading no_new_privs: Invalid argument"
row "start: getrlimit" full "getrlimit#1:fail=EINVAL" "capinit: reading cpu limit: Invalid argument"
# nr_open only lets the plan refuse early: unknown, setrlimit still would.
row "start: open nr_open" full "nr_open:fail=ENOENT" absorbed
row "start: nr_open forged low" full "nr_open:forge=2048" \
	"capinit: $F:13: nofile: 4096 is above the kernel's fs.nr_open (2048)"

# Applying, in privs_apply's order.
row "limits: setrlimit" full "setrlimit:fail" "capinit: $F:13: nofile: setrlimit: Operation not permitted"
row "limits: setrlimit" full "setrlimit:noop" "capinit: verify: limit nofile is *, expected 1024:4096"
row "read-back: getrlimit" full "getrlimit@setrlimit:fail=EINVAL" \
	"capinit: verify: reading cpu limit: Invalid argument"
row "no_new_privs" full "PR_SET_NO_NEW_PRIVS:fail" \
	"capinit: $F:10: PR_SET_NO_NEW_PRIVS: Operation not permitted"
row "no_new_privs" full "PR_SET_NO_NEW_PRIVS:noop" "capinit: verify: no_new_privs is 0, expected 1"
row "bounding: first drop" full "PR_CAPBSET_DROP#1:fail" \
	"capinit: $F:2: dropping DAC_OVERRIDE from the bounding set: Operation not permitted"
row "bounding: every drop (Debian libcap-ng)" full "PR_CAPBSET_DROP:noop" \
	"capinit: verify: bounding set is $(hex "$START_BND"), expected 0x401 (extra: DAC_OVERRIDE,"
row "bounding: last drop only (cap $LAST_DROP)" full "PR_CAPBSET_DROP#$N_DROPS:noop" \
	"capinit: verify: bounding set is $(hex $((WANT_BND | 1 << LAST_DROP))), expected 0x401 (extra: *; missing: none)"
row "inheritable: capget" full "capget#2:fail" "capinit: $F: reading capabilities: Operation not permitted"
row "inheritable: clear (capset)" full "capset#1:fail" \
	"capinit: $F:2: clearing the inheritable set: Operation not permitted"
# Absorbed: step 6's capset sets the inheritable set explicitly anyway.
row "inheritable: clear (capset)" full "capset#1:noop" absorbed
row "ambient: clear all" full "PR_CAP_AMBIENT_CLEAR_ALL:fail" \
	"capinit: $F:2: clearing the ambient set: Operation not permitted"
# Absorbed: the kernel keeps ambient within P and I, so clearing I
# already cleared it (and so does the uid change).
row "ambient: clear all" full "PR_CAP_AMBIENT_CLEAR_ALL:noop" absorbed
row "keep-caps on" full "PR_SET_KEEPCAPS#1:fail" "capinit: $F:6: PR_SET_KEEPCAPS: Operation not permitted"
# setresuid then empties the permitted set: the capset cannot raise it.
row "keep-caps on" full "PR_SET_KEEPCAPS#1:noop" \
	"capinit: $F:2: setting the permitted, effective and inheritable sets: Operation not permitted"
row "setgroups" full "setgroups:fail" \
	"capinit: $F:8: setgroups (needs CAP_SETGID; * Operation not permitted"
row "setgroups" full "setgroups:noop" \
	"capinit: verify: supplementary groups differ from the plan (* groups, expected 2)"
row "setresgid" full "setresgid:fail" \
	"capinit: $F:6: setresgid(1000) (needs CAP_SETGID): Operation not permitted"
row "setresgid" full "setresgid:noop" "capinit: verify: gids are 0/0/0, expected 1000"
row "setresuid" full "setresuid:fail" \
	"capinit: $F:6: setresuid(1000) (needs CAP_SETUID): Operation not permitted"
row "setresuid" full "setresuid:noop" "capinit: verify: uids are 0/0/0, expected 1000"
row "keep-caps off" full "PR_SET_KEEPCAPS#2:fail" "capinit: $F:6: PR_SET_KEEPCAPS: Operation not permitted"
# With securebits in the profile, PR_SET_SECUREBITS would clear it.
row "keep-caps off" nosec "PR_SET_KEEPCAPS#2:noop" "capinit: verify: securebits are 0x10, expected 0x0"
row "P/E/I: capget" full "capget#3:fail" "capinit: $F: reading capabilities: Operation not permitted"
row "P/E/I: capset" full "capset#2:fail" \
	"capinit: $F:2: setting the permitted, effective and inheritable sets: Operation not permitted"
# NET_BIND_SERVICE is then not inheritable: the ambient raise is refused.
row "P/E/I: capset" full "capset#2:noop" \
	"capinit: $F:4: raising ambient NET_BIND_SERVICE: Operation not permitted"
row "ambient raise" full "PR_CAP_AMBIENT_RAISE:fail" \
	"capinit: $F:4: raising ambient NET_BIND_SERVICE: Operation not permitted"
row "ambient raise" full "PR_CAP_AMBIENT_RAISE:noop" \
	"capinit: verify: ambient set is 0x0, expected 0x400 (extra: none; missing: NET_BIND_SERVICE)"
row "securebits" full "PR_SET_SECUREBITS:fail" \
	"capinit: $F:11: PR_SET_SECUREBITS: Operation not permitted"
row "securebits" full "PR_SET_SECUREBITS:noop" "capinit: verify: securebits are 0x0, expected 0x3"
row "drop CAP_SETPCAP: capget" full "capget#1@PR_SET_SECUREBITS:fail" \
	"capinit: $F: reading capabilities: Operation not permitted"
row "drop CAP_SETPCAP: capset" full "capset#3:fail" \
	"capinit: $F:2: setting the permitted, effective and inheritable sets: Operation not permitted"
row "drop CAP_SETPCAP: capset" full "capset#3:noop" \
	"capinit: verify: permitted set is 0x500, expected 0x400 (extra: SETPCAP; missing: none)"

# The read-back: everything after the last change (PR_SET_SECUREBITS).
V=@PR_SET_SECUREBITS
row "read-back: capget" full "capget#2$V:fail" \
	"capinit: verify: reading capabilities: Operation not permitted"
row "read-back: bounding" full "PR_CAPBSET_READ$V:fail=EINVAL" \
	"capinit: verify: reading the bounding set: Invalid argument"
row "read-back: ambient" full "PR_CAP_AMBIENT_IS_SET$V:fail=EINVAL" \
	"capinit: verify: reading the ambient set: Invalid argument"
row "read-back: getresuid" full "getresuid$V:fail" "capinit: verify: reading ids: Operation not permitted"
row "read-back: getresgid" full "getresgid$V:fail" "capinit: verify: reading ids: Operation not permitted"
row "read-back: getgroups" full "getgroups$V:fail=EINVAL" \
	"capinit: verify: reading supplementary groups (more than *?): Invalid argument"
row "read-back: securebits" full "PR_GET_SECUREBITS$V:fail=EINVAL" \
	"capinit: verify: reading securebits: Invalid argument"
row "read-back: no_new_privs" full "PR_GET_NO_NEW_PRIVS$V:fail=EINVAL" \
	"capinit: verify: reading no_new_privs: Invalid argument"
# libcap-ng reads CapBnd and CapAmb from /proc/PID/status, and falls back
# to prctl without it; capinit reads those two sets with prctl itself.
row "read-back: /proc/PID/status" full "status$V:fail=EIO" absorbed
# A refused bounding drop hidden by a /proc that shows the planned set:
# the read-back does not use libcap-ng's view of the bounding set.
row "read-back: /proc/PID/status forged" full \
	"PR_CAPBSET_DROP:noop,status:forge=CapBnd=0000000000000401" \
	"capinit: verify: bounding set is $(hex "$START_BND"), expected 0x401 (extra: DAC_OVERRIDE,"

done_testing
