#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A real OCI runtime: runc runs a bundle with a static busybox rootfs and
# capinit as the container's process, granting every capability it can
# (what `docker run --privileged` does). The process inside must end with
# exactly the profile's sets.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

only_in_root_mode "runc bundle"
for tool in runc busybox capsh; do
	command -v $tool >/dev/null || { echo "Bail out! $tool missing (make check installs it)"; exit 1; }
done

B=$T/bundle
R=$B/rootfs
mkdir -p "$R"/{bin,sbin,etc/capinit,proc,sys,dev,tmp,root}
chmod 755 "$B" "$R" "$R/etc" "$R/etc/capinit"
cp "$(command -v busybox)" "$R/bin/busybox"
for a in sh cat grep id; do ln -s busybox "$R/bin/$a"; done
# capinit is linked dynamically: bring its libraries along.
cp "$CAPINIT" "$R/sbin/capinit"
ldd "$CAPINIT" | grep -o '/[^ ]*' | while read -r lib; do
	cp --parents -L "$lib" "$R"
done
printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/tmp:/bin/sh\n' >"$R/etc/passwd"
printf 'root:x:0:\napp:x:1000:\nweb:x:2000:app\n' >"$R/etc/group"
printf '[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE\n[user]\nuser = app\n' \
	>"$R/etc/capinit/profile.ini"
chmod 644 "$R/etc/capinit/profile.ini"

# Every capability this host's root holds, by name, as runc wants them.
mask=$(awk '/^CapPrm/ {print $2}' /proc/self/status)
caps=$(capsh --decode="0x$mask" | sed 's/^0x[0-9a-f]*=//' | tr '[:lower:]' '[:upper:]' |
	sed 's/[^,][^,]*/"&"/g')

config() { # ARGS-JSON
	cat >"$B/config.json" <<EOF
{
  "ociVersion": "1.0.2",
  "process": {
    "terminal": false,
    "user": { "uid": 0, "gid": 0, "additionalGids": [0, 10] },
    "args": $1,
    "env": ["PATH=/sbin:/bin"],
    "cwd": "/",
    "capabilities": {
      "bounding": [$caps], "effective": [$caps], "inheritable": [$caps],
      "permitted": [$caps], "ambient": [$caps]
    },
    "noNewPrivileges": false
  },
  "root": { "path": "rootfs", "readonly": false },
  "hostname": "capinit-test",
  "mounts": [
    { "destination": "/proc", "type": "proc", "source": "proc" },
    { "destination": "/dev", "type": "tmpfs", "source": "tmpfs",
      "options": ["nosuid", "strictatime", "mode=755", "size=65536k"] }
  ],
  "linux": {
    "namespaces": [ { "type": "pid" }, { "type": "mount" }, { "type": "ipc" },
                    { "type": "uts" }, { "type": "network" } ]
  }
}
EOF
}

run_ctr() {
	runc --root "$T/runc-state" run --bundle "$B" "capinit-test-$$" </dev/null
}

status_line() { echo "$1" | tr -s '\t' ' ' | awk -v k="$2:" '$1 == k {$1 = ""; sub(/^ /, ""); print}'; }

# Reference: the runtime grants everything to a process without capinit.
config '["/bin/cat", "/proc/self/status"]'
ref=$(run_ctr)
is "$(status_line "$ref" CapAmb)" "$mask" "reference: runc grants every capability, ambient included"

config '["/sbin/capinit", "--", "/bin/cat", "/proc/self/status"]'
out=$(run_ctr 2>"$W/err")
r=$?
is "$r:$(cat "$W/err")" "0:" "capinit in runc: exit 0, nothing on stderr"
for f in CapInh CapPrm CapEff CapBnd CapAmb; do
	is "$(status_line "$out" $f)" 0000000000000400 "in runc: $f is exactly 0x400"
done
is "$(capsh --decode="0x$(status_line "$out" CapBnd)" | cut -d= -f2)" cap_net_bind_service \
	"capsh decodes the container's bounding set"
is "$(status_line "$out" Uid):$(status_line "$out" Gid):$(status_line "$out" Groups)" \
	"1000 1000 1000 1000:1000 1000 1000 1000:1000 2000" \
	"in runc: uid/gid 1000, groups from the image's /etc/group (the runtime's 0 and 10 gone)"
is "$(status_line "$out" NoNewPrivs):$(status_line "$out" PPid)" "1:1" "in runc: no_new_privs, and capinit is PID 1"

config '["/sbin/capinit", "--", "/bin/sh", "-c", "exit 7"]'
run_ctr
is "$?" 7 "in runc: the exit status of the program is the container's"

# Both layers agree: the OCI fragment from --emit=oci, given to runc for a
# process without capinit, yields the same state as capinit itself.
printf '[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE CHOWN\n[user]\nuser = 1000\ngroup = 1000\nsupplementary_groups = 2000\n[limits]\nnofile = 512:1024\n' \
	>"$R/etc/capinit/profile.ini"
pick() { echo "$1" | tr -s '\t' ' ' | grep -E '^(Cap|NoNewPrivs|Uid|Gid|Groups)' | sed 's/ *$//'; }
config '["/sbin/capinit", "--", "/bin/cat", "/proc/self/status"]'
with=$(pick "$(run_ctr)")
frag=$("$CAPINIT" --emit=oci -p "$R/etc/capinit/profile.ini")
config '["/bin/cat", "/proc/self/status"]'
python3 - "$B/config.json" "$frag" <<'PY'
import json, sys
path, frag = sys.argv[1], json.loads(sys.argv[2])["process"]
cfg = json.load(open(path))
cfg["process"].update(frag)
json.dump(cfg, open(path, "w"), indent=1)
PY
without=$(pick "$(run_ctr)")
is "$without" "$with" "--emit=oci in runc without capinit gives exactly what capinit gives"
is "$(echo "$with" | grep CapBnd)" "CapBnd: 0000000000000401" "... which is the profile's (CHOWN, NET_BIND_SERVICE)"

done_testing
