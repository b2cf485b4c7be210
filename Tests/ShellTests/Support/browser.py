#!/usr/bin/env python3
"""A stand-in for a person at a browser, run as $BROWSER: opens the URL, fills the login form,
follows the redirects to the callback, and for a callback page that relays the URL fragment (the
implicit grant) does what its script does: posts the fragment back. Every step is appended to
FAKE_BROWSER_LOG. Standard library only.

usage: browser.py URL
FAKE_BROWSER_USER, FAKE_BROWSER_PASSWORD: what to type; FAKE_BROWSER_ACTION: login (default), deny,
or hostile-error: a page (an extension, a script) that sends the browser straight to the callback with
this sign-in's state and an error whose description holds terminal controls.
FAKE_BROWSER_STOP_AT: a URL prefix (the callback): a redirect there is printed on stdout, not followed.
"""
import http.client
import os
import re
import sys
from urllib.parse import urlencode, urljoin, urlparse


def log(line):
    path = os.environ.get("FAKE_BROWSER_LOG")
    if path:
        with open(path, "a") as f:
            f.write(line + "\n")


def request(method, url, body=None):
    parts = urlparse(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    conn.request(method, target, body=body, headers=headers)
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    log(f"{method} {url} -> {response.status}")
    return response.status, response.getheader("Location"), text


def follow(url, method="GET", body=None):
    for _ in range(10):
        status, location, text = request(method, url, body)
        if status in (301, 302, 303) and location:
            url, method, body = urljoin(url, location), "GET", None
            stop = os.environ.get("FAKE_BROWSER_STOP_AT")
            if stop and url.startswith(stop):
                print(url, flush=True)
                return 0, "stopped at the callback"
            if "#" in url:
                base, fragment = url.split("#", 1)
                status, _, text = request("GET", base)
                if 'data-cogsh-fragment="post"' in text:
                    status, _, text = request("POST", base, fragment)
                return status, text
            continue
        return status, text
    return 0, "too many redirects"


def main():
    url = sys.argv[1]
    if os.environ.get("FAKE_BROWSER_ACTION") == "hostile-error":
        query = dict(pair.split("=", 1) for pair in urlparse(url).query.split("&"))
        callback = query["redirect_uri"].replace("%3A", ":").replace("%2F", "/")
        status, _, text = request("GET", callback + "?error=access_denied&error_description=%1B%5D0%3BPWNED%07%1B%5B2J"
                                  + "&state=" + query["state"])
        log("PAGE " + re.sub(r"<[^>]+>", " ", text).strip())
        return
    status, text = follow(url)
    form = re.search(r'name="request" value="([^"]+)"', text)
    if form is None:
        log("PAGE " + re.sub(r"<[^>]+>", " ", text).strip())
        return
    action = os.environ.get("FAKE_BROWSER_ACTION", "login")
    body = urlencode({"request": form.group(1), "username": os.environ.get("FAKE_BROWSER_USER", ""),
                      "password": os.environ.get("FAKE_BROWSER_PASSWORD", ""), "action": action})
    # Where the form posts, as a browser reads it from the page.
    target = re.search(r'<form method="post" action="([^"]*)"', text)
    status, text = follow(urljoin(url, target.group(1) if target else "login"), "POST", body)
    log("PAGE " + re.sub(r"<[^>]+>", " ", text).strip())


if __name__ == "__main__":
    main()
