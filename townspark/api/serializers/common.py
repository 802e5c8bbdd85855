"""Shapes shared across areas: media URLs and the compact user references (author, actor, responder)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.datastructures import MultiValueDict
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import AccountIdField

AVATAR_STORAGE = get_user_model()._meta.get_field("avatar").storage


def media_url(file, request=None) -> str | None:
    """The absolute URL of a stored file (the documented "always return full URLs")."""
    if not file:
        return None
    return absolute_url(file.url, request)


def absolute_url(url: str, request=None) -> str:
    if request is not None:
        return request.build_absolute_uri(url)
    base = getattr(settings, "PUBLIC_BASE_URL", "")
    return f"{base.rstrip('/')}{url}" if base else url


def display_name(user) -> str:
    return user.name or user.username or user.email.split("@")[0]


def is_admin_user(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.role == "admin")


def viewer(context) -> object | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def user_minimal(user, request=None) -> dict:
    """What UserMinimalSerializer renders, without a serializer per row (hot lists)."""
    return {"id": str(user.public_id), "name": display_name(user), "avatar": media_url(user.avatar, request)}


def account_minimal(account, request=None) -> dict:
    """`user_minimal` of an account read as columns (selectors.issue_rows.AccountRow)."""
    return {"id": str(account.public_id), "name": display_name(account), "avatar": _avatar_url(account.avatar, request)}


def _avatar_url(name: str | None, request) -> str | None:
    return absolute_url(AVATAR_STORAGE.url(name), request) if name else None


def user_ref(user) -> dict | None:
    """What UserRefSerializer (allow_null) renders, without a serializer (of a model or an AccountRow)."""
    return None if user is None else {"id": str(user.public_id), "name": display_name(user)}


class UserMinimalSerializer(serializers.Serializer):
    """`{id, name, avatar}` as used for issue authors, actors and assignees."""

    id = AccountIdField()
    name = serializers.SerializerMethodField()
    avatar = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return display_name(user)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_avatar(self, user) -> str | None:
        return media_url(user.avatar, self.context.get("request"))


class UserRefSerializer(serializers.Serializer):
    """`{id, name}` (timeline `updated_by`, official response `responder`)."""

    id = AccountIdField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return display_name(user)


class CommentAuthorSerializer(UserMinimalSerializer):
    is_resolver = serializers.SerializerMethodField()
    is_admin = serializers.SerializerMethodField()

    def get_is_resolver(self, user) -> bool:
        return user.role == "resolver"

    def get_is_admin(self, user) -> bool:
        return user.role == "admin"


ANONYMOUS_AUTHOR = {"id": None, "name": "Anonymous", "avatar": None}


class AnonymousAuthorSerializer(serializers.Serializer):
    """Schema of an author reference, which is anonymous (null id) for anonymous issues."""

    id = AccountIdField(allow_null=True)
    name = serializers.CharField()
    avatar = serializers.URLField(allow_null=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def with_aliases(data, aliases: dict[str, str]):
    """The request data with each alias copied to its documented name when that name is absent (no file copied)."""
    if not hasattr(data, "keys") or not any(alias in data and name not in data for alias, name in aliases.items()):
        return data
    # multipart: a shallow MultiValueDict keeps every part and the files as they are
    mapped = MultiValueDict({key: data.getlist(key) for key in data}) if hasattr(data, "getlist") else dict(data)
    for alias, name in aliases.items():
        if alias in data and name not in data:
            mapped[name] = data[alias]
    return mapped
