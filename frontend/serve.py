"""Serves the reference frontend: its files as they are, and index.html for any page path.

    python frontend/serve.py [--host 127.0.0.1] [--port 8020] [--api-url URL]

The app reads the API's address from /config.js, which this server writes from
--api-url (by default $CMS_BASE_URL/api/v2/, or http://127.0.0.1:8000/api/v2/).
"""

import argparse
import json
import os
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FRONTEND_DIR = Path(__file__).resolve().parent


class FrontendRequestHandler(SimpleHTTPRequestHandler):
    """A file where one exists; otherwise a page of the app, which index.html renders."""

    def __init__(self, *args, api_url, **kwargs):
        self.api_url = api_url
        super().__init__(*args, directory=str(FRONTEND_DIR), **kwargs)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/config.js":
            self.send_config()
            return
        if not Path(self.translate_path(path)).is_file():
            self.path = "/index.html"
        super().do_GET()

    def send_config(self):
        body = f"export const API_URL = {json.dumps(self.api_url)};\n".encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        # Always the files as they are now: this server is for development and tests.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def main():
    cms_base_url = os.environ.get("CMS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8020)
    parser.add_argument("--api-url", default=f"{cms_base_url}/api/v2/")
    options = parser.parse_args()

    handler = partial(FrontendRequestHandler, api_url=options.api_url)
    with ThreadingHTTPServer((options.host, options.port), handler) as server:
        host, port = server.server_address[:2]
        # The first line names the real port, which --port 0 leaves to the system.
        print(f"Frontend: http://{host}:{port}/ (API {options.api_url})", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
