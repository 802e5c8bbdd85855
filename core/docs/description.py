"""The introduction of each product's API docs: what it is, base path, authentication, errors and pagination."""

from datetime import timedelta

from core.api.envelopes import style_for

LOGIN_IDS = {"email": "e-mail address", "username": "username"}


def duration(value: timedelta) -> str:
    """`timedelta(minutes=30)` -> `30 minutes`: the largest unit that divides it."""
    seconds = int(value.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} seconds"


def _fields(schema: dict) -> str:
    """`a`, `b` (`c`, `d`): the properties of an object schema, nested objects' own in brackets."""
    names = []
    for name, prop in schema.get("properties", {}).items():
        inner = _fields(prop) if prop.get("properties") and name != "data" else ""
        names.append(f"`{name}` ({inner})" if inner else f"`{name}`")
    return ", ".join(names)


def product_description(product, *, on_own_host: bool = False) -> str:
    """Markdown for the schema's `info.description`, written from the product's declaration and envelope style."""
    style = style_for(product)
    base = f"/{product.api_base}" if on_own_host else product.api_root
    payload = {"type": "object", "properties": {"...": {}}}
    success = style.success_schema(payload)
    page = style.paginated_schema(style.page_schema(payload))
    cookies = (
        " The tokens also travel in HttpOnly cookies, for browsers." if product.cookie_transport is not None else ""
    )
    login_id = LOGIN_IDS.get(product.login_field, product.login_field)
    nested_page = page.get("properties", {}).get("data")
    sections = [
        product.description,
        f"**Base path:** `{base}`; every path below includes it.",
        (
            f"**Authentication:** log in with {login_id} and password, then send "
            f"`Authorization: Bearer <access token>`. Access tokens last {duration(product.access_lifetime)}, "
            f"refresh tokens {duration(product.refresh_lifetime)}; tokens of other products are refused with 401."
            f"{cookies}"
        ),
        "**Responses:** "
        + (f"a JSON object with {_fields(success)}." if success is not payload else "the resource itself, as JSON."),
        (
            "**Errors:** every error (4xx and 5xx, malformed JSON included) is a JSON object with "
            f"{_fields(style.error_schema())}, never an HTML page."
        ),
        (
            f"**Pagination:** lists take `page` (from 1) and `page_size` (default {style.default_page_size}, "
            f"at most {style.max_page_size}) and answer {_fields(page)}"
            + (f", with the page under `data` as {_fields(nested_page)}." if nested_page else ".")
        ),
    ]
    return "\n\n".join(section for section in sections if section)
