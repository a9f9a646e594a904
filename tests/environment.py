"""A pytest plugin loaded before the Django settings (``-p tests.environment`` in pyproject):
the environment every test runs in, also the ``koers`` commands the tests start.

The suite runs with ``KOERS_DEBUG`` off, as production does, and Koers refuses to start then
with the public default secret key (issue 18, hole 10): the tests get a key of their own."""

import os

os.environ.setdefault("KOERS_SECRET_KEY", "tests-" + "k0ers-geheim-voor-de-testsuite-" * 3)
