#!/usr/bin/env python3
"""Mermaid's own parser, run on diagram texts: mermaid.js as the PyPI package mermaidx vendors it
(Mermaid 11.16.0, installed by scripts/setup --tests), executed by QuickJS-ng over mermaidx's DOM shim,
`mermaid.parse(text)` for each file named; what parses is then drawn (mermaidx.render, SVG) and the
texts Mermaid put on its messages and actors are read back from the SVG. One line of JSON per file on
stdout, in order: {"ok": true, "type": "sequence", "messages": [...], "actors": [...]} or
{"ok": false, "error": "Parse error on line 3: ..."}.

usage: mermaid_check.py FILE [FILE ...]
"""
import html
import json
import re
import sys
from pathlib import Path

import mermaidx
import quickjs

ASSETS = Path(mermaidx.__file__).parent / "assets"


def engine():
    ctx = quickjs.Context()
    ctx.set_memory_limit(512 * 1024 * 1024)
    # What the shim calls to measure text and paths; parsing measures nothing, so zeros do.
    ctx.eval(
        "globalThis.__log = () => {};"
        "globalThis.__measureText = () => 0;"
        "globalThis.__measureTextFull = () => ({width: 0, height: 0});"
        "globalThis.__pathBBox = () => ({x: 0, y: 0, width: 0, height: 0});"
    )
    ctx.eval((ASSETS / "dom_shim.js").read_text(encoding="utf-8"))
    ctx.eval((ASSETS / "mermaid.js").read_text(encoding="utf-8"))
    ctx.eval(
        "globalThis.mermaid = (globalThis.__esbuild_esm_mermaid_nm.mermaid.default"
        " || globalThis.__esbuild_esm_mermaid_nm.mermaid);"
    )
    return ctx


def check(ctx, text):
    ctx.set("__text", text)
    ctx.eval(
        "globalThis.__out = null;"
        "mermaid.parse(__text).then("
        "  r => { __out = JSON.stringify({ok: true, type: r.diagramType}); },"
        "  e => { __out = JSON.stringify({ok: false, error: String((e && e.message) || e)}); });"
    )
    while ctx.execute_pending_job():
        pass
    out = ctx.eval("__out")
    return json.loads(out) if out else {"ok": False, "error": "mermaid.parse did not settle"}


def drawn(text):
    """The texts of the messages and of the actors' boxes in the SVG Mermaid draws for `text`."""
    svg = mermaidx.render(text).svg()
    messages = re.findall(r'<text[^>]*class="messageText"[^>]*>([^<]*)<', svg)
    actors = re.findall(r'<text[^>]*class="actor[^"]*"[^>]*>(?:<tspan[^>]*>)?([^<]*)<', svg)
    return [html.unescape(m) for m in messages], sorted({html.unescape(a) for a in actors})


def main():
    ctx = engine()
    for path in sys.argv[1:]:
        text = Path(path).read_text(encoding="utf-8")
        result = check(ctx, text)
        if result["ok"]:
            result["messages"], result["actors"] = drawn(text)
        print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
