#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# mutation.sh - prove that the tests can fail, by breaking the code on purpose.
#
# For each mutation in the table below: copy the source tree (git ls-files
# plus untracked, non-ignored files, as they are in the working tree) into a
# temporary directory, apply ONE small change to shim/*.c, build there, run
# the test(s) that should catch it, and report "caught" if the test fails,
# "SURVIVED" if it passes. Every test is first run once on the unchanged
# tree: a test that fails there proves nothing.
#
#   tests/mutation.sh            run every mutation
#   tests/mutation.sh 3 7 16     run only these mutations
#   tests/mutation.sh -l         list the mutations
#   tests/mutation.sh -n [ID...] only apply and build (check the table)
#
# Environment: MUTATION_TIMEOUT (seconds per test run, default 120),
# MUTATION_KEEP=1 keeps the work directory (trees, diffs and logs),
# MUTATION_TREE=COMMIT takes that commit's tree (e.g. HEAD) instead of the
# working tree, when uncommitted edits in progress should not count.
# Needs root for MODE=root (as make check does), gcc, make, perl, git.
#
# Exit status: 0 every mutation caught, 1 some mutation survived, 2 the
# harness itself failed (a substitution that matched nothing, a mutant that
# does not build, a test that fails on the unchanged tree).
#
# shellcheck disable=SC2016 # the Perl substitutions are single-quoted on purpose
set -u
set -o pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TIMEOUT=${MUTATION_TIMEOUT:-120}
KEEP=${MUTATION_KEEP:-0}
TREE=${MUTATION_TREE:-}
# Our own make invocations, whatever make may have started us.
unset MAKEFLAGS MFLAGS MAKELEVEL POSIXLY_CORRECT

# ---------------------------------------------------------------------------
# The table. mutation ID DESCRIPTION FILE "TEST:MODE ..." SUBST...
#   TEST is tests/integration/TEST run with MODE=MODE, or unit:NAME for
#   build/NAME (cmocka). Each SUBST is a Perl substitution applied once to
#   the whole file (so \n may span lines); every one must match.
# ---------------------------------------------------------------------------
M_ID=() M_DESC=() M_FILE=() M_TESTS=() M_SUBS=()
mutation() {
	local IFS=$'\x1f'
	M_ID+=("$1") M_DESC+=("$2") M_FILE+=("$3") M_TESTS+=("$4")
	shift 4
	M_SUBS+=("$*")
}

# The 20 behaviours of the brief.
mutation 1 "sigstate_restore does not re-ignore inherited SIG_IGN" shim/sigstate.c \
	"t04-sigstate.sh:root" \
	's~\Qif (sigismember(&s->orig_ignored, signo) &&\E~if (0 && sigismember(&s->orig_ignored, signo) &&~'
mutation 2 "child does not restore the inherited signal mask" shim/sigstate.c \
	"t04-sigstate.sh:root" \
	's~\Qreturn kernel_sigmask(SIG_SETMASK, &s->orig_mask, NULL);\E~return 0;~'
mutation 3 "forward() drops real-time signals (>= SIGRTMIN)" shim/supervise.c \
	"t02-signals.sh:root" \
	's~\Qif (to == 0 || s->child_done) {\E~if (to == 0 || s->child_done || signo >= SIGRTMIN) {~'
mutation 4 "-g ignored: always kill(child), never the group" shim/supervise.c \
	"t02-signals.sh:root" \
	's~\Qpid_t target = s->opts->kill_group ? -s->child : s->child;\E~pid_t target = s->child;~'
mutation 5 "-r ignored: forwarded as itself (to = signo)" shim/supervise.c \
	"t02-signals.sh:root" \
	's~\Qint to = opts_rewrite_signal(s->opts, signo);\E~int to = signo;~'
mutation 6 "reap() waits for the main child only, not -1" shim/supervise.c \
	"t03-reap.sh:root" \
	's~\Qwaitpid(-1, &wstatus, WNOHANG)\E~waitpid(s->child, &wstatus, WNOHANG)~'
mutation 7 "setup_subreaper does nothing" shim/setup.c \
	"t03-reap.sh:plain" \
	's~\Qif (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)\E~if (0 && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)~'
