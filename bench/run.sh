#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/run.sh - capinit against tini, dumb-init, catatonit and the bare
# program (no init), each as PID 1 of a fresh PID namespace:
#     unshare --pid --fork --mount-proc [INIT [ARGS]] PROGRAM
# Prints a markdown report to stdout and writes it to bench/out/results.md
# (raw numbers in bench/out/raw.txt). How each row is measured: see
# bench/RESULTS.md and the comments of bench/initbench.c and orphans.c.
#
# Needs root, util-linux (unshare, taskset), binutils (strip, readelf), a C
# compiler (${CC:-cc}) and the Debian packages tini, dumb-init, catatonit.
#
# Knobs (environment):
#   RUNS=200       start-up runs per configuration; scales the others:
#   RSS_REPS       memory samples per init                (default RUNS/10)
#   PINGS          signal pings per init and variant      (default RUNS*5)
#   REAP_RUNS      runs of the double-fork workload       (default RUNS/40)
#   BURST_RUNS     runs of the zombie-burst workload      (default RUNS/20)
#   ORPHANS=20000  orphans per reaping run
#   IDLE_SECS=5    idle window for the context-switch count
#   PIN_CPU=0      the CPU of the pinned signal-latency row
#   CAPINIT=./capinit  the binary under test; CC=cc
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$TOP/bench
OUT=$BENCH/out
CAPINIT=${CAPINIT:-$TOP/capinit}
CC=${CC:-cc}

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }
posint() { # posint NAME VALUE
	case $2 in
	'' | *[!0-9]* | 0) die "$1 must be a positive integer, not '$2'" ;;
	esac
}
atleast1() { echo $(($1 > 0 ? $1 : 1)); }

RUNS=${RUNS:-200}
posint RUNS "$RUNS"
RSS_REPS=${RSS_REPS:-$(atleast1 $((RUNS / 10)))}
PINGS=${PINGS:-$((RUNS * 5))}
REAP_RUNS=${REAP_RUNS:-$(atleast1 $((RUNS / 40)))}
BURST_RUNS=${BURST_RUNS:-$(atleast1 $((RUNS / 20)))}
ORPHANS=${ORPHANS:-20000}
IDLE_SECS=${IDLE_SECS:-5}
PIN_CPU=${PIN_CPU:-0}
for v in RSS_REPS PINGS REAP_RUNS BURST_RUNS ORPHANS IDLE_SECS; do
	posint "$v" "${!v}"
done
case $PIN_CPU in
'' | *[!0-9]*) die "PIN_CPU must be a CPU number, not '$PIN_CPU'" ;;
esac
# Unpinned pings are spread over fresh sessions: each session is a new draw
# of the CPUs the init and its child land on.
SESSIONS=10
PINGS_PER_SESSION=$(atleast1 $((PINGS / SESSIONS)))
GAP_US=200

# --- what we need --------------------------------------------------------
[ "$(id -u)" = 0 ] || die "must run as root (unshare --pid --mount-proc)"
for tool in unshare taskset strip readelf sha256sum "$CC"; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "'$tool' not found (Debian packages: util-linux, binutils, coreutils, gcc)"
done
missing=()
for p in tini dumb-init catatonit; do
	command -v "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] ||
	die "not installed: ${missing[*]} - run: apt-get install ${missing[*]} (or tests/deps.sh bench)"
TINI=$(command -v tini)
DUMB_INIT=$(command -v dumb-init)
CATATONIT=$(command -v catatonit)
[ -x "$CAPINIT" ] || die "$CAPINIT is not built - run 'make' first"
CAPINIT=$(cd "$(dirname "$CAPINIT")" && pwd)/$(basename "$CAPINIT")
for f in "$CAPINIT" "$TINI" "$DUMB_INIT" "$CATATONIT" "$OUT"; do
	case $f in *'|'*) die "a path with '|' is not supported: $f" ;; esac
done
unshare --pid --fork --mount-proc /bin/true 2>/dev/null ||
	die "cannot create a PID namespace here (unshare --pid --fork --mount-proc /bin/true failed)"
