"""`make bench`: production settings, with the benchmark's reference endpoints mounted.

bench/run.py sets SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL for it.
"""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# wrk is one client sending thousands of requests a second: no rate limit.
API_THROTTLE_RATE = None
# wrk speaks plain HTTP to gunicorn, as a TLS-ending proxy would.
SECURE_SSL_REDIRECT = False