mutation 8 "setup_detach does not chdir(\"/\")" shim/setup.c \
	"t06-hygiene.sh:root" \
	's~\Qif (chdir("/") < 0)\E~if (0 && chdir("/") < 0)~'
mutation 9 "inherited fds >= 3 are not closed" shim/setup.c \
	"t06-hygiene.sh:root" \
	's~\Qif (close_inherited(keep_fd) < 0)\E~if (0 && close_inherited(keep_fd) < 0)~'
# A 1 s poll timeout alone would SIGKILL everything at the first timeout
# (r == 0 means "grace period over"); this one only wakes up, as tini does.
mutation 10 "idle loop wakes up every second (poll 1000 ms, not a blocking read)" shim/supervise.c \
	"t06-hygiene.sh:root" \
	's~(\Qif (!s->draining || s->abandoned) {\E\s*)read_signals\(s\);~$1if (poll(&pfd, 1, 1000) > 0)\n\t\t\t\tread_signals(s);~'
mutation 11 "grace: kill_everything does nothing" shim/supervise.c \
	"t07-grace.sh:root" \
	's~(static void kill_everything\(struct supervisor \*s\)\n\{\n)~$1\treturn; /* mutant */\n~'
mutation 12 "grace: start_drain does not SIGTERM the others" shim/supervise.c \
	"t07-grace.sh:root" \
	's~\Qsignal_others(s, SIGTERM, true);\E~/* mutant: no SIGTERM to the others */~'
mutation 13 "should_take_tty always false" shim/spawn.c \
	"t05-tty.sh:root" \
	's~\Qif (!isatty(STDIN_FILENO))\E~if (1 || !isatty(STDIN_FILENO))~'
mutation 14 "should_take_tty always true (background too)" shim/spawn.c \
	"t05-tty.sh:root" \
	's~(\tif \(!isatty\(STDIN_FILENO\)\)\n)~\treturn true;\n$1~'
mutation 15 "exec failure: ENOENT reported as 126" shim/main.c \
	"t01-exit.sh:root" \
	's~\Qreturn CAPINIT_EX_NOTFOUND;\E~return CAPINIT_EX_NOEXEC;~'
mutation 16 "sup_exit_status: killed by N gives N, not 128+N" shim/supervise.c \
	"t01-exit.sh:root unit:test_supervise" \
	's~\Qstatus = CAPINIT_EX_SIGBASE + WTERMSIG(wstatus);\E~status = WTERMSIG(wstatus);~'
mutation 17 "opts_map_exit ignores the map" shim/opts.c \
	"t01-exit.sh:root unit:test_opts unit:test_supervise" \
	's~\Qreturn o->exitmap[status & 0xff];\E~return (void)o, status & 0xff;~'
mutation 18 "cli: optstring without '+' (options after PROGRAM parsed)" shim/cli.c \
	"t01-exit.sh:root unit:test_cli" \
	's~\Qshort_opts[] = "+\E~short_opts[] = "~'
mutation 19 "--pdeathsig: PR_SET_PDEATHSIG never set" shim/setup.c \
	"t08-pdeathsig.sh:plain" \
	's~\Qif (prctl(PR_SET_PDEATHSIG, signo, 0, 0, 0) < 0)\E~if (0 && prctl(PR_SET_PDEATHSIG, signo, 0, 0, 0) < 0)~'
# Signals blocked only after the command line is parsed (the block moves
# from the first statement of main to just after cli_parse).
mutation 20 "signals blocked only after parsing, not first" shim/main.c \
	"t02-signals.sh:root" \
	's~\t/\* First of all[^\n]*\n\tif \(sigstate_block\(&sig, &d\) < 0\)\n\t\treturn fail\(&d\);\n\n~~' \
	's~(\tlog_set_level\(opts\.verbosity\);\n)~$1\tif (sigstate_block(&sig, &d) < 0)\n\t\treturn fail(&d);\n~'

# More behaviours from README.md, one mutation each.
# Inherited SIG_IGN left in place. For a blocked signal the kernel queues it
# anyway; what it breaks is SIGCHLD: ignored means auto-reaped children.
mutation 21 "inherited SIG_IGN not reset to SIG_DFL in capinit" shim/sigstate.c \
	"t04-sigstate.sh:root" \
	's~\Qif (sigaction(signo, &sa, NULL) < 0)\E~if (0 && sigaction(signo, &sa, NULL) < 0)~'