taskset -c "$PIN_CPU" /bin/true 2>/dev/null || die "cannot pin to CPU $PIN_CPU (set PIN_CPU)"

# --- helpers, built here with $CC -----------------------------------------
mkdir -p "$OUT"
for h in initbench orphans pingee; do
	# shellcheck disable=SC2086 # BENCH_CFLAGS is a list of flags
	"$CC" -D_GNU_SOURCE -std=c11 -O2 -Wall -Wextra ${BENCH_CFLAGS:-} \
		-o "$OUT/$h" "$BENCH/$h.c" -lm || die "cannot build bench/$h.c"
done
IB=$OUT/initbench
RAW=$OUT/raw.txt
: >"$RAW"

# Measure a private copy: a 'make' elsewhere must not swap the binary mid-run.
CAPINIT_SRC=$CAPINIT
CAPINIT=$OUT/capinit
[ "$CAPINIT_SRC" -ef "$CAPINIT" ] || cp "$CAPINIT_SRC" "$CAPINIT"
capinit_sum=$(sha256sum "$CAPINIT" | cut -c1-12)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
case $load_start in
0.[0-4]*) ;;
*) say "warning: load average $load_start - other work on this machine blurs the numbers" ;;
esac

# Configurations: NAME|INIT|ARGS... (bare: the program alone as PID 1).
C_BARE="bare"
C_CAPINIT="capinit|$CAPINIT|--"
C_TINI="tini|$TINI|--"
C_DUMB="dumb-init|$DUMB_INIT"
C_CATA="catatonit|$CATATONIT|--"
INITS=("$C_CAPINIT" "$C_TINI" "$C_DUMB" "$C_CATA")
ALL=("$C_BARE" "${INITS[@]}")

# CPU ticks the whole machine spent busy, and those of our own (waited-for)
# descendants: the difference is other work that shared the machine with us.
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
our_cpu() { sed 's/.*) //' "/proc/$$/stat" | awk '{ print $14 + $15 }'; }
busy0=$(machine_busy)
ours0=$(our_cpu)
t_start=$(date +%s)

say "1/6 start-up: $RUNS runs x ${#ALL[@]} of 'unshare ... INIT -- /bin/true'"
"$IB" startup "$RUNS" 10 /bin/true "${ALL[@]}" >>"$RAW"

say "2/6 memory of the init: $RSS_REPS samples x ${#INITS[@]}"
"$IB" rss "$RSS_REPS" "$OUT/pingee" "${INITS[@]}" >>"$RAW"

say "3/6 binary sizes"
strip -o "$OUT/capinit.stripped" "$CAPINIT"
size_line() { # size_line NAME FILE
	local kind=static
	if LC_ALL=C readelf -lW "$2" 2>/dev/null | grep -q 'INTERP'; then
		kind=dynamic
	fi
	echo "size $1 $(stat -c %s "$2") $kind"
}
{
	size_line capinit "$OUT/capinit.stripped"
	size_line tini "$TINI"
	size_line dumb-init "$DUMB_INIT"
	size_line catatonit "$CATATONIT"
} >>"$RAW"

say "4/6 reaping $ORPHANS orphans: $REAP_RUNS double-fork runs, $BURST_RUNS burst runs, x ${#ALL[@]}"
"$IB" reap "$REAP_RUNS" "$OUT/orphans" seq "$ORPHANS" "${ALL[@]}" >>"$RAW"
"$IB" reap "$BURST_RUNS" "$OUT/orphans" burst "$ORPHANS" "${ALL[@]}" >>"$RAW"

say "5/6 signal latency: $PINGS pings x ${#ALL[@]} pinned to CPU $PIN_CPU, then unpinned"
taskset -c "$PIN_CPU" "$IB" siglat 1 "$PINGS" "$GAP_US" "$OUT/pingee" "${ALL[@]}" |
	sed 's/^siglat /siglat_pinned /' >>"$RAW"
