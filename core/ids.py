"""How a product writes ids on the wire: integers or UUID strings, declared once in its `product.py`.

Every account has both an integer primary key and a unique random UUID. The
integer is the key because three of the five documents write integer ids
(`"id": 1`, `creator (integer)`, Django's default user), and an 8-byte key keeps
the largest tables (upvotes, ballots, participations) and their indexes compact.
The UUID is the public id of the products whose documents write UUID strings
(TownSpark, Ressourcefy): it never reveals how many accounts exist or lets a
client walk them by counting. A product's own objects follow the same style in
their own models (TownSpark comments are UUIDs, GatherHub events integers).
"""

import uuid
from enum import StrEnum

# Database integers are signed 64-bit: larger numbers must be refused before they reach the driver.
MAX_INTEGER_ID = 2**63 - 1


class IdStyle(StrEnum):
    INTEGER = "integer"
    UUID = "uuid"

    @property
    def user_field(self) -> str:
        """The account field that holds the public id in this style."""
        return "uuid" if self is IdStyle.UUID else "pk"

    def parse(self, value) -> int | uuid.UUID:
        """A public id from a request (JSON value or URL segment); ValueError when it is not one."""
        if self is IdStyle.UUID:
            if not isinstance(value, str | uuid.UUID):
                raise ValueError("not a UUID string")
            return value if isinstance(value, uuid.UUID) else uuid.UUID(value)
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError("not an integer")
        if isinstance(value, str) and not (value.strip().isascii() and value.strip().isdigit()):
            raise ValueError("not an integer")
        number = int(value)
        if not 1 <= number <= MAX_INTEGER_ID:
            raise ValueError("out of range")
        return number

    def schema(self) -> dict:
        """The OpenAPI type of an id in this style."""
        if self is IdStyle.UUID:
            return {"type": "string", "format": "uuid"}
        return {"type": "integer", "minimum": 1}
