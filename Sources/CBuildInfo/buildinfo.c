#include "buildinfo.h"

// A C file, because a string can be defined on the compiler's command line for C, not for Swift.
#ifndef COGSH_COMMIT
#define COGSH_COMMIT ""
#endif

const char *cogsh_build_commit(void) { return COGSH_COMMIT; }