"$IB" siglat "$SESSIONS" "$PINGS_PER_SESSION" "$GAP_US" "$OUT/pingee" "${ALL[@]}" |
	sed 's/^siglat /siglat_free /' >>"$RAW"

say "6/6 idle: context switches of each init over ${IDLE_SECS}s"
"$IB" idle "$IDLE_SECS" "$OUT/pingee" "${INITS[@]}" >>"$RAW"

t_end=$(date +%s)
hz=$(getconf CLK_TCK)
other_cpu=$(awk -v b="$(($(machine_busy) - busy0))" -v o="$(($(our_cpu) - ours0))" -v hz="$hz" \
	'BEGIN { x = (b - o) / hz; printf "%.1f", (x < 0 ? 0 : x) }')
other_pct=$(awk -v x="$other_cpu" -v t="$((t_end - t_start))" -v n="$(nproc)" \
	'BEGIN { printf "%.0f", (t > 0 ? 100 * x / (t * n) : 0) }')

# --- report ---------------------------------------------------------------
version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }
rev=$(git -C "$TOP" describe --always --dirty 2>/dev/null || echo unknown)

report() {
	echo "## capinit vs tini, dumb-init, catatonit (and no init)"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "- machine: $(nproc) CPUs, kernel $(uname -r), $(uname -m);" \
		"load average at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg);" \
		"other work during the run: ${other_cpu} CPU-s (${other_pct}% of the machine)"
	echo "- capinit: $CAPINIT_SRC (git $rev, sha256 $capinit_sum…);" \
		"peers as installed by Debian: tini $(version tini), dumb-init $(version dumb-init)," \
		"catatonit $(version catatonit)"
	echo "- settings: RUNS=$RUNS RSS_REPS=$RSS_REPS PINGS=$PINGS REAP_RUNS=$REAP_RUNS" \
		"BURST_RUNS=$BURST_RUNS ORPHANS=$ORPHANS IDLE_SECS=$IDLE_SECS PIN_CPU=$PIN_CPU;" \
		"took $((t_end - t_start)) s"
	echo
	awk -v orphans="$ORPHANS" -v idle="$IDLE_SECS" -v pin="$PIN_CPU" \
		-v runs="$RUNS" -v reapruns="$REAP_RUNS" -v burstruns="$BURST_RUNS" \
		-v pings="$PINGS" -v sessions="$SESSIONS" '
	function num(v, d) {
		if (d == 0) return sprintf("%d", v + (v < 0 ? -0.5 : 0.5))
		return sprintf("%." d "f", v)
	}
	# A measured row: median and 95% CI of the median, scaled by f.
	function timed(r, n, f) {
		MED[r, n] = $3 / f; LO[r, n] = $4 / f; HI[r, n] = $5 / f
		P10[r, n] = $6 / f; P90[r, n] = $7 / f; HAS[r, n] = 1; CI[r] = 1
	}
	function exact(r, n, v) { MED[r, n] = v; LO[r, n] = v; HI[r, n] = v; HAS[r, n] = 1 }
	$1 == "startup"          { timed("w", $2, 1e6) }
	$1 == "rss"              { exact("2", $2, $3); rmin[$2] = $4; rmax[$2] = $5
	                           rrss[$2] = $6; ranon[$2] = $7; rfile[$2] = $8 }
	$1 == "size"             { exact("3", $2, $3); kind[$2] = $4 }
	$1 == "reap_seq_total"   { timed("4a", $2, 1e6) }
	$1 == "reap_seq_drain"   { timed("sd", $2, 1e6) }
	$1 == "reap_seq_cpu"     { timed("4b", $2, 1e6) }
	$1 == "reap_burst_drain" { timed("4c", $2, 1e6) }
	$1 == "reap_burst_total" { timed("bt", $2, 1e6) }
	$1 == "reap_burst_cpu"   { timed("4d", $2, 1e6) }
	$1 == "reap_retries"     { retries += $3 }
	$1 == "siglat_pinned"    { timed("5a", $2, 1e3) }
	$1 == "siglat_free"      { timed("5b", $2, 1e3) }
	$1 == "ctxt"             { exact("6", $2, $3); vol[$2] = $4; nvol[$2] = $5 }
	END {
		# Row 1 = start-up wall minus the bare median, in µs; its CI is
		# that of the wall time, shifted the same way.
		bare = MED["w", "bare"]
		ni = split("capinit tini dumb-init catatonit", inits, " ")
		for (i = 1; i <= ni; i++) {
			n = inits[i]
			MED["1", n] = (MED["w", n] - bare) * 1000
			LO["1", n] = (LO["w", n] - bare) * 1000
			HI["1", n] = (HI["w", n] - bare) * 1000
			HAS["1", n] = 1
		}
		CI["1"] = 1
		nrow = split("1 2 3 4a 4b 4c 4d 5a 5b 6", rows, " ")
		title["1"] = "start-up overhead: median wall time of `unshare -pf --mount-proc INIT -- /bin/true` minus that of bare `/bin/true`, µs"
		title["2"] = "peak RSS of the init (VmHWM, child asleep), KiB"
		title["3"] = "binary size, stripped, bytes"
		title["4a"] = "reap " orphans " double-fork orphans: wall time until none is left, ms"
		title["4b"] = "CPU time of PID 1 during row 4a, ms"
		title["4c"] = "reap a burst of " orphans " zombies handed to PID 1 at once: wall time until none is left, ms"
		title["4d"] = "CPU time of PID 1 during row 4c, ms"
		title["5a"] = "signal forwarding latency, kill(PID 1) to the child handler running, sender+init+child on CPU " pin ", median µs"
		title["5b"] = "same, unpinned (" sessions " fresh sessions; which CPUs init and child land on dominates), median µs"
		title["6"] = "context switches of the idle init in " idle " s"
		dec["1"] = 0; dec["2"] = 0; dec["3"] = 0; dec["4a"] = 0; dec["4b"] = 0
		dec["4c"] = 1; dec["4d"] = 1; dec["5a"] = 1; dec["5b"] = 1; dec["6"] = 0
		np = split("tini dumb-init catatonit", peers, " ")

		print "| # | metric (lower is better) | bare | capinit | tini | dumb-init | catatonit | best peer | capinit ÷ best peer | capinit at or below the best peer? |"
		print "|---|---|--:|--:|--:|--:|--:|---|--:|---|"
		for (i = 1; i <= nrow; i++) {
			r = rows[i]; d = dec[r]
			c = MED[r, "capinit"]
			if (r == "1") cb = "0 (wall " num(bare, 2) " ms)"
			else if (HAS[r, "bare"]) cb = num(MED[r, "bare"], d)
			else cb = "—"
			line = "| " r " | " title[r] " | " cb " | **" num(c, d) "**"
			best = ""
			for (j = 1; j <= np; j++) {
				p = peers[j]
				if (!HAS[r, p]) { line = line " | —"; continue }
				v = MED[r, p]
				line = line " | " num(v, d) " (" (c > 0 ? num(v / c, 2) "×" : "n/a") ")"
				if (best == "" || v < MED[r, best]) best = p
			}
			b = MED[r, best]
			ratio = (b > 0 ? num(c / b, 2) : (c == 0 ? "— (0 and 0)" : "∞"))
			diff = (b > 0 ? "+" num(100 * (c - b) / b, 0) "%" : "+" num(c - b, d))
			if (c <= b) verdict = "yes"
			else if (CI[r] && LO[r, "capinit"] <= HI[r, best]) {
				verdict = "tie (" diff ", 95% CIs of the medians overlap)"
				tied = tied (tied == "" ? "" : ", ") r
			} else {
				verdict = "**no** (" diff ")"
				lost = lost (lost == "" ? "" : ", ") r
			}
			print line " | " best " | " ratio " | " verdict " |"
		}
		print ""
		print "- Peer cells read `value (peer ÷ capinit)`: above 1.00× the peer is higher, i.e. worse; lower is better on every row."
		print "- `capinit ÷ best peer` compares capinit with the lowest peer of the row: at or below 1.00 capinit is at or below the best peer."
		print "- A loss counts as a tie when the 95% confidence intervals of the two medians overlap (see the detail table)."
		print "- bare: the program alone as PID 1; it reaps its own orphans with waitpid(-1) in rows 4a/4c, and the signal goes straight to it in 5a/5b."
		print "- catatonit is statically linked (glibc inside); capinit, tini and dumb-init are dynamic, so rows 1-3 set a static binary against dynamic ones."
		print ""
		print "### Targets"
		print ""
		print "- capinit at or below the best peer on every row: " \
			(lost == "" && tied == "" ? "**met**" : "**not met** - lost: " (lost == "" ? "none" : lost) "; tied within noise: " (tied == "" ? "none" : tied))
		print "- zero idle wake-ups (row 6): " (MED["6", "capinit"] == 0 ? "**met** (0)" : "**not met** (" MED["6", "capinit"] ")")
		split("4a 4c", rr, " ")
		t4 = ""
		for (j = 1; j <= 2; j++) {
			r = rr[j]
			if (MED[r, "capinit"] <= MED[r, "tini"]) s = "at or below tini"
			else if (LO[r, "capinit"] <= HI[r, "tini"]) s = "above tini within noise"
			else s = "**above tini**"
			t4 = t4 (j > 1 ? "; " : "") r ": " num(MED[r, "capinit"], 1) " vs " num(MED[r, "tini"], 1) " ms, " s
		}
		print "- reaping at least as fast as tini: " t4
		print ""
		print "### Spread and detail"
		print ""
		print "Timed rows: median [95% confidence interval of the median]; p10–p90 where given is the spread of single runs."
		print ""
		print "| | bare | capinit | tini | dumb-init | catatonit |"
		print "|---|--:|--:|--:|--:|--:|"
		nn = split("bare capinit tini dumb-init catatonit", names, " ")
		drow("1: wall time, ms, of " runs " runs", "w", 2, 1)
		drow("4a: wall, ms, " reapruns " runs", "4a", 0, 0)
		drow("4a: drain after the last orphan was made, ms", "sd", 2, 0)
		drow("4b: CPU of PID 1, ms", "4b", 0, 0)
		drow("4c: wall, ms, " burstruns " runs", "4c", 1, 0)
		drow("4c: whole run, making the zombies included, ms", "bt", 0, 0)
		drow("4d: CPU of PID 1, ms", "4d", 1, 0)
		drow("5a: µs, " pings " pings", "5a", 1, 1)
		drow("5b: µs, " pings " pings", "5b", 1, 1)
		line = "| 2: VmHWM min–max; VmRSS; RssAnon + RssFile, KiB"
		for (i = 1; i <= nn; i++) {
			n = names[i]
			line = line " | " (n in rmin ? rmin[n] "–" rmax[n] "; " rrss[n] "; " ranon[n] " + " rfile[n] : "—")
		}
		print line " |"
		line = "| 3: linking"
		for (i = 1; i <= nn; i++) line = line " | " (names[i] in kind ? kind[names[i]] : "—")
		print line " |"
		line = "| 6: voluntary + nonvoluntary"
		for (i = 1; i <= nn; i++) line = line " | " (names[i] in vol ? vol[names[i]] " + " nvol[names[i]] : "—")
		print line " |"
		print ""
		print "Fork retries on EAGAIN in rows 4a/4c: " retries "."
	}
	function drow(label, r, d, pct,    i, n, line) {
		line = "| " label
		for (i = 1; i <= nn; i++) {
			n = names[i]
			if (!HAS[r, n]) { line = line " | —"; continue }
			line = line " | " num(MED[r, n], d) " [" num(LO[r, n], d) "–" num(HI[r, n], d) "]"
			if (pct) line = line "<br>p10–p90 " num(P10[r, n], d) "–" num(P90[r, n], d)
		}
		print line " |"
	}' "$RAW"
}

report | tee "$OUT/results.md"
say "report written to $OUT/results.md (raw numbers: $RAW)"
