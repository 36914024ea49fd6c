"""Settings for the benchmarks: the production settings, on a benchmark database.

``bench.common.setup`` points ``VAR_DIR`` at ``var/bench-<size>/`` before Django starts, so the
SQLite database and the collected static files of each generated directory live apart from the
hub's own ``var/hub.sqlite3``. DEBUG is off (as in production: no query log, manifest static
files), and the URLconf adds one bench-only page to the product's (``bench.urls_bench``).
"""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-in-production-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_bench"

# Hashed names as in production, without compressing every file: the page-weight benchmark
# compresses what a phone downloads itself. One collection serves every benchmark database.
STATIC_ROOT = BASE_DIR / "var" / "bench-static"  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
}
