/* libqrencode, opened when `mfa setup` first draws a code (CLazy); qrencode.c forwards to it. */
#include <qrencode.h>
