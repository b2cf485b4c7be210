/* libcurl's functions that cogsh calls, each forwarded to the library opened on first use. */
#include "CCurl.h"

#include "lazy.h"

static void *lib;
static void *sym(const char *name) { return cogsh_lazy_symbol(&lib, "libcurl.so.4", "libcurl4", name); }

const char *cogsh_curl_load(void) { return cogsh_lazy_open(&lib, "libcurl.so.4"); }

COGSH_FORWARD(CURLcode, curl_global_init, (long flags), (flags))
COGSH_FORWARD(CURL *, curl_easy_init, (void), ())
COGSH_FORWARD_VOID(curl_easy_cleanup, (CURL *h), (h))
COGSH_FORWARD_VOID(curl_easy_reset, (CURL *h), (h))
COGSH_FORWARD(CURLcode, curl_easy_perform, (CURL *h), (h))
COGSH_FORWARD(const char *, curl_easy_strerror, (CURLcode code), (code))
COGSH_FORWARD(struct curl_slist *, curl_slist_append, (struct curl_slist *list, const char *s), (list, s))
COGSH_FORWARD_VOID(curl_slist_free_all, (struct curl_slist *list), (list))

typedef CURLcode (*setopt_fn)(CURL *, CURLoption, ...);
typedef CURLcode (*getinfo_fn)(CURL *, CURLINFO, ...);
COGSH_VARIADIC(setopt_fn, setopt, "curl_easy_setopt")
COGSH_VARIADIC(getinfo_fn, getinfo, "curl_easy_getinfo")

CURLcode cogsh_curl_setopt_long(CURL *h, CURLoption o, long v) { return setopt()(h, o, v); }
CURLcode cogsh_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return setopt()(h, o, v); }
CURLcode cogsh_curl_setopt_str(CURL *h, CURLoption o, const char *v) { return setopt()(h, o, v); }
CURLcode cogsh_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return setopt()(h, o, v); }
CURLcode cogsh_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return setopt()(h, o, v); }
CURLcode cogsh_curl_setopt_writefn(CURL *h, CURLoption o, cogsh_write_fn f) { return setopt()(h, o, f); }
CURLcode cogsh_curl_setopt_xferfn(CURL *h, cogsh_xfer_fn f) { return setopt()(h, CURLOPT_XFERINFOFUNCTION, f); }
CURLcode cogsh_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return getinfo()(h, i, v); }
CURLcode cogsh_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return getinfo()(h, i, v); }