mutation 22 "SIGTSTP not blocked: it stops capinit itself" shim/sigstate.c \
	"t05-tty.sh:plain" \
	's~\Qsigfillset(&s->handled);\E~sigfillset(&s->handled);\n\tsigdelset(&s->handled, SIGTSTP);~'
mutation 23 "signalfd not close-on-exec: the child inherits it" shim/sigstate.c \
	"t06-hygiene.sh:root" \
	's~\Qsignalfd(-1, &s->handled, SFD_CLOEXEC)\E~signalfd(-1, &s->handled, 0)~'
mutation 24 "setup_detach before the fork: child loses cwd and fds" shim/main.c \
	"t06-hygiene.sh:root" \
	's~\n\tif \(setup_detach\(sfd, &d\) < 0\)\n\t\tlog_warn\("%s", d\.msg\);\n~\n~' \
	's~(\n\tif \(spawn_program\()~\n\tif (setup_detach(sfd, &d) < 0)\n\t\tlog_warn("%s", d.msg);$1~'
mutation 25 "--stop-signal ignored: SIGTERM always starts the shutdown" shim/supervise.c \
	"t07-grace.sh:root" \
	's~\Qif (signo == s->opts->stop_signal)\E~if (signo == SIGTERM)~'
mutation 26 "grace: the whole seconds of the deadline dropped" shim/supervise.c \
	"t07-grace.sh:root" \
	's~\Qs->deadline.tv_sec += ms / 1000;\E~/* mutant: no seconds */~'
mutation 27 "grace: capinit leaves without waiting for the others" shim/supervise.c \
	"t07-grace.sh:root" \
	's~\Qreturn !s->children_left || s->abandoned;\E~return true;~'
mutation 28 "SIGCHLD forwarded to the child as well" shim/supervise.c \
	"t02-signals.sh:root" \
	's~\t\telse\n\t\t\tforward\(s, &si\[i\]\);~\t\tforward(s, &si[i]);~'
mutation 29 "exec-status pipe ignored: no 127/126 message" shim/spawn.c \
	"t01-exit.sh:root" \
	's~\Qreturn n == (ssize_t)sizeof(err) ? err : 0;\E~return 0;~'
mutation 30 "usage errors exit 1, not 125" shim/main.c \
	"t01-exit.sh:root" \
	's~(log_error\("%s", d->msg\);\n\t)return CAPINIT_EX_FAILURE;~${1}return 1;~'
mutation 31 "log lines go to stdout" shim/log.c \
	"t01-exit.sh:root" \
	's~\Qwrite(STDERR_FILENO, buf, (size_t)n)\E~write(STDOUT_FILENO, buf, (size_t)n)~'
mutation 32 "signal numbers up to SIGRTMAX+1 accepted" shim/signame.c \
	"unit:test_signame" \
	's~\Qnum >= 1 && num <= SIGRTMAX\E~num >= 1 && num <= SIGRTMAX + 1~'
mutation 33 "conflicting --map-exit rules accepted" shim/opts.c \
	"unit:test_opts" \
	's~\Qif (o->exitmap_set[from] && o->exitmap[from] != to)\E~if (0 && o->exitmap_set[from] && o->exitmap[from] != to)~'
# The bookkeeping of the end of the grace period is kept (SIGKILL "sent",
# wait 1 s, give up on survivors) but no signal goes out.
mutation 34 "grace: kill_everything gives up without sending SIGKILL" shim/supervise.c \
	"t07-grace.sh:root t07-grace.sh:plain" \
	's~(\Qlog_warn("grace period over: sending SIGKILL");\E\n)~$1\treturn; /* mutant: no SIGKILL */\n~'
# The plan refuses, before any change, what the kernel would refuse.
mutation 35 "plan: a group change without CAP_SETGID is not refused" shim/plan.c \
	"unit:test_plan t10-privs.sh:root" \
	's~\Qif (plan->set_groups && !has(cur->eff, CAP_SETGID))\E~if (0)~'
mutation 36 "plan: a uid switch without CAP_SETUID is not refused" shim/plan.c \
	"unit:test_plan t10-privs.sh:root" \
	's~\Q"CAP_SETUID", has(cur->eff, CAP_SETUID)\E~"CAP_SETUID", 1~'
