"""Settings for the test suite: the real settings, with a key and hosts a test needs.

The database is SQLite unless DATABASE_URL names PostgreSQL (``scripts/with_postgres`` starts a
throwaway cluster and sets it).
"""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault(
    "SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-django-checks-0123"
)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("HTTPS", "0")

from config.settings import *  # noqa: F403

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
# Tests of the public pages see each change at once; directory/tests/test_page_cache.py turns
# the page cache on where it is what they test.
DIRECTORY_PAGE_CACHE_SECONDS = 0
