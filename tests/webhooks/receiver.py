"""A frontend's webhook receiver for the tests: it records what it is sent and answers
as the test scripts it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self, answers=()):
        self.requests = []  # (headers, body bytes)
        # Set to hold the first request without an answer until it is cleared.
        self.hold_first = None
        self.first_arrived = threading.Event()
        # Status codes (and headers) to answer with, in turn; 200 once they run out.
        self.answers = list(answers)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                receiver.requests.append((dict(self.headers), self.rfile.read(length)))
                receiver.first_arrived.set()
                if receiver.hold_first is not None and len(receiver.requests) == 1:
                    receiver.hold_first.wait(timeout=60)
                status, headers = receiver.next_answer()
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(b'{"received": true}')
                except ConnectionError:  # the sender is gone: a worker stopped mid-delivery
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/revalidate"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def next_answer(self):
        answer = self.answers.pop(0) if self.answers else 200
        return answer if isinstance(answer, tuple) else (answer, {})

    def close(self):
        self.server.shutdown()
        self.server.server_close()