mutation 37 "plan: a higher hard limit without CAP_SYS_RESOURCE is not refused" shim/plan.c \
	"unit:test_plan t10-privs.sh:root" \
	's~\Q!has(cur->eff, CAP_SYS_RESOURCE))\E~0)~'
mutation 38 "plan: a nofile above fs.nr_open is not refused" shim/plan.c \
	"unit:test_plan t10-privs.sh:root" \
	's~\Qif (i == RLIMIT_NOFILE && sys->nr_open &&\E~if (0 && sys->nr_open &&~'

# ---------------------------------------------------------------------------

usage() {
	sed -n '3,/^set -u/{/^set -u/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

list() {
	local i
	for i in "${!M_ID[@]}"; do
		printf '%3s  %-60s %s: %s\n' "${M_ID[i]}" "${M_DESC[i]}" "${M_FILE[i]}" "${M_TESTS[i]}"
	done
}

# Which mutations to run: all, or the IDs given.
selected=()
DRY=0
case ${1:-} in
-h | --help) usage; exit 0 ;;
-l | --list) list; exit 0 ;;
-n | --dry-run) DRY=1; shift ;;
esac
if [ $# -eq 0 ]; then
	selected=("${!M_ID[@]}")
else
	for want in "$@"; do
		found=""
		for i in "${!M_ID[@]}"; do
			[ "${M_ID[i]}" = "$want" ] && { selected+=("$i"); found=1; }
		done
		[ -n "$found" ] || { echo "mutation.sh: no mutation '$want' (see -l)" >&2; exit 2; }
	done
fi

for tool in git make perl timeout diff tar; do
	command -v "$tool" >/dev/null || { echo "mutation.sh: $tool is needed" >&2; exit 2; }
done
git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1 ||
	{ echo "mutation.sh: $TOP is not a git work tree" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/capinit-mutation.XXXXXX") || exit 2
chmod 755 "$WORK"
mkdir -p "$WORK/logs"
# Every process a test starts carries this in its environment, so whatever
# a failing or timed-out test leaves behind can be found and killed by pid.
TAG=$$.$(date +%s%N)

# Kill, by pid, every process that still carries our tag. Builtins only:
# a fork per process is slow when thousands of processes exist.
reap_leftovers() {
	local p e n=0
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		[ "$p" = "$$" ] && continue
		while IFS= read -r -d '' e; do
			[ "$e" = "CAPINIT_MUTATION_TAG=$TAG" ] || continue
			kill -KILL "$p" 2>/dev/null && n=$((n + 1))
			break
		done 2>/dev/null <"/proc/$p/environ"
	done
	[ "$n" -eq 0 ] || echo "#   killed $n leftover process(es)" >&2
}

# shellcheck disable=SC2317 # called from the trap
finish() {
	reap_leftovers
	if [ "$KEEP" = 1 ]; then
		echo "# work directory kept: $WORK" >&2
	else
		rm -rf "$WORK"
	fi
}
trap finish EXIT
trap 'echo "mutation.sh: interrupted" >&2; exit 130' INT
trap 'echo "mutation.sh: terminated" >&2; exit 143' TERM

# A snapshot of the tree, taken once so that edits made by others while
# this runs do not leak into some mutants and not others.
SNAP=$WORK/src
snapshot() {
	local f
	local -a files=()
	mkdir -p "$SNAP"
	if [ -n "$TREE" ]; then
		git -C "$TOP" archive --format=tar "$TREE" | tar -xf - -C "$SNAP"
		return
	fi
	while IFS= read -r -d '' f; do
		# Tracked but deleted in the working tree: deleted it is.
		[ -e "$TOP/$f" ] || [ -L "$TOP/$f" ] || continue
		files+=("$f")
	done < <(git -C "$TOP" ls-files -z --cached --others --exclude-standard)
	(cd "$TOP" && cp -a --parents -t "$SNAP" -- "${files[@]}")
}

# Apply the substitutions to FILE in DIR; fail loudly if one matches nothing.
apply_mutation() { # DIR FILE SUBST...
	local dir=$1 file=$2
	shift 2
	[ -f "$dir/$file" ] || { echo "mutation.sh: no file $file" >&2; return 1; }
	perl -e '
		my $file = shift @ARGV;
		open(my $in, "<", $file) or die "$file: $!\n";
		local $/;
		my $src = <$in>;
		close($in);
		$_ = $src;
		for my $i (0 .. $#ARGV) {
			# Count the matches first (the same substitution with /g,
			# on a copy): exactly one is one small change.
			my $copy = $_;
			my $n = eval "\$copy =~ $ARGV[$i]g";
			die "bad substitution $ARGV[$i]: $@" if $@;
			die "substitution " . ($i + 1) . " matched nothing in $file: $ARGV[$i]\n"
				unless $n;
			die "substitution " . ($i + 1) . " matched $n times in $file: $ARGV[$i]\n"
				if $n != 1;
			eval "\$_ =~ $ARGV[$i]";
			die "bad substitution $ARGV[$i]: $@" if $@;
		}
		die "$file: the substitutions changed nothing\n" if $_ eq $src;
		open(my $out, ">", $file) or die "$file: $!\n";
		print $out $_;
		close($out) or die "$file: $!\n";
	' "$dir/$file" "$@"
}

unit_targets() { # TEST... -> the build targets of the unit tests among them
	local t
	for t in "$@"; do
		case $t in unit:*) echo "build/${t#unit:}" ;; esac
	done
}

build() { # DIR LOG TEST...
	local dir=$1 log=$2
	shift 2
	local -a extra
	mapfile -t extra < <(unit_targets "$@")
	make -C "$dir" -s -j"$(nproc 2>/dev/null || echo 2)" WERROR=0 \
		capinit build/probe build/ptyrun build/early.so "${extra[@]}" >"$log" 2>&1
}

# Run one test in DIR; its exit status is ours. SIGINT and SIGQUIT go back
# to their defaults (bash ignores them in background jobs, and the child
# would inherit that); stdin is /dev/null so no test can touch our terminal.
run_one() { # DIR TEST:MODE LOG
	local dir=$1 spec=$2 log=$3 test mode
	test=${spec%%:*}
	mode=${spec#*:}
	[ "$test" = unit ] && { test=$spec; mode=""; }
	(
		trap - INT QUIT
		cd "$dir" || exit 2
		case $test in
		unit:*)
			exec env CAPINIT_MUTATION_TAG="$TAG" \
				timeout -k 10 "$TIMEOUT" "build/${test#unit:}"
			;;
		*)
			exec env CAPINIT_MUTATION_TAG="$TAG" MODE="$mode" \
				timeout -k 10 "$TIMEOUT" bash "tests/integration/$test"
			;;
		esac
	) </dev/null >"$log" 2>&1 &
	wait $!
	local r=$?
	reap_leftovers
	return "$r"
}

