#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The privilege drop, seen from the child: /proc/self/status of PROGRAM as
# exact hex masks, decoded independently with capsh --decode (libcap2-bin).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

if [ "$MODE" = userns ]; then
	# Inside a user namespace capinit holds every capability of that
	# namespace; switching to unmapped ids is impossible there.
	ROOT_CAPS=yes
fi
[ "$(id -u)" = 0 ] || { skip "privilege tests" "need root"; done_testing; exit 0; }

# The child's status lines, one "Name: value" each, tabs squeezed.
status_of() { # capinit args...
	ci "$@" -- cat /proc/self/status | tr -s '\t' ' ' |
		grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Uid|Gid|Groups):'
}
field() { echo "$1" | awk -v k="$2:" '$1 == k {$1 = ""; sub(/^ /, ""); print}'; }
decode() { capsh --decode="$1" | sed 's/^0x[0-9a-f]*=//'; }

# 1. drop ALL from the full set (root runs capinit with every capability).
profile dropall '[capabilities]\ndrop = ALL\n'
st=$(status_of -p "$P/dropall.ini")
for f in CapInh CapPrm CapEff CapBnd CapAmb; do
	is "$(field "$st" $f)" 0000000000000000 "drop ALL: $f is 0"
done
is "$(field "$st" NoNewPrivs)" 1 "drop ALL: NoNewPrivs 1"
is "$(decode "$(field "$st" CapBnd)")" "" "drop ALL: capsh decodes the bounding set as empty"

# The built-in profile, with no -p and no default file, is the same.
st2=$(status_of)
is "$st2" "$st" "no profile file: the built-in deny-all profile"
err=$(ci -v -- true 2>&1 | head -1)
is "$err" "capinit: no /etc/capinit/profile.ini: applying the built-in profile (drop ALL, no_new_privs)" \
	"-v says the built-in profile is applied"

# 2. drop ALL + add NET_BIND_SERVICE, staying root.
profile nbs '[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE\n'
st=$(status_of -p "$P/nbs.ini")
is "$(field "$st" CapBnd):$(field "$st" CapPrm):$(field "$st" CapEff)" \
	"0000000000000400:0000000000000400:0000000000000400" "root + NET_BIND_SERVICE: B = P = E = 0x400"
is "$(field "$st" CapInh):$(field "$st" CapAmb)" "0000000000000000:0000000000000000" \
	"root + NET_BIND_SERVICE: inheritable and ambient 0"
is "$(decode "$(field "$st" CapEff)")" cap_net_bind_service "capsh decodes 0x400 as cap_net_bind_service"

if [ -n "${ROOT_CAPS:-}" ]; then
	done_testing
	exit 0
fi

# 3. An unprivileged user keeps NET_BIND_SERVICE through the ambient set.
profile user1000 '[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE\n[user]\nuser = 1000\ngroup = 1000\nsupplementary_groups =\n'
st=$(status_of -p "$P/user1000.ini")
is "$(field "$st" Uid):$(field "$st" Gid):$(field "$st" Groups)" "1000 1000 1000 1000:1000 1000 1000 1000:" \
	"user 1000: all uids and gids 1000, no supplementary group"
for f in CapInh CapPrm CapEff CapBnd CapAmb; do
	is "$(field "$st" $f)" 0000000000000400 "user 1000 + NET_BIND_SERVICE: $f 0x400"
done
is "$(decode "$(field "$st" CapAmb)")" cap_net_bind_service "capsh decodes the ambient set"
out=$(unshare --net "${WRAP[@]}" "$CAPINIT" -p "$P/user1000.ini" -- "$PROBE" bind 80)
is "$?:$out" "0:bind: ok" "uid 1000 binds port 80 with the ambient capability"
out=$(unshare --net "${WRAP[@]}" "$CAPINIT" -p "$P/user1000.ini" -- "$PROBE" ids)
is "$out" "uid=1000/1000/1000 gid=1000/1000/1000" "the child's real, effective and saved ids"
profile user1000none '[capabilities]\ndrop = ALL\n[user]\nuser = 1000\ngroup = 1000\nsupplementary_groups =\n'
out=$(unshare --net "${WRAP[@]}" "$CAPINIT" -p "$P/user1000none.ini" -- "$PROBE" bind 80)
is "$?:$out" "1:bind: Permission denied" "without it, binding port 80 fails"

