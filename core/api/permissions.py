"""Reusable role and ownership permissions, combinable with `&`, `|` and `~`."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.products.registry import request_product


def _is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def has_role(*roles: str) -> type[BasePermission]:
    """A permission class: the user holds one of `roles` in the realm of this request's product."""

    class HasRole(BasePermission):
        message = "You do not have the role required for this action."

        def has_permission(self, request, view):
            product = request_product(request)
            return (
                _is_authenticated(request)
                and product is not None
                and request.user.realm == product.key
                and request.user.role in roles
            )

    HasRole.__name__ = HasRole.__qualname__ = "HasRole_" + "_".join(roles)
    return HasRole


class IsProductAdmin(BasePermission):
    """The user holds one of the product's admin roles (`Product.admin_roles`)."""

    message = "Only administrators can perform this action."

    def has_permission(self, request, view):
        product = request_product(request)
        return (
            _is_authenticated(request)
            and product is not None
            and request.user.realm == product.key
            and request.user.role in product.admin_roles
        )


def owner_of(obj, view):
    """The owning user of `obj`: `view.get_owner(obj)` if defined, else `obj.<view.owner_field>` (default `owner`)."""
    if hasattr(view, "get_owner"):
        return view.get_owner(obj)
    return getattr(obj, getattr(view, "owner_field", "owner"), None)


def _owner_id(obj, view):
    owner = owner_of(obj, view)
    return getattr(owner, "pk", owner)


class IsOwner(BasePermission):
    message = "You can only change your own resources."

    def has_object_permission(self, request, view, obj):
        return _is_authenticated(request) and _owner_id(obj, view) == request.user.pk


class IsOwnerOrReadOnly(BasePermission):
    message = "You can only change your own resources."

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return _is_authenticated(request) and _owner_id(obj, view) == request.user.pk


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS


IsOwnerOrProductAdmin = IsOwner | IsProductAdmin
