"""The test suite: development settings made fast and self-contained."""

from .dev import *  # noqa: F403

# Hashing passwords slowly only slows the tests down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
