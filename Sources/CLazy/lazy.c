#include "lazy.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

const char *cogsh_lazy_open(void **handle, const char *soname) {
  if (*handle) return NULL;
  void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!h) return dlerror();
  __atomic_store_n(handle, h, __ATOMIC_RELEASE);
  return NULL;
}

void *cogsh_lazy_symbol(void **handle, const char *soname, const char *package, const char *name) {
  const char *why = cogsh_lazy_open(handle, soname);
  void *symbol = why ? NULL : dlsym(__atomic_load_n(handle, __ATOMIC_ACQUIRE), name);
  if (!symbol) {
    fprintf(stderr, "error: cogsh cannot use %s (%s)\nhint: Install the %s package (scripts/setup does).\n", soname,
            why ? why : name, package);
    exit(1);
  }
  return symbol;
}
