#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/e2e/run.sh - capinit in real containers, with podman (TAP).
#
# Builds the two example images of packaging/docker/ with `podman build`:
#   min  Dockerfile:        the static capinit, busybox, FROM scratch
#   deb  Dockerfile.debian: Debian bookworm with capinit's .deb installed
# and checks in each, under `podman run --privileged` and `--cap-add=ALL`:
# the program holds exactly the sets, ids and no_new_privs of the profile
# the image ships; `podman stop` reaches the program through capinit and the
# container exits with the program's status; orphans are reaped; and
# `podman exec ... capinit --show` flags the exec'd process. The first
# image also runs as the Pod of packaging/kubernetes/pod.yaml (kube play).
#
# No registry is reachable: the debian:bookworm the Dockerfiles name is made
# here with debootstrap, cached as $O/e2e/debian-bookworm.tar.gz, and
# imported as localhost/debian:bookworm, which the short name resolves to.
# The builds themselves fetch packages from Debian's mirror.
#
# Environment: O (build directory, default build), DEB (the .deb, default
# $O/pkg/capinit_VERSION-1_amd64.deb), VERSION, CAPINIT_BIN (the host's
# capinit, for --emit; default capinit). Run by `make e2e`.
set -u

TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
O=${O:-build}
# Absolute: podman's helper processes (kube play's copier, building the
# pause image) do not run in this directory.
case $O in /*) ;; *) O=$TOP/$O ;; esac
VERSION=${VERSION:-$(sed -n 's/^VERSION *= *//p' Makefile)}
DEB=${DEB:-$O/pkg/capinit_${VERSION}-1_amd64.deb}
OUT=$O/e2e
LOG=$OUT/podman.log
BASE=localhost/debian:bookworm
ID=capinit-e2e-$$
IMG_MIN=localhost/$ID-min
IMG_DEB=localhost/$ID-deb
PROFILE=/etc/capinit/profile.ini
CAPINIT=${CAPINIT_BIN:-capinit}
case $CAPINIT in /*) ;; *) CAPINIT=./$CAPINIT ;; esac

# Rlimits above the caller's cannot be set in the container: pass lower ones
# (this machine refuses its own hard RLIMIT_NPROC there).
lim_nofile=$(ulimit -Hn)
lim_nproc=$(ulimit -Hu)
[ "$lim_nofile" = unlimited ] || [ "$lim_nofile" -gt 4096 ] && lim_nofile=4096
[ "$lim_nproc" = unlimited ] || [ "$lim_nproc" -gt 4096 ] && lim_nproc=4096
RUN=(podman run --runtime=runc --network=none --label "$ID"
     --ulimit "nofile=$lim_nofile:$lim_nofile" --ulimit "nproc=$lim_nproc:$lim_nproc")
BUILD=(podman build --runtime=runc --pull=never)

# shellcheck source=tests/tap.sh
. "$TOP/tests/tap.sh"
diag() { sed 's/^/#   /'; }

cleanup() {
	local ids
	ids=$(podman ps -a -q --filter "label=$ID" 2>/dev/null)
	# shellcheck disable=SC2086
	[ -z "$ids" ] || podman rm -f -t 0 $ids >/dev/null 2>&1
	podman pod rm -f -t 0 "$ID" >/dev/null 2>&1
	podman rmi -f "$IMG_MIN" "$IMG_DEB" >/dev/null 2>&1
	rm -rf "$OUT/ctx-$$" "$OUT/debian-bookworm.tar.gz.tmp"
	# an interrupted debootstrap: nothing below a mount point it left
	[ ! -d "$OUT/rootfs-$$" ] || rm -rf --one-file-system "$OUT/rootfs-$$"
}
trap cleanup EXIT

# The base image: debootstrap once (about 75 s), then the cached tarball.
# Like Debian's official image: apt sources in deb822 form, no package lists.
make_base() {
	local tar=$OUT/debian-bookworm.tar.gz root
	podman image exists "$BASE" && return 0
	if [ ! -s "$tar" ]; then
		root=$OUT/rootfs-$$
		echo "# debootstrap bookworm (cached afterwards as $tar)"
		debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian \
			>"$OUT/debootstrap.log" 2>&1 || { tail -20 "$OUT/debootstrap.log" | diag; return 1; }
		rm -f "$root/etc/apt/sources.list"
		cat >"$root/etc/apt/sources.list.d/debian.sources" <<-'EOF'
		Types: deb
		URIs: http://deb.debian.org/debian
		Suites: bookworm bookworm-updates
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

		Types: deb
		URIs: http://deb.debian.org/debian-security
		Suites: bookworm-security
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
		EOF
		rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
		tar -C "$root" -c . | gzip -1 >"$tar.tmp" && mv "$tar.tmp" "$tar" || return 1
		rm -rf "$root"
	fi
	podman import --change 'CMD ["bash"]' "$tar" "$BASE" >>"$LOG" 2>&1
}

build_image() { # build_image TAG DOCKERFILE CONTEXT LOG
	echo "== podman build -t $1 -f $2 $3" >"$4"
	"${BUILD[@]}" -t "$1" -f "$2" "$3" >>"$4" 2>&1 ||
		{ tail -20 "$4" | diag; return 1; }
}

# The field of /proc/PID/status, its blanks made single spaces.
field() { # field NAME < status
	awk -v f="$1:" '$1 == f { $1 = ""; sub(/^ /, ""); print }'
}

# The sets a process of the profile's user holds: NET_BIND_SERVICE (bit 10)
# in every set, raised into the ambient set since nobody is not root.
WANT_CAPS=0000000000000400
# What the runtime grants: everything it holds itself, which is what this
# script holds (not every capability: a CI sandbox may withhold some).
host_caps() { field CapEff </proc/$$/status; }

is_caps() { # is_caps GOT WANT NAME: on failure, the sets decoded
	is "$1" "$2" "$3"
	[ "$1" = "$2" ] || printf '#   got %s, want %s\n' "$(capsh --decode="$1")" "$(capsh --decode="$2")"
}

# (a), (b): the program's credentials, under a runtime granting everything.
check_sets() { # check_sets TAG IMAGE RUNTIME-FLAG
	local st ctl f
	ctl=$("${RUN[@]}" --rm "$3" --entrypoint cat "$2" /proc/self/status)
	is_caps "$(field CapEff <<<"$ctl")" "$(host_caps)" "$1 $3: without capinit, the program would hold every capability podman has"
	st=$("${RUN[@]}" --rm "$3" "$2" cat /proc/self/status)
	for f in CapInh CapPrm CapEff CapBnd CapAmb; do
		is_caps "$(field $f <<<"$st")" "$WANT_CAPS" "$1 $3: $f is the profile's"
	done
	is "$(field NoNewPrivs <<<"$st")" 1 "$1 $3: no_new_privs set"
	is "$(field Uid <<<"$st")" "65534 65534 65534 65534" "$1 $3: uids are nobody's"
	is "$(field Gid <<<"$st")" "65534 65534 65534 65534" "$1 $3: gids are nogroup's"
	is "$(field Groups <<<"$st")" 65534 "$1 $3: the supplementary groups are nogroup alone"
}

# (f) The runtime-side settings of the profile (--emit=docker; the Pod's
# securityContext says the same): capinit starts as nobody with only
# NET_BIND_SERVICE, and the program still ends with the profile's sets.
check_emitted() { # check_emitted TAG IMAGE
	local st f flags
	read -r -a flags <<<"$("$CAPINIT" --emit=docker -p packaging/docker/profile.ini)"
	st=$("${RUN[@]}" --rm "${flags[@]}" "$2" cat /proc/self/status)
	ok $? "$1 ${flags[*]}: runs"
	for f in CapInh CapPrm CapEff CapBnd CapAmb; do
		is_caps "$(field $f <<<"$st")" "$WANT_CAPS" "$1 --emit=docker flags: $f is the profile's"
	done
	is "$(field NoNewPrivs <<<"$st")" 1 "$1 --emit=docker flags: no_new_privs set"
	is "$(field Uid <<<"$st")/$(field Gid <<<"$st")/$(field Groups <<<"$st")" \
		"65534 65534 65534 65534/65534 65534 65534 65534/65534" "$1 --emit=docker flags: uids, gids, groups"
}

# (g) packaging/kubernetes/pod.yaml itself, run by podman kube play (only
# its name and image changed, to this run's): the kubelet's settings start
# capinit as nobody with NET_BIND_SERVICE alone, and the example entrypoint
# reports exactly the profile's sets. The pause image needs catatonit.
check_pod() { # check_pod IMAGE
	local pod=$OUT/ctx-$$/pod.yaml conf=$OUT/ctx-$$/containers.conf out f
	sed -e "s|^  name: capinit-example\$|  name: $ID|" \
		-e "s|^      image: capinit-example:latest\$|      image: $1|" \
		packaging/kubernetes/pod.yaml >"$pod"
	# podman run's flags of this script, for kube play
	printf '%s\n' '[containers]' \
		"default_ulimits = [\"nofile=$lim_nofile:$lim_nofile\", \"nproc=$lim_nproc:$lim_nproc\"]" \
		'[engine]' 'runtime = "runc"' >"$conf"
	CONTAINERS_CONF=$conf podman kube play --network none "$pod" >>"$LOG" 2>&1
	ok $? "pod.yaml: podman kube play"
	wait_log "$ID-example" "entrypoint: waiting for docker stop"
	ok $? "pod.yaml: the example entrypoint runs"
	out=$(podman logs "$ID-example" 2>&1)
	is "$(sed -n 's/^entrypoint: running as //p' <<<"$out")" \
		"uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)" "pod.yaml: ids and groups"
	for f in CapInh CapPrm CapEff CapBnd CapAmb; do
		is_caps "$(field $f <<<"$out")" "$WANT_CAPS" "pod.yaml: $f is the profile's"
	done
	is "$(field NoNewPrivs <<<"$out")" 1 "pod.yaml: no_new_privs set"
	podman kube play --down "$pod" >>"$LOG" 2>&1
}

# Wait (at most 20 s) until the container's log has a line.
wait_log() { # wait_log CONTAINER LINE
	local tries=100
	while [ "$tries" -gt 0 ]; do
		tries=$((tries - 1))
		podman logs "$1" 2>&1 | grep -qxF "$2" && return 0
		sleep 0.2
	done
	return 1
}

# (c) podman stop sends SIGTERM to PID 1, capinit; the program gets it and
# exits 42; the container's exit status is 42, long before the timeout.
check_stop() { # check_stop TAG IMAGE
	local c t0 t1 code
	# shellcheck disable=SC2016
	c=$("${RUN[@]}" -d --cap-add=ALL "$2" sh -c \
		'trap "echo program: SIGTERM; exit 42" TERM; echo program: ready
		 while :; do sleep 1 & wait $!; done')
	wait_log "$c" "program: ready"
	ok $? "$1: the program runs"
	t0=$(date +%s)
	podman stop -t 10 "$c" >>"$LOG" 2>&1
	t1=$(date +%s)
	code=$(podman wait "$c" 2>>"$LOG")
	is "$code" 42 "$1: podman wait: the container exits with the program's status"
	is "$(podman inspect -f '{{.State.ExitCode}}' "$c")" 42 "$1: State.ExitCode is the program's"
	podman logs "$c" 2>&1 | grep -qxF "program: SIGTERM"
	ok $? "$1: the program got SIGTERM through capinit"
	ok $(($((t1 - t0)) < 8 ? 0 : 1)) "$1: stopped by SIGTERM, not killed at the timeout ($((t1 - t0)) s)"
	podman rm -f -t 0 "$c" >/dev/null 2>&1
}

# (d) Five orphans are reparented to capinit (PID 1); when they exit,
# capinit reaps them: no zombie is left.
check_reap() { # check_reap TAG IMAGE
	local out before after
	# shellcheck disable=SC2016
	out=$("${RUN[@]}" --rm --cap-add=ALL "$2" sh -c \
		'for i in 1 2 3 4 5; do (sleep 3 &); done; sleep 1
		 echo "== before"; cat /proc/[0-9]*/stat 2>/dev/null
		 # until no sleep is left (a zombie keeps its name), 15 s at most
		 n=0
		 while [ $n -lt 75 ] && grep -qx sleep /proc/[0-9]*/comm 2>/dev/null; do
		 	sleep 0.2; n=$((n + 1)); done
		 echo "== after"; cat /proc/[0-9]*/stat 2>/dev/null')
	# pid (comm) state ppid ...: the comm of these processes has no blank
	before=$(sed -n '/^== before/,/^== after/p' <<<"$out")
	after=$(sed -n '/^== after/,$p' <<<"$out")
	is "$(awk '$2 == "(sleep)" && $4 == 1' <<<"$before" | wc -l)" 5 \
		"$1: five orphans, children of capinit"
	is "$(awk '$1 == 1 { print $2 }' <<<"$before")" "(capinit)" "$1: PID 1 is capinit"
	is "$(awk '$2 == "(sleep)"' <<<"$after" | wc -l)" 0 "$1: the orphans are gone"
	is "$(awk '$3 == "Z"' <<<"$after" | wc -l)" 0 "$1: no zombie is left"
}

