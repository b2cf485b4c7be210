/* libedit's functions that cogsh calls, each forwarded to the library opened on first use. */
#include "CEdit.h"

#include "lazy.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static void *lib;
static void *sym(const char *name) { return cogsh_lazy_symbol(&lib, "libedit.so.2", "libedit2", name); }

COGSH_FORWARD(EditLine *, el_init, (const char *prog, FILE *fin, FILE *fout, FILE *ferr), (prog, fin, fout, ferr))
COGSH_FORWARD_VOID(el_end, (EditLine *e), (e))
COGSH_FORWARD_VOID(el_reset, (EditLine *e), (e))
COGSH_FORWARD(const char *, el_gets, (EditLine *e, int *count), (e, count))
COGSH_FORWARD(int, el_insertstr, (EditLine *e, const char *s), (e, s))
COGSH_FORWARD(const LineInfo *, el_line, (EditLine *e), (e))
COGSH_FORWARD(const LineInfoW *, el_wline, (EditLine *e), (e))
COGSH_FORWARD(int, el_source, (EditLine *e, const char *file), (e, file))
COGSH_FORWARD(History *, history_init, (void), ())
COGSH_FORWARD_VOID(history_end, (History *h), (h))

typedef int (*el_set_fn)(EditLine *, int, ...);
typedef int (*history_fn)(History *, HistEvent *, int, ...);
COGSH_VARIADIC(el_set_fn, set, "el_set")
COGSH_VARIADIC(history_fn, hist, "history")

int cogsh_el_set_prompt(EditLine *el, cogsh_prompt_fn f) { return set()(el, EL_PROMPT, f); }
int cogsh_el_set_editor(EditLine *el, const char *mode) { return set()(el, EL_EDITOR, mode); }
int cogsh_el_set_hist(EditLine *el, History *h) { return set()(el, EL_HIST, hist(), h); }
int cogsh_el_set_signal(EditLine *el, int on) { return set()(el, EL_SIGNAL, on); }
int cogsh_el_addfn(EditLine *el, const char *name, const char *help, cogsh_edfn f) {
  return set()(el, EL_ADDFN, name, help, f);
}
int cogsh_el_bind(EditLine *el, const char *key, const char *fn) { return set()(el, EL_BIND, key, fn, NULL); }
int cogsh_el_bind_map(EditLine *el, const char *map, const char *key, const char *fn) {
  return map ? set()(el, EL_BIND, map, key, fn, NULL) : set()(el, EL_BIND, key, fn, NULL);
}
int cogsh_el_settty_noisig(EditLine *el) { return set()(el, EL_SETTY, "-d", "-isig", NULL); }

int cogsh_history_setsize(History *h, HistEvent *ev, int n) { return hist()(h, ev, H_SETSIZE, n); }
int cogsh_history_setunique(History *h, HistEvent *ev, int on) { return hist()(h, ev, H_SETUNIQUE, on); }
int cogsh_history_enter(History *h, HistEvent *ev, const char *line) { return hist()(h, ev, H_ENTER, line); }
int cogsh_history_load(History *h, HistEvent *ev, const char *path) { return hist()(h, ev, H_LOAD, path); }
int cogsh_history_save(History *h, HistEvent *ev, const char *path) { return hist()(h, ev, H_SAVE, path); }
int cogsh_history_first(History *h, HistEvent *ev) { return hist()(h, ev, H_FIRST); }
int cogsh_history_next(History *h, HistEvent *ev) { return hist()(h, ev, H_NEXT); }
int cogsh_history_last(History *h, HistEvent *ev) { return hist()(h, ev, H_LAST); }
int cogsh_history_prev(History *h, HistEvent *ev) { return hist()(h, ev, H_PREV); }

/* The prompt's own reader (EL_GETCFN), as libedit's read_char reads: a byte at a time, decoded with
   the C library's locale, an invalid byte dropped. It adds a limit. libedit echoes every character
   it inserts, a write each, so a line of a megabyte pasted at the prompt takes seconds to arrive
   (more through tmux), and nothing bounds its buffer. Once the line holds more than `limit`
   characters, the rest of it, up to the Enter, Ctrl-C or Ctrl-D that ends it, is read in large
   pieces and dropped unechoed; a newline then ends the line, and cogsh_el_take_overlong() says so. */
static size_t line_limit;
static int (*interrupted)(void);
static size_t overlong;
static unsigned char pending[65536];
static size_t pending_at, pending_end;

/* 1 and a byte; 0 at end of input; -1 on error, or when a signal cogsh handles interrupts the read. */
static int next_byte(unsigned char *b) {
  if (pending_at < pending_end) {
    *b = pending[pending_at++];
    return 1;
  }
  for (;;) {
    ssize_t n = read(STDIN_FILENO, b, 1);
    if (n >= 0) return (int)n;
    if (errno != EINTR || (interrupted && interrupted())) return -1;
  }
}

/* Reads and drops input up to the byte that ends a line at the prompt; what follows it is kept. */
static void drop_rest_of_line(void) {
  for (;;) {
    while (pending_at < pending_end) {
      unsigned char b = pending[pending_at++];
      if (b == '\r' || b == '\n' || b == 0x03 || b == 0x04) return;
      if ((b & 0xC0) != 0x80) overlong++; /* a character's first byte: counted once in UTF-8 */
    }
    ssize_t n = read(STDIN_FILENO, pending, sizeof pending);
    if (n < 0 && errno == EINTR && !(interrupted && interrupted())) continue;
    if (n <= 0) return;
    pending_at = 0;
    pending_end = (size_t)n;
  }
}

static int limited_read_char(EditLine *el, wchar_t *cp) {
  const LineInfoW *line = el_wline(el);
  if (line_limit && line && (size_t)(line->lastchar - line->buffer) > line_limit) {
    overlong = (size_t)(line->lastchar - line->buffer);
    drop_rest_of_line();
    *cp = L'\n';
    return 1;
  }
  char bytes[MB_LEN_MAX];
  size_t count = 0;
  for (;;) {
    unsigned char b;
    int r = next_byte(&b);
    if (r <= 0) {
      *cp = L'\0';
      return r;
    }
    bytes[count++] = (char)b;
    for (;;) {
      mbstate_t state;
      memset(&state, 0, sizeof state);
      size_t used = mbrtowc(cp, bytes, count, &state);
      if (used == (size_t)-2) {
        if (count < MB_LEN_MAX) break;
        errno = EILSEQ;
        *cp = L'\0';
        return -1;
      }
      if (used == (size_t)-1) {
        /* Not a character, dropped as libedit drops it; the byte that made it invalid may begin
           the next one. */
        if (count > 1) {
          bytes[0] = bytes[count - 1];
          count = 1;
          continue;
        }
        count = 0;
        break;
      }
      return 1;
    }
  }
}

int cogsh_el_limit_line(EditLine *el, size_t limit, int (*is_interrupted)(void)) {
  line_limit = limit;
  interrupted = is_interrupted;
  return set()(el, EL_GETCFN, limited_read_char);
}

size_t cogsh_el_take_overlong(void) {
  size_t n = overlong;
  overlong = 0;
  return n;
}