logname() { echo "${1//[^A-Za-z0-9_.-]/_}"; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

T0=$(now)
echo "# snapshot of $TOP (${TREE:-working tree}) in $WORK" >&2
snapshot || { echo "mutation.sh: cannot copy the tree" >&2; exit 2; }

# The tests the selected mutations need, each run once on the unchanged tree.
declare -A BASE=()
all_tests=()
for i in "${selected[@]}"; do
	for t in ${M_TESTS[i]}; do
		[ -n "${BASE[$t]+x}" ] && continue
		BASE[$t]=pending
		all_tests+=("$t")
	done
done

harness_error=0
survived=0
echo "# baseline: building the unchanged tree" >&2
BASEDIR=$WORK/base
cp -a "$SNAP" "$BASEDIR"
if ! build "$BASEDIR" "$WORK/logs/base.build" "${all_tests[@]}"; then
	echo "mutation.sh: the unchanged tree does not build:" >&2
	tail -20 "$WORK/logs/base.build" >&2
	KEEP=1
	exit 2
fi
[ "$DRY" = 1 ] && all_tests=()
# Up to three tries: some tests have tight time windows and may fail on a
# loaded machine; one that never passes makes its mutants meaningless.
for t in "${all_tests[@]}"; do
	BASE[$t]=fail
	for try in 1 2 3; do
		t1=$(now)
		log=$WORK/logs/base.$(logname "$t").$try.log
		if run_one "$BASEDIR" "$t" "$log"; then
			BASE[$t]=ok
			echo "#   $t passes ($(elapsed "$t1") s)$([ "$try" -gt 1 ] &&
				echo ", on try $try: FLAKY")" >&2
			break
		fi
		echo "#   $t FAILS on the unchanged tree, try $try ($(elapsed "$t1") s): $log" >&2
		grep '^not ok' "$log" | sed 's/^/#     /' >&2
		KEEP=1
	done
	[ "${BASE[$t]}" = ok ] || harness_error=1
