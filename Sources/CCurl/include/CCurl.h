/* libcurl, opened when first used (CLazy). Swift cannot call C variadic functions: one
   fixed-signature wrapper per option type, defined in curl.c over the library's own. */
#include <curl/curl.h>

/* Opens libcurl: NULL when it is open, else why it could not be. */
const char *cogsh_curl_load(void);

CURLcode cogsh_curl_setopt_long(CURL *h, CURLoption o, long v);
CURLcode cogsh_curl_setopt_ptr(CURL *h, CURLoption o, const void *v);
CURLcode cogsh_curl_setopt_str(CURL *h, CURLoption o, const char *v);
CURLcode cogsh_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);
CURLcode cogsh_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v);
typedef size_t (*cogsh_write_fn)(char *, size_t, size_t, void *);
typedef int (*cogsh_xfer_fn)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
CURLcode cogsh_curl_setopt_writefn(CURL *h, CURLoption o, cogsh_write_fn f);
CURLcode cogsh_curl_setopt_xferfn(CURL *h, cogsh_xfer_fn f);
CURLcode cogsh_curl_getinfo_long(CURL *h, CURLINFO i, long *v);
CURLcode cogsh_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v);
