#!/bin/sh
# SPDX-License-Identifier: MIT
# packaging/static/floor.sh - how small can a static capinit get?
#
# Usage: packaging/static/floor.sh O   (O: make's build directory; run by
#        `make static-floor`, which builds the objects it links first)
#
# Prints, for glibc and musl, the stripped size of: an empty program (the C
# library's floor), capinit as `make static`/`make musl` link it, capinit
# without its tool modes (--check, --emit, --show, --learn replaced by stubs),
# and that again with the three libc calls libcap-ng and --learn bring in
# (sscanf, syslog, strftime) replaced by stubs; each as static-pie and as
# plain static. The last rows are not working programs: they bound from below
# what leaving features out could reach, next to the issue's targets (musl at
# most 100 KB; glibc smaller than tini-static). bench/RESULTS.md records a run.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 O" >&2; exit 2; }
o=$1
st=$o/static
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inih=$(gcc -print-file-name=libinih.a)
mlib=${MUSL_LIB:-/usr/lib/x86_64-linux-musl}

cat >"$tmp/empty.c" <<'EOF'
int main(void) { return 0; }
EOF
# The tool modes, gone: same signatures as shim/report.h and shim/learn.h.
cat >"$tmp/notools.c" <<'EOF'
struct init_opts;
struct learn;
struct diag;
int report_check(const struct init_opts *o);
int report_emit(const struct init_opts *o);
int report_show(const struct init_opts *o);
int learn_start(struct learn *l, struct diag *d);
int learn_finish(struct learn *l, const char *out, const char *base,
		 char *const argv[], struct diag *d);
void learn_cleanup(struct learn *l);
int report_check(const struct init_opts *o) { (void)o; return 125; }
int report_emit(const struct init_opts *o) { (void)o; return 125; }
int report_show(const struct init_opts *o) { (void)o; return 125; }
int learn_start(struct learn *l, struct diag *d) { (void)l; (void)d; return -1; }
int learn_finish(struct learn *l, const char *out, const char *base,
		 char *const argv[], struct diag *d)
{ (void)l; (void)out; (void)base; (void)argv; (void)d; return -1; }
void learn_cleanup(struct learn *l) { (void)l; }
EOF
# Not a working program: what libcap-ng's /proc reader and syslog, and
# --learn's date, cost in the C library.
cat >"$tmp/nolibc.c" <<'EOF'
#include <stddef.h>
struct tm;
int sscanf(const char *s, const char *f, ...);
int __isoc99_sscanf(const char *s, const char *f, ...);
void syslog(int p, const char *f, ...);
size_t strftime(char *s, size_t n, const char *f, const struct tm *t);
int sscanf(const char *s, const char *f, ...) { (void)s; (void)f; return 0; }
int __isoc99_sscanf(const char *s, const char *f, ...) { (void)s; (void)f; return 0; }
void syslog(int p, const char *f, ...) { (void)p; (void)f; }
size_t strftime(char *s, size_t n, const char *f, const struct tm *t)
{ (void)s; (void)n; (void)f; (void)t; return 0; }
EOF

# link LIBC MODE OUT FILES...: MODE pie or nopie; prints the stripped size.
link() {
	libc=$1 mode=$2 out=$tmp/$3
	shift 3
	if [ "$libc" = glibc ]; then
		if [ "$mode" = pie ]; then m="-static-pie"; else m="-static -no-pie"; fi
		# shellcheck disable=SC2086 # two words
		gcc $m -Wl,--gc-sections,-z,relro,-z,now -o "$out" "$@"
	elif [ "$mode" = pie ]; then
		# As mk/static.mk: musl-gcc has no -static-pie.
		musl-gcc -static -nostartfiles -Wl,-pie,--no-dynamic-linker,-z,text \
			-Wl,--gc-sections,-z,relro,-z,now -o "$out" \
			"$mlib/rcrt1.o" "$mlib/crti.o" "$(musl-gcc -print-file-name=crtbeginS.o)" \
			"$@" "$(musl-gcc -print-file-name=crtendS.o)" "$mlib/crtn.o"
	else
		musl-gcc -static -Wl,--gc-sections,-z,relro,-z,now -o "$out" "$@"
	fi
	strip "$out"
	stat -c %s "$out"
}

cc_for() { if [ "$1" = glibc ]; then echo gcc; else echo musl-gcc; fi; }

row() { printf '| %s | %s | %s | %s |\n' "$@"; }

tini=$(stat -c %s /usr/bin/tini-static 2>/dev/null || echo "?")
echo "| C library | linked | static-pie, bytes | static, bytes |"
echo "|---|---|--:|--:|"
for libc in glibc musl; do
	cc=$(cc_for "$libc")
	if [ "$libc" = glibc ]; then objdir=$st/obj; else objdir=$o/musl/obj; fi
	lib=$st/libcap-ng-$libc/lib/libcap-ng.a
	for f in empty notools nolibc; do
		"$cc" -Os -fPIE -c -o "$tmp/$f.$libc.o" "$tmp/$f.c"
	done
	all=$(find "$objdir" -name '*.o' | sort)
	core=$(echo "$all" | grep -v -e '/report\.o$' -e '/learn\.o$')
	# shellcheck disable=SC2086 # object lists
	{
		row "$libc" "an empty program (the floor)" \
			"$(link "$libc" pie e1 "$tmp/empty.$libc.o")" \
			"$(link "$libc" nopie e2 "$tmp/empty.$libc.o")"
		row "$libc" "capinit, as built" \
			"$(link "$libc" pie a1 $all "$lib" "$inih")" \
			"$(link "$libc" nopie a2 $all "$lib" "$inih")"
		row "$libc" "capinit without the tool modes" \
			"$(link "$libc" pie c1 $core "$tmp/notools.$libc.o" "$lib" "$inih")" \
			"$(link "$libc" nopie c2 $core "$tmp/notools.$libc.o" "$lib" "$inih")"
		row "$libc" "that, and no sscanf, syslog, strftime (not a working program)" \
			"$(link "$libc" pie n1 $core "$tmp/notools.$libc.o" "$tmp/nolibc.$libc.o" "$lib" "$inih")" \
			"$(link "$libc" nopie n2 $core "$tmp/notools.$libc.o" "$tmp/nolibc.$libc.o" "$lib" "$inih")"
	}
done
echo
echo "Targets: glibc smaller than tini-static ($tini bytes); musl at most 102400 bytes."
