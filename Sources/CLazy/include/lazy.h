#ifndef COGSH_LAZY_H
#define COGSH_LAZY_H

/* The C libraries cogsh uses are opened when first called, not at start-up: linked the usual way,
   libcurl, OpenSSL's libcrypto, libedit and libqrencode (and the twenty libraries they bring) cost
   every run about 6 ms and 7 MiB before main, even `cogsh --version`. */

/* Opens `soname` into *handle, once; NULL when it is open, else why it could not be (dlerror's words). */
const char *cogsh_lazy_open(void **handle, const char *soname);

/* The symbol `name` of `soname`, opened into *handle when needed. When the library or the symbol
   cannot be found, says so on stderr, naming the Debian package to install, and exits with status 1:
   the caller has no way to go on without it. */
void *cogsh_lazy_symbol(void **handle, const char *soname, const char *package, const char *name);

/* Defines `name`, with `params`, as a call of the same-named function of the library that the
   including file's `sym` opens, looked up once. */
#define COGSH_FORWARD(ret, name, params, args) \
  ret name params { \
    static ret(*f) params; \
    if (!f) f = (ret(*) params)sym(#name); \
    return f args; \
  }
#define COGSH_FORWARD_VOID(name, params, args) \
  void name params { \
    static void(*f) params; \
    if (!f) f = (void(*) params)sym(#name); \
    f args; \
  }
/* Defines `static type getter(void)`: the library's variadic function `name`, looked up once, to be
   called with fixed arguments by the wrappers Swift uses. */
#define COGSH_VARIADIC(type, getter, name) \
  static type getter(void) { \
    static type f; \
    if (!f) f = (type)sym(name); \
    return f; \
  }

#endif
