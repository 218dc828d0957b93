"""`make bench`: production settings, with the benchmark's reference endpoints mounted.

bench/run.py sets SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL for it.
"""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
