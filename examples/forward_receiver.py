#!/usr/bin/env python3
"""Receives what pyas-proxy forwards to PYAS_FORWARD_URL: connected accounts and Pyas webhooks.

    PYAS_FORWARD_SECRET=<same secret as pyas-proxy> python3 forward_receiver.py

Listens on HOST:PORT (default 127.0.0.1:8000). Python 3.8+, standard library only. Every call is
checked before it is trusted: the x-pyas-signature header must be `t=<unix seconds>,v1=<hex>`
where the hex is HMAC-SHA256(secret, "<t>.<raw body>"), compared in constant time, and `t` must
be less than 5 minutes old (so a captured call cannot be replayed later). A connected account
must name its user (`userId`, which pyas-proxy gets from PYAS_AUTHORIZE_URL): one without it is
refused (422) and nothing is saved, since it cannot be keyed to anyone.
"""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ["PYAS_FORWARD_SECRET"].encode()
MAX_AGE_SECONDS = 5 * 60
MAX_BODY_BYTES = 1024 * 1024


def verify(header, body, now=None):
    """True when `header` signs the raw `body` bytes with SECRET and is under 5 minutes old."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
        given = fields["v1"]
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > MAX_AGE_SECONDS:  # too old (or from a clock far ahead)
        return False
    expected = hmac.new(SECRET, b"%d." % timestamp + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), given.encode())


def refusal(payload):
    """Why `payload` cannot be saved, or None when it can."""
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        return "not a pyas-proxy call"
    if payload["type"] == "account.connected_by_user":
        user_id = payload.get("userId")
        if not isinstance(user_id, str) or not user_id:
            return "an account without a userId: set PYAS_AUTHORIZE_URL on pyas-proxy"
        if not isinstance(payload.get("account"), dict):
            return "an account.connected_by_user without an account"
    elif not isinstance(payload.get("event"), dict):
        return "a webhook without an event"
    return None


def handle(payload):
    """Your code. Make it idempotent: the same call can arrive twice (pyas-proxy retries once)."""
    if payload["type"] == "account.connected_by_user":
        account = payload["account"]  # save account["accountId"] for payload["userId"]
    else:
        event = payload["event"]  # a Pyas webhook: event["type"], event["accountId"], ...
    print(json.dumps(payload), flush=True)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        try:
            length = int(self.headers.get("content-length") or 0)
        except ValueError:
            return self.answer(400)
        if length < 0 or length > MAX_BODY_BYTES:
            return self.answer(413)
        body = self.rfile.read(length)  # the raw bytes: the signature covers exactly these
        if not verify(self.headers.get("x-pyas-signature", ""), body):
            return self.answer(401)
        try:
            payload = json.loads(body)
        except ValueError:
            return self.answer(400)
        reason = refusal(payload)
        if reason:  # a 4xx: pyas-proxy answers the browser 500, so nothing is lost silently
            print("refused: %s" % reason, file=sys.stderr, flush=True)
            return self.answer(422)
        handle(payload)
        self.answer(204)  # any 2xx tells pyas-proxy the call was delivered

    def answer(self, status):
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass  # payloads are printed by handle(); nothing else on stdout


if __name__ == "__main__":
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer((host, port), Receiver)
    print("listening on http://%s:%d" % server.server_address[:2], flush=True)
    server.serve_forever()