# (e) A process started with podman exec bypasses PID 1: it holds the
# runtime's privileges, and capinit --show flags it (exit 1), while PID 1
# and the program hold the profile's.
check_exec() { # check_exec TAG IMAGE
	local c out rc sh tries
	c=$("${RUN[@]}" -d --cap-add=ALL "$2" sleep 600)
	tries=50
	while :; do # until the program runs (5 s at most)
		out=$(podman exec "$c" capinit --show -p "$PROFILE")
		rc=$?
		tries=$((tries - 1))
		grep -Eq '^[0-9]+ sleep: ' <<<"$out" || [ "$tries" -eq 0 ] && break
		sleep 0.1
	done
	is "$rc" 1 "$1: podman exec capinit --show exits 1"
	grep -q '^1 capinit: uid 65534 gid 65534 groups 65534, no_new_privs 1,' <<<"$out"
	ok $? "$1: --show: PID 1 holds the profile's privileges"
	grep -Eq '^[0-9]+ sleep: uid 65534 gid 65534 groups 65534, no_new_privs 1,' <<<"$out"
	ok $? "$1: --show: the program holds the profile's privileges"
	is "$(grep -c '^!! ' <<<"$out")" 1 "$1: --show flags one process, the exec'd one"
	# shellcheck disable=SC2016
	out=$(podman exec "$c" sh -c 'echo "shell $$"; capinit --show -p '"$PROFILE"' $$ 1')
	rc=$?
	is "$rc" 1 "$1: --show of an exec'd shell exits 1"
	sh=$(sed -n 's/^shell //p' <<<"$out")
	grep -q "^!! $sh [a-z]*: uid 0 gid 0 " <<<"$out"
	ok $? "$1: --show flags the exec'd shell (pid $sh), which runs as root"
	grep -q '^    !! beyond the profile: CHOWN,' <<<"$out"
	ok $? "$1: --show names the capabilities beyond the profile"
	[ "$rc" = 1 ] || printf '%s\n' "$out" | diag
	podman rm -f -t 0 "$c" >/dev/null 2>&1
}

