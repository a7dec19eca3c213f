#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The tool modes: --check (plan and risks, text and JSON), --emit for each
# runtime, and --show (decoding, and flagging drift from a profile).
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

only_in_root_mode "tool modes"
jq_() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

profile web '[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE\n[user]\nuser = 1000\ngroup = 1000\nsupplementary_groups = 4\numask = 0027\n[limits]\nnofile = 1024:2048\n[init]\nrewrite = TERM:QUIT\ngrace = 2.5\n'
profile deny '[capabilities]\ndrop = NET_RAW\n[security]\nno_new_privs = no\n'
profile bad '[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVIC\nambient = FOO\n'

# --check, text.
out=$("$CAPINIT" --check -p "$P/web.ini")
r=$?
is "$r" 0 "--check: a valid profile exits 0"
is "$(echo "$out" | sed -n '1,7p')" "profile:      $P/web.ini (valid)
user:         uid 1000, gid 1000, groups 4
no_new_privs: yes
securebits:   unchanged
umask:        0027
limit:        nofile 1024:2048
init:         group no, grace 2.500 s, stop signal SIGTERM, rewrite SIGTERM:SIGQUIT" \
	"--check: user, no_new_privs, umask, limits and init options"
is "$(echo "$out" | sed -n '/^capabilities under a runtime/,/^$/p')" "capabilities under a runtime that grants everything (--privileged):
  bounding     NET_BIND_SERVICE
  permitted    NET_BIND_SERVICE
  effective    NET_BIND_SERVICE
  inheritable  NET_BIND_SERVICE
  ambient      NET_BIND_SERVICE" "--check: the five sets under --privileged"
is "$(echo "$out" | tail -1)" "risks under --privileged: none found" "--check: no risk in a tight profile"

out=$("$CAPINIT" --check -p "$P/deny.ini")
is "$(echo "$out" | sed -n '/^risks under --privileged:$/,$p' | awk '{print $1}' | tr '\n' ' ')" \
	"risks SYS_ADMIN DAC_OVERRIDE DAC_READ_SEARCH SYS_PTRACE SYS_MODULE NET_ADMIN SETUID SETGID SETPCAP SETFCAP no_new_privs uid deny-list " \
	"--check: every risky choice of a deny-list profile is flagged"
echo "$out" | grep -q "^  deny-list        'drop' without ALL keeps $(( $(cat /proc/sys/kernel/cap_last_cap) )) of the $(( $(cat /proc/sys/kernel/cap_last_cap) + 1 )) capabilities of --privileged$"
ok $? "--check: the deny-list line says how much of --privileged it keeps"

out=$("$CAPINIT" --check -p "$P/bad.ini" 2>&1)
is "$?:$out" "125:capinit: $P/bad.ini:3: add: unknown capability 'NET_BIND_SERVIC' (did you mean NET_BIND_SERVICE?)
capinit: $P/bad.ini:4: ambient: unknown capability 'FOO'" "--check: every error, exit 125"

# --check, JSON.
js=$("$CAPINIT" --check --format=json -p "$P/web.ini")
is "$(echo "$js" | jq_ 'd["valid"], d["user"], d["privileged"]["ambient"], d["init"]["rewrite"], d["limits"]["nofile"], d["risks"]')" \
	"True {'uid': 1000, 'gid': 1000, 'groups': [4], 'changed': True} ['CAP_NET_BIND_SERVICE'] {'SIGTERM': 'SIGQUIT'} {'soft': 1024, 'hard': 2048} []" \
	"--check --format=json: valid JSON with the plan"
js=$("$CAPINIT" --check --format=json -p "$P/bad.ini" 2>/dev/null)
is "$?:$(echo "$js" | jq_ 'd["valid"], len(d["errors"])')" "125:False 2" "--check --format=json: errors listed, exit 125"

# --emit.
is "$("$CAPINIT" --emit=docker -p "$P/web.ini")" \
	"--cap-drop=ALL --cap-add=NET_BIND_SERVICE --security-opt=no-new-privileges --user=1000:1000 --group-add=4 --ulimit=nofile=1024:2048" \
	"--emit=docker"
