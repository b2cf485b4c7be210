/* OpenSSL's libcrypto, opened when first used (CLazy); crypto.c forwards each function cogsh calls. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/bn.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/ec.h>
#include <openssl/bio.h>
/* EVP_PKEY_PUBLIC_KEY is a macro expression Swift cannot import. */
static inline int cogsh_evp_pkey_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }
/* OSSL_PARAM_BLD keeps the key-name pointers until to_param: they must be C literals, which a
   Swift String bridged for one call is not. */
static inline int cogsh_push_rsa_public(OSSL_PARAM_BLD *b, const BIGNUM *n, const BIGNUM *e) {
  return OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_N, n) == 1 && OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_E, e) == 1;
}
/* ES256 (RFC 7518 section 3.4) with the EC P-256 private key in `pem`: the signature of `msg` as r||s
   (64 bytes), and the public point's x and y (32 bytes each), for a DPoP proof's header. 1 on success,
   0 when the key is not a P-256 private key or signing fails. */
int cogsh_es256_sign(const char *pem, size_t pem_len, const unsigned char *msg, size_t msg_len,
                     unsigned char *sig, unsigned char *x, unsigned char *y);
/* A new RSA private key of `bits` bits as PKCS#8 PEM in `pem` (at most *pem_len bytes; *pem_len is set to
   its length). 1 on success. */
int cogsh_rsa_generate(int bits, char *pem, size_t *pem_len);
/* RS256 (RFC 7518 section 3.3: RSASSA-PKCS1-v1_5 with SHA-256) with the RSA private key in `pem` (2048 bits
   or more): the signature of `msg` in `sig` (*sig_len bytes), and the public modulus and exponent, big-endian,
   for a JWKS. 1 on success, 0 when the key is not such an RSA private key or signing fails. */
int cogsh_rs256_sign(const char *pem, size_t pem_len, const unsigned char *msg, size_t msg_len, unsigned char *sig,
                     size_t *sig_len, unsigned char *n, size_t *n_len, unsigned char *e, size_t *e_len);
