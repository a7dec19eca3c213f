/* SPDX-License-Identifier: MIT */
/*
 * BE CAREFUL: these exit codes are part of capinit's interface. Scripts,
 * orchestrators and tests depend on them; see EXIT STATUS in capinit(8).
 */
#ifndef CAPINIT_EXITCODES_H
#define CAPINIT_EXITCODES_H

#define CAPINIT_EX_FAILURE 125  /* capinit itself failed before PROGRAM ran */
#define CAPINIT_EX_NOEXEC 126   /* PROGRAM was found but could not be run */
#define CAPINIT_EX_NOTFOUND 127 /* PROGRAM was not found */
#define CAPINIT_EX_SIGBASE 128  /* PROGRAM killed by signal N: 128 + N */

#endif
