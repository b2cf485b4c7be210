/* libqrencode's functions that cogsh calls, each forwarded to the library opened on first use. */
#include "CQREncode.h"

#include "lazy.h"

static void *lib;
static void *sym(const char *name) { return cogsh_lazy_symbol(&lib, "libqrencode.so.4", "libqrencode4", name); }

COGSH_FORWARD(QRcode *, QRcode_encodeString,
  (const char *string, int version, QRecLevel level, QRencodeMode hint, int casesensitive),
  (string, version, level, hint, casesensitive))
COGSH_FORWARD_VOID(QRcode_free, (QRcode *qrcode), (qrcode))
