/* OpenSSL's libcrypto functions that cogsh calls, each forwarded to the library opened on first use. */
#include "CCrypto.h"

#include "lazy.h"

static void *lib;
static void *sym(const char *name) { return cogsh_lazy_symbol(&lib, "libcrypto.so.3", "libssl3", name); }

COGSH_FORWARD(unsigned char *, SHA256, (const unsigned char *d, size_t n, unsigned char *md), (d, n, md))
COGSH_FORWARD(unsigned char *, SHA1, (const unsigned char *d, size_t n, unsigned char *md), (d, n, md))
COGSH_FORWARD(unsigned char *, HMAC,
  (const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *data, size_t data_len, unsigned char *md,
   unsigned int *md_len),
  (evp_md, key, key_len, data, data_len, md, md_len))
COGSH_FORWARD(const EVP_MD *, EVP_sha256, (void), ())
COGSH_FORWARD(const EVP_MD *, EVP_sha1, (void), ())
COGSH_FORWARD(int, RAND_bytes, (unsigned char *buf, int num), (buf, num))

COGSH_FORWARD(BIGNUM *, BN_new, (void), ())
COGSH_FORWARD_VOID(BN_free, (BIGNUM *a), (a))
COGSH_FORWARD(BIGNUM *, BN_bin2bn, (const unsigned char *s, int len, BIGNUM *ret), (s, len, ret))
COGSH_FORWARD(int, BN_bn2bin, (const BIGNUM *a, unsigned char *to), (a, to))
COGSH_FORWARD(int, BN_num_bits, (const BIGNUM *a), (a))
COGSH_FORWARD(int, BN_is_zero, (const BIGNUM *a), (a))
COGSH_FORWARD(int, BN_cmp, (const BIGNUM *a, const BIGNUM *b), (a, b))
COGSH_FORWARD(int, BN_add, (BIGNUM *r, const BIGNUM *a, const BIGNUM *b), (r, a, b))
COGSH_FORWARD(int, BN_sub, (BIGNUM *r, const BIGNUM *a, const BIGNUM *b), (r, a, b))
COGSH_FORWARD(int, BN_mul, (BIGNUM *r, const BIGNUM *a, const BIGNUM *b, BN_CTX *ctx), (r, a, b, ctx))
COGSH_FORWARD(int, BN_nnmod, (BIGNUM *r, const BIGNUM *m, const BIGNUM *d, BN_CTX *ctx), (r, m, d, ctx))
COGSH_FORWARD(int, BN_mod_exp, (BIGNUM *r, const BIGNUM *a, const BIGNUM *p, const BIGNUM *m, BN_CTX *ctx),
  (r, a, p, m, ctx))
COGSH_FORWARD(BN_CTX *, BN_CTX_new, (void), ())
COGSH_FORWARD_VOID(BN_CTX_free, (BN_CTX *c), (c))

COGSH_FORWARD(OSSL_PARAM_BLD *, OSSL_PARAM_BLD_new, (void), ())
COGSH_FORWARD_VOID(OSSL_PARAM_BLD_free, (OSSL_PARAM_BLD *bld), (bld))
COGSH_FORWARD(int, OSSL_PARAM_BLD_push_BN, (OSSL_PARAM_BLD *bld, const char *key, const BIGNUM *bn), (bld, key, bn))
COGSH_FORWARD(OSSL_PARAM *, OSSL_PARAM_BLD_to_param, (OSSL_PARAM_BLD *bld), (bld))
COGSH_FORWARD_VOID(OSSL_PARAM_free, (OSSL_PARAM *p), (p))

COGSH_FORWARD(EVP_PKEY_CTX *, EVP_PKEY_CTX_new_from_name,
  (OSSL_LIB_CTX *libctx, const char *name, const char *propquery), (libctx, name, propquery))
COGSH_FORWARD_VOID(EVP_PKEY_CTX_free, (EVP_PKEY_CTX *ctx), (ctx))
COGSH_FORWARD(int, EVP_PKEY_fromdata_init, (EVP_PKEY_CTX *ctx), (ctx))
COGSH_FORWARD(int, EVP_PKEY_fromdata, (EVP_PKEY_CTX *ctx, EVP_PKEY **ppkey, int selection, OSSL_PARAM params[]),
  (ctx, ppkey, selection, params))
COGSH_FORWARD_VOID(EVP_PKEY_free, (EVP_PKEY *pkey), (pkey))
COGSH_FORWARD(EVP_MD_CTX *, EVP_MD_CTX_new, (void), ())
COGSH_FORWARD_VOID(EVP_MD_CTX_free, (EVP_MD_CTX *ctx), (ctx))
COGSH_FORWARD(int, EVP_DigestVerifyInit,
  (EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e, EVP_PKEY *pkey), (ctx, pctx, type, e, pkey))
COGSH_FORWARD(int, EVP_DigestVerify,
  (EVP_MD_CTX *ctx, const unsigned char *sigret, size_t siglen, const unsigned char *tbs, size_t tbslen),
  (ctx, sigret, siglen, tbs, tbslen))
