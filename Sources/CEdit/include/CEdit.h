/* libedit, opened when the shell first reads a line at a terminal (CLazy). Swift cannot call C
   variadic functions: one fixed-signature wrapper per use, defined in edit.c over el_set and history. */
#include <stdio.h>
#include <histedit.h>

typedef char *(*cogsh_prompt_fn)(EditLine *);
typedef unsigned char (*cogsh_edfn)(EditLine *, int);

int cogsh_el_set_prompt(EditLine *el, cogsh_prompt_fn f);
int cogsh_el_set_editor(EditLine *el, const char *mode);
int cogsh_el_set_hist(EditLine *el, History *h);
int cogsh_el_set_signal(EditLine *el, int on);
int cogsh_el_addfn(EditLine *el, const char *name, const char *help, cogsh_edfn f);
int cogsh_el_bind(EditLine *el, const char *key, const char *fn);
/* map: NULL for the main key map, "-a" for vi's command (alternate) map. */
int cogsh_el_bind_map(EditLine *el, const char *map, const char *key, const char *fn);
/* At the prompt, Ctrl-C is a key, not a signal: it then always ends el_gets, however the
   signal would have raced with libedit's own reads and writes. */
int cogsh_el_settty_noisig(EditLine *el);
/* Reads the prompt's keys with a limit: a line of more than `limit` characters ends there, the rest
   of it is dropped unread by the editor, and cogsh_el_take_overlong() gives how many characters the
   line had once dropped (0 when none). `is_interrupted` says whether a signal that interrupted a
   read should end it (Ctrl-C sent by kill) or be retried. */
int cogsh_el_limit_line(EditLine *el, size_t limit, int (*is_interrupted)(void));
size_t cogsh_el_take_overlong(void);

int cogsh_history_setsize(History *h, HistEvent *ev, int n);
int cogsh_history_setunique(History *h, HistEvent *ev, int on);
int cogsh_history_enter(History *h, HistEvent *ev, const char *line);
int cogsh_history_load(History *h, HistEvent *ev, const char *path);
int cogsh_history_save(History *h, HistEvent *ev, const char *path);
int cogsh_history_first(History *h, HistEvent *ev);
int cogsh_history_next(History *h, HistEvent *ev);
int cogsh_history_last(History *h, HistEvent *ev);
int cogsh_history_prev(History *h, HistEvent *ev);