done
rm -rf "$BASEDIR"

R_ID=() R_DESC=() R_TEST=() R_RES=() R_TIME=()
row() { R_ID+=("$1") R_DESC+=("$2") R_TEST+=("$3") R_RES+=("$4") R_TIME+=("$5"); }

for i in "${selected[@]}"; do
	id=${M_ID[i]}
	desc=${M_DESC[i]}
	file=${M_FILE[i]}
	read -r -a tests <<<"${M_TESTS[i]}"
	IFS=$'\x1f' read -r -a subs <<<"${M_SUBS[i]}"
	dir=$WORK/m$id
	echo "# mutation $id: $desc ($file)" >&2
	cp -a "$SNAP" "$dir"
	if ! apply_mutation "$dir" "$file" "${subs[@]}"; then
		echo "mutation.sh: MUTATION $id DID NOT APPLY: fix the table" >&2
		harness_error=1
		KEEP=1
		for t in "${tests[@]}"; do row "$id" "$desc" "$t" "ERROR: no match" "-"; done
		rm -rf "$dir"
		continue
	fi
	diff -u "$SNAP/$file" "$dir/$file" | sed "1,2s|$WORK/||" >"$WORK/logs/m$id.diff"
	if ! build "$dir" "$WORK/logs/m$id.build" "${tests[@]}"; then
		echo "mutation.sh: mutant $id does not build:" >&2
		tail -20 "$WORK/logs/m$id.build" >&2
		harness_error=1
		KEEP=1
		for t in "${tests[@]}"; do row "$id" "$desc" "$t" "ERROR: build" "-"; done
		rm -rf "$dir"
		continue
	fi
	if [ "$DRY" = 1 ]; then
		row "$id" "$desc" "${tests[*]}" "applies, builds" "-"
		rm -rf "$dir"
		continue
	fi
	for t in "${tests[@]}"; do
		if [ "${BASE[$t]}" != ok ]; then
			row "$id" "$desc" "$t" "ERROR: baseline fails" "-"
			continue
		fi
		t1=$(now)
		log=$WORK/logs/m$id.$(logname "$t").log
		run_one "$dir" "$t" "$log"
		r=$?
		case $r in
		0) res=SURVIVED; survived=1; KEEP=1 ;;
		124 | 137) res="caught (timeout)" ;;
		*) res=caught ;;
		esac
		dt=$(elapsed "$t1")
		row "$id" "$desc" "$t" "$res" "$dt"
		echo "#   $t: $res ($dt s)" >&2
		grep '^not ok' "$log" | head -3 | sed 's/^/#     /' >&2
	done
	rm -rf "$dir"
done

# The table.
echo
printf '%-3s  %-60s  %-24s  %-21s  %s\n' ID MUTATION TEST RESULT SECONDS
printf '%-3s  %-60s  %-24s  %-21s  %s\n' --- "$(printf '%.0s-' {1..60})" \
	"$(printf '%.0s-' {1..24})" "$(printf '%.0s-' {1..21})" -------
for i in "${!R_ID[@]}"; do
	printf '%-3s  %-60.60s  %-24s  %-21s  %s\n' "${R_ID[i]}" "${R_DESC[i]}" \
		"${R_TEST[i]}" "${R_RES[i]}" "${R_TIME[i]}"
done
n_rows=${#R_ID[@]}
n_caught=$(printf '%s\n' "${R_RES[@]}" | grep -c '^caught')
n_surv=$(printf '%s\n' "${R_RES[@]}" | grep -c '^SURVIVED')
echo
echo "${#selected[@]} mutations, $n_rows runs: $n_caught caught, $n_surv survived" \
	"($(elapsed "$T0") s)"
[ "$KEEP" = 1 ] && echo "logs and diffs: $WORK/logs"

if [ "$harness_error" -ne 0 ]; then
	echo "mutation.sh: harness errors (see above): results are incomplete" >&2
	exit 2
fi
[ "$survived" -eq 0 ] || exit 1
exit 0