# 4. A stale inheritable CAP_SYS_ADMIN does not reach the child.
st=$(setpriv --inh-caps +sys_admin "${WRAP[@]}" "$CAPINIT" -p "$P/nbs.ini" -- cat /proc/self/status |
	tr -s '\t' ' ' | grep -E '^Cap')
is "$(field "$st" CapInh):$(field "$st" CapPrm):$(field "$st" CapEff)" \
	"0000000000000000:0000000000000400:0000000000000400" \
	"inheritable CAP_SYS_ADMIN at start: cleared, not in the child's permitted set"
ref=$(setpriv --inh-caps +sys_admin setpriv --bounding-set -all,+net_bind_service \
	grep CapPrm /proc/self/status | tr -s '\t' ' ')
is "$ref" "CapPrm: 0000000000200400" "reference: without clearing it, it would leak (setpriv)"

# 5. A setuid-root program stays non-root under no_new_privs.
cp "$PROBE" "$T/bin/suid-probe"
chown 0:0 "$T/bin/suid-probe"
chmod 4755 "$T/bin/suid-probe"
ref=$(setpriv --reuid=1000 --regid=1000 --clear-groups "$T/bin/suid-probe" ids)
is "$ref" "uid=1000/0/0 gid=1000/1000/1000" "reference: setuid root works without no_new_privs"
out=$(ci -p "$P/user1000none.ini" -- "$T/bin/suid-probe" ids)
is "$out" "uid=1000/1000/1000 gid=1000/1000/1000" "under capinit the setuid bit gives nothing"

# 6. Supplementary groups exactly as the profile says.
profile groups '[capabilities]\ndrop = ALL\n[user]\nuser = 1000\ngroup = 1000\nsupplementary_groups = 4, 27 100\n'
st=$(status_of -p "$P/groups.ini")
is "$(field "$st" Groups)" "4 27 100" "supplementary_groups = 4, 27 100"
profile rootgroups '[capabilities]\ndrop = ALL\n[user]\nsupplementary_groups = 5\n'
st=$(setpriv --groups 4,27 "${WRAP[@]}" "$CAPINIT" -p "$P/rootgroups.ini" -- cat /proc/self/status |
	tr -s '\t' ' ' | grep -E '^(Groups|Uid):')
is "$(field "$st" Groups):$(field "$st" Uid)" "5:0 0 0 0" "groups inherited from the runtime are replaced"

# 7. Environment, umask, workdir, limits and [init] from the profile.
profile env '[capabilities]\ndrop = ALL\n[user]\nuser = 1000\ngroup = 1000\nsupplementary_groups =\numask = 0027\nworkdir = /tmp\n[limits]\nnofile = 256:512\ncore = 0\n[init]\nmap_exit = 3:0\n'
# The inner sh expands these.
# shellcheck disable=SC2016
out=$(ci -p "$P/env.ini" -- sh -c 'echo "$HOME $USER $LOGNAME $(umask) $(pwd)"; awk "/open files/ {print \$4, \$5}" /proc/self/limits')
exp_home=$(awk -F: '$3 == 1000 {print $6; exit}' /etc/passwd)
exp_name=$(awk -F: '$3 == 1000 {print $1; exit}' /etc/passwd)
is "$out" "${exp_home:-/} ${exp_name:-1000} ${exp_name:-1000} 0027 /tmp
256 512" "HOME, USER, LOGNAME, umask, workdir and nofile from the profile"
ci -p "$P/env.ini" -- sh -c 'exit 3'
is "$?" 0 "[init] map_exit = 3:0 applies without a command-line flag"
ci -p "$P/env.ini" -e 3:7 -- sh -c 'exit 3'
is "$?" 7 "the command line wins over [init]"

