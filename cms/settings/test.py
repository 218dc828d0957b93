"""The test suite: development settings made fast and self-contained."""

from .dev import *  # noqa: F403

# Hashing passwords slowly only slows the tests down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The suite, schemathesis above all, sends requests faster than any reader; the rate
# limits have tests of their own.
API_THROTTLE_RATE = None
REPLIES_POST_RATE = None
