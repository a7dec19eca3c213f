// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: /etc/passwd and /etc/group parsing. The input is one
 * file, used as both; the lookups must never crash nor overflow, and a
 * group list never has more entries than asked for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "passwd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "root", "app", "0", "1000", "",
					    "x", "4294967294" };
	struct passwd_entry e;
	char path[64];
	gid_t groups[8], gid;
	size_t i;
	int fd = memfd_create("fuzz", 0), n;

	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		(void)passwd_find(path, keys[i], &e);
		(void)passwd_group_find(path, keys[i], &gid);
		n = passwd_user_groups(path, keys[i], 0, groups, 8);
		if (n > 8)
			abort();
	}
	close(fd);
	return 0;
}
