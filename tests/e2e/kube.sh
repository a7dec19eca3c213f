#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/e2e/kube.sh - packaging/kubernetes/pod.yaml agrees with its profile
# (TAP). The lines between its BEGIN and END markers, unindented, must be
# exactly `capinit --emit=kubernetes -p packaging/docker/profile.ini`, and
# the file must be a valid Pod whose container securityContext is that
# output parsed, and whose spec.securityContext holds what its "pod level"
# comment says (when python3 has its yaml module). Needs no podman.
set -u

TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
CAPINIT=${CAPINIT_BIN:-capinit}
case $CAPINIT in /*) ;; *) CAPINIT=./$CAPINIT ;; esac
POD=packaging/kubernetes/pod.yaml
PROFILE=packaging/docker/profile.ini
# shellcheck source=tests/tap.sh
. "$TOP/tests/tap.sh"

emit=$("$CAPINIT" --emit=kubernetes -p "$PROFILE")
ok $? "capinit --emit=kubernetes -p $PROFILE"

# The block between the markers, with the indentation of its first line removed.
block=$(sed -n '/# BEGIN capinit --emit=kubernetes/,/# END capinit --emit=kubernetes/p' "$POD" |
	sed '1d;$d' | awk 'NR == 1 { match($0, /^ */); n = RLENGTH } { print substr($0, n + 1) }')
[ -n "$block" ] && [ "$block" = "$emit" ]
ok $? "$POD: the container's securityContext is the output of --emit=kubernetes"
[ "$block" = "$emit" ] || diff <(printf '%s\n' "$block") <(printf '%s\n' "$emit") | sed 's/^/#   /'

if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$POD" "$emit" <<-'PY'
	import sys, yaml
	pod = yaml.safe_load(open(sys.argv[1]))
	want = yaml.safe_load(sys.argv[2])["securityContext"]
	c = pod["spec"]["containers"][0]
	assert pod["apiVersion"] == "v1" and pod["kind"] == "Pod", "not a v1 Pod"
	assert c["securityContext"] == want, "securityContext %r != %r" % (c["securityContext"], want)
	# the emitted comment "# pod level (spec.securityContext): KEY: VALUE"
	pod_level = {}
	for line in sys.argv[2].splitlines():
	    if line.startswith("# pod level (spec.securityContext): "):
	        pod_level.update(yaml.safe_load(line.split(": ", 1)[1]))
	got = pod["spec"].get("securityContext", {})
	assert got == pod_level, "spec.securityContext %r != %r" % (got, pod_level)
	PY
	ok $? "$POD: a v1 Pod; its container securityContext parses to the emitted one, and spec.securityContext to the emitted pod-level comment"
else
	skip "$POD parses as YAML" "python3 has no yaml module"
fi

done_testing