# 8. Refusals: the program never starts, capinit exits 125.
marker=$W/started
run_refused() { # NAME EXPECTED-MESSAGE PROFILE-PATH
	rm -f "$marker"
	out=$(ci -p "$3" -- touch "$marker" 2>&1)
	r=$?
	is "$r:$out:$([ -e "$marker" ] && echo started)" "125:$2:" "$1: exit 125, exact message, not started"
}
profile ww '[capabilities]\ndrop = ALL\n'
chmod 666 "$P/ww.ini"
run_refused "world-writable profile" "capinit: $P/ww.ini: writable by group or others (refused)" "$P/ww.ini"
ln -sf "$P/nbs.ini" "$P/link.ini"
run_refused "symlinked profile" "capinit: $P/link.ini: is a symbolic link (refused)" "$P/link.ini"
profile badkey '[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVIC\n'
run_refused "misspelt capability" "capinit: $P/badkey.ini:3: add: unknown capability 'NET_BIND_SERVIC' (did you mean NET_BIND_SERVICE?)" "$P/badkey.ini"
run_refused "missing -p file" "capinit: $P/nosuch.ini: No such file or directory" "$P/nosuch.ini"
mkdir -p "$T/wdir" && chmod 777 "$T/wdir"
profile ok '[capabilities]\ndrop = ALL\n'
cp "$P/ok.ini" "$T/wdir/ok.ini"
run_refused "profile in a world-writable directory" "capinit: $T/wdir/ok.ini: its directory is writable by group or others (refused)" "$T/wdir/ok.ini"
chown 1000 "$P/ok.ini"
run_refused "profile not owned by root" "capinit: $P/ok.ini: owned by uid 1000, not root (refused)" "$P/ok.ini"
mkfifo "$P/fifo.ini"
run_refused "a FIFO instead of a file" "capinit: $P/fifo.ini: not a regular file (refused)" "$P/fifo.ini"
profile unknownuser '[user]\nuser = no-such-user-here\n'
run_refused "unknown user" "capinit: $P/unknownuser.ini:2: user 'no-such-user-here' is not in /etc/passwd" "$P/unknownuser.ini"
profile strict '[capabilities]\ndrop = ALL\nadd = SYS_ADMIN\nstrict = yes\n'
out=$(setpriv --bounding-set -sys_admin --inh-caps -all "$CAPINIT" -p "$P/strict.ini" -- touch "$marker" 2>&1)
is "$?:$out" "125:capinit: $P/strict.ini:3: add: SYS_ADMIN not granted by the runtime (strict = yes)" \
	"strict = yes: an add the runtime did not grant is an error"
out=$(setpriv --bounding-set -sys_admin --inh-caps -all "$CAPINIT" -p "$P/nbs.ini" -- true 2>&1)
is "$?:$out" "0:" "a profile within the runtime's grant: no warning"

# 9. Without CAP_SETPCAP (a non-root start): what can be applied is, and it
#    proceeds only because no_new_privs makes it safe.
st=$(setpriv --reuid=1000 --regid=1000 --clear-groups "$CAPINIT" -p "$P/dropall.ini" -- cat /proc/self/status 2>"$W/err" |
	tr -s '\t' ' ' | grep -E '^(Cap|NoNew)')
is "$(field "$st" CapPrm):$(field "$st" CapAmb):$(field "$st" NoNewPrivs)" "0000000000000000:0000000000000000:1" \
	"non-root start: nothing in P/E/I/A, no_new_privs set"
is "$(cat "$W/err")" "capinit: $P/dropall.ini: bounding set not narrowed (no CAP_SETPCAP); safe: no_new_privs is set and no other set holds more than the profile allows" \
	"non-root start: the unchanged bounding set is reported"
profile nonnp '[capabilities]\ndrop = ALL\n[security]\nno_new_privs = no\n'
out=$(setpriv --reuid=1000 --regid=1000 --clear-groups "$CAPINIT" -p "$P/nonnp.ini" -- touch "$marker" 2>&1)
is "$?:$out" "125:capinit: $P/nonnp.ini:4: the bounding set cannot be narrowed without CAP_SETPCAP, which is only safe with no_new_privs = yes" \
	"non-root start with no_new_privs = no: refused"
profile switch '[user]\nuser = www-data\n'
rm -f "$marker"
out=$(setpriv --reuid=1000 --regid=1000 --clear-groups "$CAPINIT" -p "$P/switch.ini" -- touch "$marker" 2>&1)
is "$?:$out:$([ -e "$marker" ] && echo started)" "125:capinit: $P/switch.ini: bounding set not narrowed (no CAP_SETPCAP); safe: no_new_privs is set and no other set holds more than the profile allows
capinit: $P/switch.ini:2: changing the supplementary groups needs CAP_SETGID, which capinit does not have (set supplementary_groups to the current ones)
capinit: $P/switch.ini:2: switching to gid 33 needs CAP_SETGID, which capinit does not have
capinit: $P/switch.ini:2: switching to uid 33 needs CAP_SETUID, which capinit does not have:" \
	"non-root start, user = www-data: refused by the plan, before any change, not started"
