"""Shared by the admin tests: the five roles as a table, and a recorder standing in for the audit trail."""

import pytest

# Each role's fixture and whether the admin tag/resource endpoints let it in (the document: IsAdmin).
ROLE_TABLE = [
    pytest.param("reader", False, id="USER"),
    pytest.param("contributor", False, id="CONTRIBUTOR"),
    pytest.param("moderator", False, id="MODERATOR"),
    pytest.param("admin", True, id="ADMIN"),
    pytest.param("superadmin", True, id="SUPERADMIN"),
]


@pytest.fixture
def audit_calls(monkeypatch):
    """The calls made to `audit_action` (the real trail lands with the users area); each a dict of its arguments."""
    calls = []
    monkeypatch.setattr("ressourcefy.services.audit.audit_action", lambda **kwargs: calls.append(kwargs))
    return calls
