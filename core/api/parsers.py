"""The JSON parser of every API: DRF's, with JSON nested too deeply for the code behind it refused as a 400."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No API body comes near this; what is deeper would reach recursion limits further on
# (DRF's JSONField re-encodes its value, the renderer and the error handler walk it).
MAX_JSON_DEPTH = 100

TOO_DEEP = f"JSON parse error - nested more than {MAX_JSON_DEPTH} levels deep."


def nested_deeper_than(data, limit: int) -> bool:
    """Whether lists and objects in `data` nest more than `limit` levels (iteratively: no recursion to overflow)."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSONParser; a body nested past MAX_JSON_DEPTH is a ParseError (400) instead of a RecursionError (500).

    The standard library's decoder recurses once per level and raises RecursionError
    somewhere near a thousand, depending on how deep the stack already is.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        if nested_deeper_than(data, MAX_JSON_DEPTH):
            raise ParseError(TOO_DEEP)
        return data
