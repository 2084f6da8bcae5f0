#!/usr/bin/python3
"""smtp_sink.py: a real SMTP server for the tests and the benchmark (Debian's python3-aiosmtpd).

Accepts every message on 127.0.0.1:PORT (0: a free one), parses it back with Python's email
package and appends one JSON line per message to OUT: the envelope, the decoded headers, the
text body and each text/calendar part with its METHOD. Prints "ready PORT" when it listens.
With --auth USER:PASSWORD it offers AUTH (without TLS, on loopback) and accepts only that login.
Run it with /usr/bin/python3: the python3 on PATH may be a build without Debian's packages."""
import argparse
import email
import email.policy
import json
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def login(session):
    """The login the client authenticated with, or None."""
    if not getattr(session, "authenticated", False):
        return None
    data = session.auth_data
    return data.decode() if isinstance(data, bytes) else data


class Sink:
    def __init__(self, out):
        self.out = open(out, "a", encoding="utf-8")
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        rec = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg["from"]),
            "to": str(msg["to"]),
            "subject": str(msg["subject"]),
            "raw_subject": msg.get("subject", "") and envelope.content.split(b"\r\n\r\n")[0]
            .decode("ascii", "replace"),
            "date": str(msg["date"]),
            "message_id": str(msg["message-id"]),
            "content_type": msg.get_content_type(),
            "text": None,
            "calendars": [],
            "login": login(session),
        }
        for part in msg.walk():
            ct = part.get_content_type()
            if ct == "text/plain" and rec["text"] is None:
                rec["text"] = part.get_content()
            elif ct == "text/calendar":
                rec["calendars"].append({
                    "method": part.get_param("method"),
                    "filename": part.get_filename(),
                    "text": part.get_content(),
                })
        with self.lock:
            self.out.write(json.dumps(rec) + "\n")
            self.out.flush()
        return "250 OK"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--auth")
    a = ap.parse_args()
    kw = {}
    if a.auth:
        user, password = a.auth.split(":", 1)

        def check(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and \
                auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, auth_data=auth_data.login if ok else None)
        kw = dict(authenticator=check, auth_require_tls=False, auth_required=True)
    c = Controller(Sink(a.out), hostname="127.0.0.1", port=a.port or 0, **kw)
    if not a.port:
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        c.port = s.getsockname()[1]
        s.close()
    c.start()
    print("ready", c.port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    c.stop()


if __name__ == "__main__":
    main()
