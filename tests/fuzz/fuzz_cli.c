// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the command line and signal names. The input is split
 * at NUL bytes into argv; every word is also tried as a signal name, an
 * exit map, a rewrite and a grace period.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "signame.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *argv[66];
	char name[SIGNAME_MAX];
	struct init_opts o;
	struct diag d;
	size_t i;
	int argc = 1, s;

	if (size > 4096)
		return 0;
	buf = malloc(size + 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = (char *)"capinit";
	argv[argc++] = buf;
	for (i = 0; i < size && argc < 65; i++)
		if (buf[i] == '\0')
			argv[argc++] = buf + i + 1;
	argv[argc] = NULL;
	for (i = 1; i < (size_t)argc; i++) {
		s = signame_parse(argv[i]);
		if (s != -1 && (s < 1 || s > SIGRTMAX))
			abort();
		if (s > 0 && signame_parse(signame_format(s, name)) != s &&
		    s != 32 && s != 33)
			abort();
		opts_init(&o);
		(void)opts_add_exitmap(&o, argv[i], &d);
		(void)opts_add_rewrite(&o, argv[i], &d);
		(void)opts_set_grace(&o, argv[i], &d);
	}
	opts_init(&o);
	(void)cli_parse(argc, argv, &o, &d);
	free(buf);
	return 0;
}
