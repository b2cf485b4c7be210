// Swift cannot call C variadic functions: one fixed-signature wrapper per use.
#include <stdio.h>
#include <histedit.h>

typedef char *(*cogsh_prompt_fn)(EditLine *);
typedef unsigned char (*cogsh_edfn)(EditLine *, int);

static inline int cogsh_el_set_prompt(EditLine *el, cogsh_prompt_fn f) { return el_set(el, EL_PROMPT, f); }
static inline int cogsh_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int cogsh_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int cogsh_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int cogsh_el_addfn(EditLine *el, const char *name, const char *help, cogsh_edfn f) {
  return el_set(el, EL_ADDFN, name, help, f);
}
static inline int cogsh_el_bind(EditLine *el, const char *key, const char *fn) { return el_set(el, EL_BIND, key, fn, NULL); }
/* map: NULL for the main key map, "-a" for vi's command (alternate) map. */
static inline int cogsh_el_bind_map(EditLine *el, const char *map, const char *key, const char *fn) {
  return map ? el_set(el, EL_BIND, map, key, fn, NULL) : el_set(el, EL_BIND, key, fn, NULL);
}

static inline int cogsh_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int cogsh_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int cogsh_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
static inline int cogsh_history_load(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_LOAD, path); }
static inline int cogsh_history_save(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_SAVE, path); }
static inline int cogsh_history_first(History *h, HistEvent *ev) { return history(h, ev, H_FIRST); }
static inline int cogsh_history_next(History *h, HistEvent *ev) { return history(h, ev, H_NEXT); }
static inline int cogsh_history_last(History *h, HistEvent *ev) { return history(h, ev, H_LAST); }
static inline int cogsh_history_prev(History *h, HistEvent *ev) { return history(h, ev, H_PREV); }
/* At the prompt, Ctrl-C is a key, not a signal: it then always ends el_gets, however the
   signal would have raced with libedit's own reads and writes. */
static inline int cogsh_el_settty_noisig(EditLine *el) { return el_set(el, EL_SETTY, "-d", "-isig", NULL); }