out=$(setpriv --reuid=1000 --regid=1000 --clear-groups "$CAPINIT" --check -p "$P/switch.ini" 2>/dev/null |
	grep -A1 '^under the privileges capinit has here')
is "$out" "under the privileges capinit has here (uid 1000): the profile cannot be applied:
  $P/switch.ini:2: changing the supplementary groups needs CAP_SETGID, which capinit does not have (set supplementary_groups to the current ones)" \
	"non-root start: --check says the same profile cannot be applied here"
# A hard limit above the current one, without CAP_SYS_RESOURCE; a nofile
# above fs.nr_open, refused even to root.
hard=$(ulimit -Hn)
profile raise "[limits]\nnofile = $((hard + 1))\n"
rm -f "$marker"
out=$(setpriv --reuid=1000 --regid=1000 --clear-groups "$CAPINIT" -p "$P/raise.ini" -- touch "$marker" 2>&1 | tail -n 1)
is "$out:$([ -e "$marker" ] && echo started)" "capinit: $P/raise.ini:2: nofile: raising the hard limit from $hard to $((hard + 1)) needs CAP_SYS_RESOURCE, which capinit does not have:" \
	"non-root start, a higher hard limit: refused by the plan, not started"
nr_open=$(cat /proc/sys/fs/nr_open)
profile nropen "[limits]\nnofile = $((nr_open + 1))\n"
out=$(ci -p "$P/nropen.ini" -- touch "$marker" 2>&1)
is "$?:$out:$([ -e "$marker" ] && echo started)" "125:capinit: $P/nropen.ini:2: nofile: $((nr_open + 1)) is above the kernel's fs.nr_open ($nr_open):" \
	"nofile above fs.nr_open: refused by the plan, even as root, not started"

# 10. securebits, read back from the kernel by the child.
profile secbits '[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE\n[security]\nsecurebits = noroot noroot-locked no-setuid-fixup no-setuid-fixup-locked\n'
out=$(ci -p "$P/secbits.ini" -- capsh --print | grep -E '^Securebits:' | cut -d' ' -f2 | cut -d/ -f1-2)
is "$out" "017/0xf" "securebits noroot + no-setuid-fixup, locked"

# 11. Installed setuid (AT_SECURE): refused before anything else.
cp "$CAPINIT" "$T/bin/capinit-suid"
chown 0:0 "$T/bin/capinit-suid"
chmod 4755 "$T/bin/capinit-suid"
rm -f "$marker"
out=$(setpriv --reuid=1000 --regid=1000 --clear-groups "$T/bin/capinit-suid" -- touch "$marker" 2>&1)
is "$?:$out:$([ -e "$marker" ] && echo started)" \
	"125:capinit: refusing to run in secure-execution mode (AT_SECURE): capinit must not be setuid, setgid or have file capabilities:" \
	"a setuid capinit refuses to run"

# 12. After dropping to a non-root user, capinit cannot signal a root
#     process that became its child; the grace period must still end.
if pid1; then
	profile u1000g '[capabilities]\ndrop = ALL\n[user]\nuser = 1000\ngroup = 1000\nsupplementary_groups =\n'
	ci_bg -t 0.5 -p "$P/u1000g.ini" -- "$PROBE" sleep 30
	child_of "$CI_PID" >/dev/null # the program is running
	# A root orphan of the namespace (like one left by a root docker exec).
	nsenter -t "$CI_PID" -p -- sh -c "(sleep 20 &)"
	sleep 0.2
	t0=$(date +%s%3N)
	kill -TERM "$CI_PID"
	ci_wait 2>/dev/null
	r=$?
	dt=$(( $(date +%s%3N) - t0 ))
	ok "$(( r == 143 && dt < 4000 ? 0 : 1 ))" \
		"an unkillable orphan does not hold capinit past the grace period (status $r, ${dt} ms)"
fi

# 13. Every shipped example loads (web.ini needs www-data, as on Debian).
for f in "$TOP"/conf/*.ini; do
	install -m 644 "$f" "$P/$(basename "$f")"
	out=$(ci -p "$P/$(basename "$f")" -- true 2>&1)
	is "$?:$out" "0:" "conf/$(basename "$f") loads and applies"
done

done_testing
