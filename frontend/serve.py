"""Serves the reference frontend: its files as they are, and index.html for any page path.

    python frontend/serve.py [--host 127.0.0.1] [--port 8020] [--api-url URL]

The app reads the API's address from /config.js, which this server writes from
--api-url (by default $CMS_BASE_URL/api/v2/, or http://127.0.0.1:8000/api/v2/).

POST /webhooks/liner-notes receives the CMS's webhooks: with the endpoint's secret in
$LINER_NOTES_WEBHOOK_SECRET, it verifies each delivery's signature and prints the routes
it would revalidate, as a frontend that builds pages would rebuild them.
"""

import argparse
import hashlib
import hmac
import json
import os
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

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

    def do_POST(self):
        if self.path.split("?", 1)[0] != "/webhooks/liner-notes":
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        secret = os.environ.get("LINER_NOTES_WEBHOOK_SECRET")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not secret:
            self.send_error(HTTPStatus.NOT_FOUND, "No webhook secret is set")
        elif not verify(secret, body, self.headers.get("X-Liner-Notes-Signature", "")):
            self.send_error(HTTPStatus.UNAUTHORIZED, "Bad or old signature")
        else:
            try:
                event = json.loads(body)
                routes = routes_to_revalidate(event["event"], event["data"])
            except (ValueError, KeyError, TypeError, AttributeError):
                self.send_error(HTTPStatus.BAD_REQUEST, "Not an event this receiver knows")
                return
            # A delivery sent again (a retry after a timeout, a replay) is done once.
            if event["id"] not in self.server.events_seen:
                self.server.events_seen.add(event["id"])
                print(f"{event['event']} {event['id']}: revalidate {' '.join(routes)}", flush=True)
            self.send_response(HTTPStatus.NO_CONTENT)
            self.end_headers()

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


def verify(secret, body, header, tolerance=300):
    """body: the request's raw bytes; header: its X-Liner-Notes-Signature (README)."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    if not parts.get("t", "").isdigit() or abs(time.time() - int(parts["t"])) > tolerance:
        return False
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest().encode(), parts.get("v1", "").encode())


def routes_to_revalidate(event, data):
    """The app's routes an event changes: a review's page (where it is and was), the
    lists it shows in (all, by its film, by each tag), or a film's reviews."""
    if event.startswith("review."):
        routes = [
            data["path"],
            data["old_path"],
            "/",
            path_of((data["index"] or {}).get("html_url")),
        ]
        if data["film"]:
            routes.append(f"/?film={data['film']['id']}")
        routes += [f"/?tag={tag}" for tag in data["tags"]]
    elif event == "reply.approved":
        routes = [path_of(data["review"]["html_url"])]
    elif event == "film.changed":
        routes = [path_of(review["html_url"]) for review in data["reviews"]]
        routes.append(f"/?film={data['id']}")
    else:
        routes = []
    return list(dict.fromkeys(route for route in routes if route))


def path_of(url):
    return urlsplit(url).path if url else None


def main():
    cms_base_url = os.environ.get("CMS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8020)
    parser.add_argument("--api-url", default=f"{cms_base_url}/api/v2/")
    options = parser.parse_args()

    handler = partial(FrontendRequestHandler, api_url=options.api_url)
    with ThreadingHTTPServer((options.host, options.port), handler) as server:
        server.events_seen = set()
        host, port = server.server_address[:2]
        # The first line names the real port, which --port 0 leaves to the system.
        print(f"Frontend: http://{host}:{port}/ (API {options.api_url})", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
