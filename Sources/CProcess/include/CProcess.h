#ifndef COGSH_CPROCESS_H
#define COGSH_CPROCESS_H

/// Makes this process write no core dump and be non-dumpable (no ptrace by the same user, /proc files
/// owned by root): a crash must not write tokens and typed passwords to disk. 0, or -1 with errno.
int cogsh_no_core_dumps(void);

#endif