is "$("$CAPINIT" --emit=kubernetes -p "$P/web.ini")" 'securityContext:
  capabilities:
    drop: ["ALL"]
    add: ["NET_BIND_SERVICE"]
  runAsUser: 1000
  runAsGroup: 1000
  runAsNonRoot: true
  allowPrivilegeEscalation: false
  seccompProfile:
    type: RuntimeDefault
# pod level (spec.securityContext): supplementalGroups: [4]
# Pod Security Standards: meets "restricted"' "--emit=kubernetes, restricted"
is "$("$CAPINIT" --emit=kubernetes -p "$P/deny.ini" | tail -1)" \
	'# Pod Security Standards: not "restricted": adds capabilities other than NET_BIND_SERVICE; runs as uid 0; allows privilege escalation (no_new_privs = no)' \
	"--emit=kubernetes says why a profile is not restricted"
is "$("$CAPINIT" --emit=systemd -p "$P/web.ini")" '[Service]
User=1000
Group=1000
SupplementaryGroups=4
CapabilityBoundingSet=CAP_NET_BIND_SERVICE
AmbientCapabilities=CAP_NET_BIND_SERVICE
NoNewPrivileges=yes
UMask=0027
LimitNOFILE=1024:2048' "--emit=systemd"
js=$("$CAPINIT" --emit=oci -p "$P/web.ini")
is "$(echo "$js" | jq_ 'd["process"]["user"], d["process"]["capabilities"]["bounding"], d["process"]["noNewPrivileges"], d["process"]["rlimits"]')" \
	"{'uid': 1000, 'gid': 1000, 'umask': 23, 'additionalGids': [4]} ['CAP_NET_BIND_SERVICE'] True [{'type': 'RLIMIT_NOFILE', 'soft': 1024, 'hard': 2048}]" \
	"--emit=oci: a valid process fragment"
out=$("$CAPINIT" --emit=docker -p "$P/bad.ini" 2>/dev/null)
is "$?:$out" "125:" "--emit with a bad profile: nothing on stdout, exit 125"
out=$("$CAPINIT" --emit=docker -p "$P/web.ini" 2>&1 >/dev/full)
is "$?:$out" "125:capinit: writing the report to stdout failed" \
	"--emit: a report that cannot be written is a failure (exit 125)"

# --show: the child of capinit is within its profile, this shell is not.
ci_bg -p "$P/web.ini" -- "$PROBE" sleep 20
child=$(child_of "$CI_PID")
out=$("$CAPINIT" --show -p "$P/web.ini" "$child")
is "$?:$(echo "$out" | head -1)" "0:$child probe: uid 1000 gid 1000 groups 4, no_new_privs 1, seccomp off" \
	"--show: a process under capinit is within the profile (exit 0)"
is "$(echo "$out" | sed -n 2,6p | tr -s ' ')" " bounding NET_BIND_SERVICE
 permitted NET_BIND_SERVICE
 effective NET_BIND_SERVICE
 inheritable NET_BIND_SERVICE
 ambient NET_BIND_SERVICE" "--show: the five sets decoded by name"
out=$("$CAPINIT" --show -p "$P/web.ini" $$ "$child")
r=$?
is "$r:$(echo "$out" | grep -c '^!! ')" "1:1" "--show: a process with the runtime's capabilities is flagged (exit 1)"
echo "$out" | grep -q "^    !! no_new_privs is not set$"
ok $? "--show: missing no_new_privs is flagged"
is "$(echo "$out" | grep '!! runs with')" \
	"    !! runs with uids 0/0/0/0 gids 0/0/0/0 (real/effective/saved/fs); the profile wants uid 1000 gid 1000" \
	"--show: a process that is not the profile's user is flagged"
js=$("$CAPINIT" --show --format=json -p "$P/web.ini" "$child" $$)
is "$?:$(echo "$js" | jq_ '[p["within_profile"] for p in d["processes"]], [p["wrong_ids"] for p in d["processes"]], d["flagged"]')" \
	"1:[True, False] [False, True] True" "--show --format=json"
out=$("$CAPINIT" --show 999999999 2>&1)
is "$?:$out" "125:capinit: 999999999: no such process" "--show: an unknown pid is an error"
kill -USR1 "$CI_PID"
ci_wait

done_testing