mkdir -p "$OUT"
: >"$LOG"
command -v podman >/dev/null || { echo "Bail out! podman not installed (tests/deps.sh e2e)"; exit 1; }
command -v capsh >/dev/null || { echo "Bail out! capsh not installed (libcap2-bin)"; exit 1; }

t=$SECONDS
make_base
ok $? "base image $BASE (debootstrap, cached in $OUT)"
[ "$n_fail" -eq 0 ] || { echo "Bail out! no base image"; exit 1; }
echo "# base image: $((SECONDS - t)) s"

# Both builds at once: most of their time is spent fetching packages.
t=$SECONDS
build_image "$IMG_MIN" packaging/docker/Dockerfile . "$OUT/build-min.log" &
job_min=$!
ctx=$OUT/ctx-$$
mkdir -p "$ctx"
job_deb=""
if [ -s "$DEB" ]; then
	cp "$DEB" packaging/docker/profile.ini "$ctx/"
	build_image "$IMG_DEB" packaging/docker/Dockerfile.debian "$ctx" "$OUT/build-deb.log" &
	job_deb=$!
fi
wait "$job_min"
ok $? "podman build packaging/docker/Dockerfile (static capinit, FROM scratch)"
built_min=$((n_fail == 0))
built_deb=0
[ -n "$job_deb" ] && wait "$job_deb" && built_deb=1
ok $((1 - built_deb)) "podman build packaging/docker/Dockerfile.debian ($DEB)"
echo "# podman build, both images: $((SECONDS - t)) s"

t=$SECONDS
for img in min deb; do
	if [ "$img" = min ]; then
		[ "$built_min" = 1 ] || continue
		image=$IMG_MIN
	else
		[ "$built_deb" = 1 ] || continue
		image=$IMG_DEB
	fi
	check_sets "$img" "$image" --privileged
	check_sets "$img" "$image" --cap-add=ALL
	check_stop "$img" "$image"
	check_reap "$img" "$image"
	check_exec "$img" "$image"
	check_emitted "$img" "$image"
done
[ "$built_min" = 1 ] && check_pod "$IMG_MIN"

echo "# the containers: $((SECONDS - t)) s"
echo "1..$n_test"
if [ "$n_fail" -ne 0 ]; then
	echo "# $n_fail of $n_test failed; podman's output: $OUT/*.log"
	exit 1
fi
