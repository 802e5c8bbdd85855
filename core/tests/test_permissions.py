"""Object-level permissions: owner-or-read-only and owner-or-product-admin, in the request's realm."""

from types import SimpleNamespace

import pytest
from rest_framework.test import APIRequestFactory

from core.api.permissions import IsOwnerOrProductAdmin, IsOwnerOrReadOnly, has_role

factory = APIRequestFactory()
pytestmark = pytest.mark.django_db


def request_as(user, method="get", path="/townspark/api/v1/x/"):
    request = getattr(factory, method)(path)
    request.user = user
    return request


def check(permission_class, request, obj):
    permission = permission_class()
    view = SimpleNamespace(owner_field="owner")
    return permission.has_permission(request, view) and permission.has_object_permission(request, view, obj)


def test_owner_or_read_only(make_account):
    owner, other = make_account("townspark"), make_account("townspark")
    obj = SimpleNamespace(owner=owner)
    assert check(IsOwnerOrReadOnly, request_as(other), obj)
    assert not check(IsOwnerOrReadOnly, request_as(other, "patch"), obj)
    assert check(IsOwnerOrReadOnly, request_as(owner, "patch"), obj)


def test_owner_or_product_admin(make_account):
    owner, other = make_account("townspark"), make_account("townspark")
    admin = make_account("townspark", role="admin")
    obj = SimpleNamespace(owner=owner)
    assert check(IsOwnerOrProductAdmin, request_as(owner, "delete"), obj)
    assert check(IsOwnerOrProductAdmin, request_as(admin, "delete"), obj)
    assert not check(IsOwnerOrProductAdmin, request_as(other, "delete"), obj)


def test_admin_of_another_realm_is_not_an_admin_here(make_account):
    foreign_admin = make_account("gatherhub", role="admin")
    obj = SimpleNamespace(owner=make_account("townspark"))
    assert not check(IsOwnerOrProductAdmin, request_as(foreign_admin, "delete"), obj)


def test_has_role_is_realm_scoped(make_account):
    resolver = make_account("townspark", role="resolver")
    permission = has_role("resolver")()
    assert permission.has_permission(request_as(resolver), None)
    assert not permission.has_permission(request_as(resolver, path="/gatherhub/api/v1/x/"), None)
