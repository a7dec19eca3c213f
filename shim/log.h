/* SPDX-License-Identifier: MIT */
/*
 * Logging: stderr only, never stdout (stdout belongs to the entrypoint).
 * Lines read "capinit: message"; debug lines add capinit's pid.
 */
#ifndef CAPINIT_LOG_H
#define CAPINIT_LOG_H

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN = 1,  /* default */
	LOG_LEVEL_INFO = 2,  /* -v */
	LOG_LEVEL_DEBUG = 3, /* -vv */
};

void log_set_level(int level);
int log_get_level(void);
__attribute__((format(printf, 2, 3))) void log_msg(enum log_level level,
						   const char *fmt, ...);

struct diags;
/* log_diags - every message of @l at @level, and how many were dropped. */
void log_diags(const struct diags *l, enum log_level level);

#define log_error(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
