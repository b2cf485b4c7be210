/* libedit's functions that cogsh calls, each forwarded to the library opened on first use. */
#include "CEdit.h"

#include "lazy.h"

static void *lib;
static void *sym(const char *name) { return cogsh_lazy_symbol(&lib, "libedit.so.2", "libedit2", name); }

COGSH_FORWARD(EditLine *, el_init, (const char *prog, FILE *fin, FILE *fout, FILE *ferr), (prog, fin, fout, ferr))
COGSH_FORWARD_VOID(el_end, (EditLine *e), (e))
COGSH_FORWARD_VOID(el_reset, (EditLine *e), (e))
COGSH_FORWARD(const char *, el_gets, (EditLine *e, int *count), (e, count))
COGSH_FORWARD(int, el_insertstr, (EditLine *e, const char *s), (e, s))
COGSH_FORWARD(const LineInfo *, el_line, (EditLine *e), (e))
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
