"""Local fakes of the services outside the machine: the LINE Messaging API and an SMTP server.

Both listen on 127.0.0.1 and record what they receive, so tests check what really went over
the wire (the line-bot-sdk's HTTP request, Django's SMTP conversation); nothing reaches the
internet.
"""

import json
import socket
import threading
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class FakeLine:
    """POST /v2/bot/message/push → 200 {} and the request is recorded; `fail_with` answers an error."""

    def __init__(self):
        self.pushes: list[dict] = []
        self.fail_with: int | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.pushes.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                    "retry_key": self.headers.get("X-Line-Retry-Key"), "json": json.loads(body)})
                status = fake.fail_with or 200
                sent = [{"id": str(4612309668420648 + len(fake.pushes) * 10 + i), "quoteToken": "fake-quote-token"}
                        for i, _m in enumerate(json.loads(body).get("messages", []))]
                payload = json.dumps({"message": "fake failure"} if fake.fail_with else {"sentMessages": sent}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def texts(self) -> list[tuple[str, str]]:
        """(recipient, text) of every push received."""
        return [(p["json"]["to"], p["json"]["messages"][0]["text"]) for p in self.pushes]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class FakeSmtp:
    """An SMTP server keeping every message it accepts (parsed, with its envelope recipients)."""

    def __init__(self):
        self.messages = []
        fake = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's naming
                msg = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
                fake.messages.append((list(envelope.rcpt_tos), msg))
                return "250 OK"

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self):
        self.controller.stop()
