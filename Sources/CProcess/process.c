#include "CProcess.h"

#include <sys/prctl.h>
#include <sys/resource.h>

// A C file, because prctl is variadic and Swift cannot call it. ssh-agent and gpg-agent do the same.
int cogsh_no_core_dumps(void) {
  struct rlimit none = {0, 0};
  if (setrlimit(RLIMIT_CORE, &none) != 0) return -1;
  return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
