#ifndef COGSH_BUILDINFO_H
#define COGSH_BUILDINFO_H

/// The commit cogsh was built from, as scripts/install passes it (-Xcc -DCOGSH_COMMIT="..."); "" otherwise.
const char *cogsh_build_commit(void);

#endif
