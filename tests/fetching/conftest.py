"""These tests need no database, so they must also run with `-p no:django`.

tests/conftest.py has a session fixture that depends on pytest-django's `django_db_setup`;
this no-op of the same name takes its place for the tests in this directory only.
"""

import pytest


@pytest.fixture(scope="session", autouse=True)
def _close_stray_database_sessions():
    yield
