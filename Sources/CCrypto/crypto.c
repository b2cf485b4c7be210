/* OpenSSL's libcrypto functions that cogsh calls, each forwarded to the library opened on first use. */
#include "CCrypto.h"

#include "lazy.h"

#include <string.h>

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

COGSH_FORWARD(BIO *, BIO_new_mem_buf, (const void *buf, int len), (buf, len))
COGSH_FORWARD(int, BIO_free, (BIO *a), (a))
COGSH_FORWARD(EVP_PKEY *, PEM_read_bio_PrivateKey, (BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u),
  (bp, x, cb, u))
COGSH_FORWARD(int, EVP_PKEY_get_bn_param, (const EVP_PKEY *pkey, const char *key_name, BIGNUM **bn),
  (pkey, key_name, bn))
COGSH_FORWARD(int, EVP_PKEY_get_group_name, (const EVP_PKEY *pkey, char *name, size_t name_sz, size_t *gname_len),
  (pkey, name, name_sz, gname_len))
COGSH_FORWARD(int, EVP_DigestSignInit,
  (EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e, EVP_PKEY *pkey), (ctx, pctx, type, e, pkey))
COGSH_FORWARD(int, EVP_DigestSign,
  (EVP_MD_CTX *ctx, unsigned char *sigret, size_t *siglen, const unsigned char *tbs, size_t tbslen),
  (ctx, sigret, siglen, tbs, tbslen))
COGSH_FORWARD(ECDSA_SIG *, d2i_ECDSA_SIG, (ECDSA_SIG **sig, const unsigned char **pp, long len), (sig, pp, len))
COGSH_FORWARD_VOID(ECDSA_SIG_get0, (const ECDSA_SIG *sig, const BIGNUM **pr, const BIGNUM **ps), (sig, pr, ps))
COGSH_FORWARD_VOID(ECDSA_SIG_free, (ECDSA_SIG *sig), (sig))
COGSH_FORWARD(int, BN_bn2binpad, (const BIGNUM *a, unsigned char *to, int tolen), (a, to, tolen))

int cogsh_es256_sign(const char *pem, size_t pem_len, const unsigned char *msg, size_t msg_len,
                     unsigned char *sig, unsigned char *x, unsigned char *y) {
  int ok = 0;
  BIO *bio = BIO_new_mem_buf(pem, (int)pem_len);
  EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  BIGNUM *qx = NULL, *qy = NULL;
  ECDSA_SIG *parsed = NULL;
  char group[32] = {0};
  size_t group_len = 0;
  unsigned char der[128];
  size_t der_len = sizeof der;
  if (!key || !md) goto done;
  if (EVP_PKEY_get_group_name(key, group, sizeof group, &group_len) != 1 || strcmp(group, "prime256v1") != 0) goto done;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &qx) != 1 ||
      EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &qy) != 1)
    goto done;
  if (BN_bn2binpad(qx, x, 32) != 32 || BN_bn2binpad(qy, y, 32) != 32) goto done;
  if (EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) != 1) goto done;
  if (EVP_DigestSign(md, der, &der_len, msg, msg_len) != 1) goto done;
  const unsigned char *p = der;
  parsed = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
  if (!parsed) goto done;
  const BIGNUM *r = NULL, *s = NULL;
  ECDSA_SIG_get0(parsed, &r, &s);
  ok = BN_bn2binpad(r, sig, 32) == 32 && BN_bn2binpad(s, sig + 32, 32) == 32;
done:
  if (parsed) ECDSA_SIG_free(parsed);
  if (qx) BN_free(qx);
  if (qy) BN_free(qy);
  if (md) EVP_MD_CTX_free(md);
  if (key) EVP_PKEY_free(key);
  if (bio) BIO_free(bio);
  return ok;
}

COGSH_FORWARD(int, EVP_PKEY_keygen_init, (EVP_PKEY_CTX *ctx), (ctx))
COGSH_FORWARD(int, EVP_PKEY_CTX_set_rsa_keygen_bits, (EVP_PKEY_CTX *ctx, int bits), (ctx, bits))
COGSH_FORWARD(int, EVP_PKEY_generate, (EVP_PKEY_CTX *ctx, EVP_PKEY **ppkey), (ctx, ppkey))
COGSH_FORWARD(const BIO_METHOD *, BIO_s_mem, (void), ())
COGSH_FORWARD(BIO *, BIO_new, (const BIO_METHOD *type), (type))
COGSH_FORWARD(long, BIO_ctrl, (BIO *bp, int cmd, long larg, void *parg), (bp, cmd, larg, parg))
COGSH_FORWARD(int, PEM_write_bio_PrivateKey,
  (BIO *bp, const EVP_PKEY *x, const EVP_CIPHER *enc, const unsigned char *kstr, int klen, pem_password_cb *cb,
   void *u),
  (bp, x, enc, kstr, klen, cb, u))
COGSH_FORWARD(int, EVP_PKEY_get_base_id, (const EVP_PKEY *pkey), (pkey))
COGSH_FORWARD(int, EVP_PKEY_get_bits, (const EVP_PKEY *pkey), (pkey))

int cogsh_rsa_generate(int bits, char *pem, size_t *pem_len) {
  int ok = 0;
  EVP_PKEY *key = NULL;
  BIO *bio = NULL;
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
  if (!ctx || EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) != 1) goto done;
  if (EVP_PKEY_generate(ctx, &key) != 1) goto done;
  bio = BIO_new(BIO_s_mem());
  if (!bio || PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL) != 1) goto done;
  char *data = NULL;
  long len = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data); /* BIO_get_mem_data */
  if (len <= 0 || (size_t)len > *pem_len) goto done;
  memcpy(pem, data, (size_t)len);
  *pem_len = (size_t)len;
  ok = 1;
done:
  if (bio) BIO_free(bio);
  if (key) EVP_PKEY_free(key);
  if (ctx) EVP_PKEY_CTX_free(ctx);
  return ok;
}

int cogsh_rs256_sign(const char *pem, size_t pem_len, const unsigned char *msg, size_t msg_len, unsigned char *sig,
                     size_t *sig_len, unsigned char *n, size_t *n_len, unsigned char *e, size_t *e_len) {
  int ok = 0;
  BIO *bio = BIO_new_mem_buf(pem, (int)pem_len);
  EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  BIGNUM *bn_n = NULL, *bn_e = NULL;
  if (!key || !md || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA || EVP_PKEY_get_bits(key) < 2048) goto done;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &bn_n) != 1 ||
      EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &bn_e) != 1)
    goto done;
  if ((size_t)((BN_num_bits(bn_n) + 7) / 8) > *n_len || (size_t)((BN_num_bits(bn_e) + 7) / 8) > *e_len) goto done;
  *n_len = (size_t)BN_bn2bin(bn_n, n);
  *e_len = (size_t)BN_bn2bin(bn_e, e);
  if (EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) != 1) goto done;
  if (EVP_DigestSign(md, sig, sig_len, msg, msg_len) != 1) goto done;
  ok = 1;
done:
  if (bn_n) BN_free(bn_n);
  if (bn_e) BN_free(bn_e);
  if (md) EVP_MD_CTX_free(md);
  if (key) EVP_PKEY_free(key);
  if (bio) BIO_free(bio);
  return ok;
}
