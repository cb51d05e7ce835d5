"""Loaded first by pytest (`-p ipbureau_testing.env` in pyproject.toml). Test-wide set-up. Settings come from the environment like in production; the tests only
supply a throwaway key and a scratch data directory when none is given."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("IPBUREAU_DATA_DIR", tempfile.mkdtemp(prefix="ipbureau-test-"))
# The test server speaks plain HTTP on localhost: no redirect to HTTPS and cookies that a
# browser sends over HTTP. Production keeps the secure defaults (test_deploy checks them).
for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(name, "0")
