"""The floor's bare ASGI app: each route runs its endpoint's SQL through psycopg's pool and answers the same JSON.

No Django at request time: the token is checked with PyJWT (the server's SECRET_KEY, HS256, the
realm claim) and its user read with one indexed query, as the stack does. The SQL is hand-written
from the endpoint's own (captured with CaptureQueriesContext): the same tables, joins, filters and
order, selecting only the columns the answer needs. The upvote toggle does the request's row
changes only (the upvote row and the counter); its side effects belong in an after-commit task.
"""

import asyncio
import os
import re
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

import jwt
import orjson
from psycopg_pool import AsyncConnectionPool

from bench.floor import PREFIX

TOWNSPARK = "/townspark/api/v1"
GATHERHUB = "/gatherhub/api/v1"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # REST_FRAMEWORK["DATETIME_FORMAT"], in UTC (TIME_ZONE)
MEDIA_URL = "/media/"
FEED_PAGE_SIZE = 10
FEED_COUNT_SECONDS = 10  # the feed's cached COUNT (page_count_cache_seconds): kept in process here
ANONYMOUS_AUTHOR = {"id": None, "name": "Anonymous", "avatar": None}
ISSUE_ID = re.compile(r"^TS-\d{1,18}$")


class HttpError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


class Request:
    """What a handler needs of the ASGI scope: path (without the prefix), query, host, bearer token."""

    def __init__(self, scope: dict):
        self.method = scope["method"]
        self.path = scope["path"][len(PREFIX) :]
        self.query = dict(parse_qsl(scope.get("query_string", b"").decode()))
        headers = dict(scope.get("headers") or ())
        self.host = headers.get(b"host", b"127.0.0.1").decode()
        authorization = headers.get(b"authorization", b"").decode()
        self.token = authorization[7:] if authorization.startswith("Bearer ") else None


# --- Shared pieces --------------------------------------------------------------------------------------------


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime(DATETIME_FORMAT) if value else None


def media_url(name: str | None, host: str) -> str | None:
    return f"http://{host}{MEDIA_URL}{name}" if name else None


def display_name(name: str, username: str, email: str) -> str:
    return name or username or email.split("@")[0]


def envelope(data, message: str = "Operation successful") -> dict:
    """TownSpark's success envelope."""
    return {"success": True, "message": message, "data": data, "meta": {"timestamp": iso(datetime.now(UTC))}}


def token_claims(request: Request, realm: str) -> dict:
    """The access token's claims, checked as the stack does: signature, expiry, type and realm."""
    if request.token is None:
        raise HttpError(401, "Authentication credentials were not provided.")
    try:
        key = os.environ.get("JWT_SIGNING_KEY") or os.environ["SECRET_KEY"]  # SIMPLE_JWT["SIGNING_KEY"]
        claims = jwt.decode(request.token, key, algorithms=["HS256"])
    except jwt.PyJWTError:
        raise HttpError(401, "Token is invalid.") from None
    if claims.get("token_type") != "access" or claims.get("realm") != realm:
        raise HttpError(401, "Token is invalid for this service.")
    return claims


async def townspark_viewer(connection, request: Request) -> tuple[int, str] | None:
    """(id, role) of the token's active, not suspended TownSpark account; None without a token."""
    if request.token is None:
        return None
    claims = token_claims(request, "townspark")
    row = await (
        await connection.execute(
            """SELECT u.id, u.role, u.is_active, p.status FROM core_user u
               LEFT JOIN townspark_profile p ON u.id = p.user_id
               WHERE u.realm = 'townspark' AND u.uuid = %s""",
            (claims.get("user_id"),),
        )
    ).fetchone()
    if row is None or not row[2]:
        raise HttpError(401, "User not found or inactive.")
    if row[3] not in (None, "active"):
        raise HttpError(403, f"Your account has been {row[3]}.")
    return row[0], row[1]


def issue_id(raw: str) -> str:
    value = raw.strip().upper()
    if not ISSUE_ID.match(value):
        raise HttpError(404, "No issue with this id.")
    return value


# --- TownSpark: the feed's page -----------------------------------------------------------------------------

_feed_count: list = [0, 0.0]  # count, monotonic time it was read


async def _issue_count(connection) -> int:
    if time.monotonic() - _feed_count[1] > FEED_COUNT_SECONDS:
        (count,) = await (await connection.execute("SELECT COUNT(*) FROM townspark_issue")).fetchone()
        _feed_count[:] = [count, time.monotonic()]
    return _feed_count[0]


def _flags(viewer_id: int | None) -> tuple[str, tuple]:
    if viewer_id is None:
        return "false, false", ()
    return (
        "EXISTS(SELECT 1 FROM townspark_upvote v WHERE v.issue_id = i.id AND v.user_id = %s), "
        "EXISTS(SELECT 1 FROM townspark_bookmark b WHERE b.issue_id = i.id AND b.user_id = %s)",
        (viewer_id, viewer_id),
    )


def _author(row, viewer, host: str, start: int) -> dict:
    """The compact author; an anonymous issue hides it from all but admins and its reporter."""
    reporter_id, is_anonymous, uuid, name, username, email, avatar = row[start : start + 7]
    if is_anonymous and not (viewer is not None and (viewer[1] == "admin" or viewer[0] == reporter_id)):
        return dict(ANONYMOUS_AUTHOR)
    return {"id": str(uuid), "name": display_name(name, username, email), "avatar": media_url(avatar, host)}


def _compact(row, images: list[str], viewer, host: str) -> dict:
    (issue, title, description, category, status, urgency, address, area) = row[:8]
    upvotes, comments, created_at, is_upvoted, is_bookmarked = row[8:13]
    created = iso(created_at)
    return {
        "id": issue,
        "title": title,
        "description": description,
        "category": category,
        "status": status,
        "urgency": urgency,
        "location": ", ".join(part for part in (address, area) if part),
        "images": images,
        "author": _author(row, viewer, host, 13),
        "upvotes": upvotes,
        "uplifts": upvotes,
        "comments": comments,
        "is_upvoted": is_upvoted,
        "is_bookmarked": is_bookmarked,
        "created_at": created,
        "upvotes_count": upvotes,
        "has_upvoted": is_upvoted,
        "createdAt": created,
    }


ISSUE_COLUMNS = """i.id, i.title, i.description, i.category_id, i.status, i.urgency, i.address, i.area,
    i.upvote_count, i.comment_count, i.created_at, {flags},
    i.reporter_id, i.is_anonymous, u.uuid, u.name, u.username, u.email, u.avatar"""


def _page_link(request: Request, page: int | None) -> str | None:
    if page is None:
        return None
    query = {key: value for key, value in request.query.items() if key != "page"}
    if page > 1:
        query["page"] = str(page)
    text = "&".join(f"{key}={value}" for key, value in query.items())
    return f"http://{request.host}{request.path}" + (f"?{text}" if text else "")


async def feed(pool: AsyncConnectionPool, request: Request) -> dict:
    """GET issues/: the newest issues, page by page (keys first, then their rows), with their before-images."""
    try:
        page = int(request.query.get("page", "1"))
    except ValueError:
        raise HttpError(404, "Invalid page.") from None
    async with pool.connection() as connection:
        viewer = await townspark_viewer(connection, request)
        count = await _issue_count(connection)
        pages = max(1, -(-count // FEED_PAGE_SIZE))
        if page < 1 or page > pages:
            raise HttpError(404, "Invalid page.")
        flags, params = _flags(viewer[0] if viewer else None)
        rows = await (
            await connection.execute(
                f"SELECT {ISSUE_COLUMNS.format(flags=flags)} FROM townspark_issue i "  # noqa: S608 - constant text
                "JOIN core_user u ON i.reporter_id = u.id "
                "WHERE i.number IN (SELECT number FROM townspark_issue ORDER BY created_at DESC, number DESC "
                "LIMIT %s OFFSET %s) ORDER BY i.created_at DESC, i.number DESC",
                (*params, FEED_PAGE_SIZE, (page - 1) * FEED_PAGE_SIZE),
            )
        ).fetchall()
        images: dict[str, list[str]] = {row[0]: [] for row in rows}
        for issue, name in await (
            await connection.execute(
                "SELECT issue_id, image FROM townspark_issueimage WHERE NOT is_after_image AND issue_id = ANY(%s) "
                "ORDER BY position, id",
                ([row[0] for row in rows],),
            )
        ).fetchall():
            images[issue].append(media_url(name, request.host))
    return envelope(
        {
            "results": [_compact(row, images[row[0]], viewer, request.host) for row in rows],
            "count": count,
            "next": _page_link(request, page + 1 if page < pages else None),
            "previous": _page_link(request, page - 1 if page > 1 else None),
            "page": page,
            "page_size": FEED_PAGE_SIZE,
            "total_pages": pages,
        }
    )


# --- TownSpark: an issue --------------------------------------------------------------------------------------


def _user_ref(uuid, name, username, email) -> dict | None:
    return None if uuid is None else {"id": str(uuid), "name": display_name(name, username, email)}


async def issue_detail(pool: AsyncConnectionPool, request: Request, raw_id: str) -> dict:
    """GET issues/{id}/: the issue with reporter, resolver, department; its images, timeline, official response."""
    pk = issue_id(raw_id)
    async with pool.connection() as connection:
        viewer = await townspark_viewer(connection, request)
        flags, params = _flags(viewer[0] if viewer else None)
        row = await (
            await connection.execute(
                f"SELECT {ISSUE_COLUMNS.format(flags=flags)}, "  # noqa: S608 - constant text
                "i.latitude, i.longitude, i.share_count, i.updated_at, i.resolved_at, "
                "r.uuid, r.name, r.username, r.email, r.avatar, d.id, d.name "
                "FROM townspark_issue i JOIN core_user u ON i.reporter_id = u.id "
                "LEFT JOIN core_user r ON i.assigned_resolver_id = r.id "
                "LEFT JOIN townspark_department d ON i.department_id = d.id WHERE i.id = %s",
                (*params, pk),
            )
        ).fetchone()
        if row is None:
            raise HttpError(404, "No issue with this id.")
        images = await (
            await connection.execute(
                "SELECT id, image, thumbnail, is_after_image FROM townspark_issueimage WHERE issue_id = %s "
                "ORDER BY position, id",
                (pk,),
            )
        ).fetchall()
        timeline = await (
            await connection.execute(
                "SELECT t.status, t.created_at, t.note, u.uuid, u.name, u.username, u.email "
                "FROM townspark_issuetimeline t LEFT JOIN core_user u ON t.updated_by_id = u.id "
                "WHERE t.issue_id = %s ORDER BY t.created_at, t.id",
                (pk,),
            )
        ).fetchall()
        response = await (
            await connection.execute(
                "SELECT d.name, o.message, o.updated_at, u.uuid, u.name, u.username, u.email "
                "FROM townspark_officialresponse o LEFT JOIN townspark_department d ON o.department_id = d.id "
                "LEFT JOIN core_user u ON o.responder_id = u.id WHERE o.issue_id = %s",
                (pk,),
            )
        ).fetchone()
    host = request.host
    before = [image for image in images if not image[3]]
    body = _compact(row, [media_url(image[1], host) for image in before], viewer, host)
    latitude, longitude, shares, updated_at, resolved_at = row[20:25]
    resolver, department = row[25:30], row[30:32]
    coordinates = None if latitude is None or longitude is None else {"lat": float(latitude), "lng": float(longitude)}
    body["location"] = {"address": row[6], "area": row[7], "coordinates": coordinates}
    body["reporter"] = body["author"]
    body["assigned_resolver"] = (
        None
        if resolver[0] is None
        else {"id": str(resolver[0]), "name": display_name(*resolver[1:4]), "avatar": media_url(resolver[4], host)}
    )
    body["department"] = None if department[0] is None else {"id": department[0], "name": department[1]}
    body.update(shares=shares, is_anonymous=row[14], updated_at=iso(updated_at), resolved_at=iso(resolved_at))
    body["timeline"] = [
        {"status": entry[0], "date": iso(entry[1]), "note": entry[2], "updated_by": _user_ref(*entry[3:7])}
        for entry in timeline
    ]
    body["official_response"] = (
        None
        if response is None
        else {
            "department": response[0],
            "message": response[1],
            "date": iso(response[2]),
            "responder": _user_ref(*response[3:7]),
        }
    )
    body["after_images"] = [media_url(image[1], host) for image in images if image[3]]
    body["image_details"] = [
        {"id": image[0], "url": media_url(image[1], host), "thumbnail": media_url(image[2], host)} for image in before
    ]
    return envelope(body)


async def upvote_toggle(pool: AsyncConnectionPool, request: Request, raw_id: str) -> dict:
    """POST issues/{id}/upvote/: remove the viewer's upvote or add it, and move the counter, in one transaction."""
    pk = issue_id(raw_id)
    async with pool.connection() as connection:
        viewer = await townspark_viewer(connection, request)
        if viewer is None:
            raise HttpError(401, "Authentication credentials were not provided.")
        async with connection.transaction():
            # The endpoint's statements in the endpoint's order (counter before upvote row on adding):
            # the floor and the stack's requests still in flight may toggle the same rows at once.
            removed = await (
                await connection.execute(
                    "DELETE FROM townspark_upvote WHERE issue_id = %s AND user_id = %s RETURNING id", (pk, viewer[0])
                )
            ).fetchone()
            count = await _upvote_count_add(connection, pk, -1 if removed is not None else +1)
            if count is None:
                raise HttpError(404, "No issue with this id.")
            if removed is None:
                added = await (
                    await connection.execute(
                        "INSERT INTO townspark_upvote (issue_id, user_id, created_at) VALUES (%s, %s, now()) "
                        "ON CONFLICT DO NOTHING RETURNING id",
                        (pk, viewer[0]),
                    )
                ).fetchone()
                if added is None:  # a concurrent toggle of the same viewer added it first: take the +1 back
                    count = await _upvote_count_add(connection, pk, -1)
    upvoted = removed is None
    return envelope({"upvoted": upvoted, "upvotes": count}, "Upvote added" if upvoted else "Upvote removed")


async def _upvote_count_add(connection, pk: str, delta: int) -> int | None:
    row = await (
        await connection.execute(
            "UPDATE townspark_issue SET upvote_count = upvote_count + %s WHERE id = %s RETURNING upvote_count",
            (delta, pk),
        )
    ).fetchone()
    return None if row is None else row[0]


# --- GatherHub: an event ------------------------------------------------------------------------------------


def _summary(user_id, username, name, first_name, last_name) -> dict:
    """`{id, username, first_name, last_name}`: the profile's names, else the platform name split once."""
    if first_name is None:
        first_name, _, last_name = (name or "").partition(" ")
    return {"id": user_id, "username": username, "first_name": first_name, "last_name": last_name}


def _event_status(date: datetime, now: datetime) -> str:
    if now < date:
        return "upcoming"
    hours = float(os.environ.get("GATHERHUB_EVENT_ONGOING_HOURS", "3"))
    return "ongoing" if now < date + timedelta(hours=hours) else "completed"


async def event_detail(pool: AsyncConnectionPool, request: Request, raw_id: str) -> dict:
    """GET events/{id}/: the event, its creator, its participants, its tasks (participants only) and its votes."""
    if not raw_id.isdigit():
        raise HttpError(404, "Not found.")
    claims = token_claims(request, "gatherhub")
    async with pool.connection() as connection:
        user = await (
            await connection.execute(
                "SELECT id, is_active FROM core_user WHERE id = %s AND realm = 'gatherhub'",
                (int(claims.get("user_id", 0)),),
            )
        ).fetchone()
        if user is None or not user[1]:
            raise HttpError(401, "User not found or inactive.")
        event = await (
            await connection.execute(
                "SELECT e.id, e.title, e.description, e.date, e.location, e.max_participants, e.current_participants, "
                "e.created_at, e.updated_at, e.creator_id, u.username, u.name, p.first_name, p.last_name, "
                "EXISTS(SELECT 1 FROM gatherhub_participation x WHERE x.event_id = e.id AND x.user_id = %s) "
                "FROM gatherhub_event e JOIN core_user u ON e.creator_id = u.id "
                "LEFT JOIN gatherhub_profile p ON u.id = p.user_id WHERE e.id = %s",
                (user[0], int(raw_id)),
            )
        ).fetchone()
        if event is None:
            raise HttpError(404, "Not found.")
        participants = await (
            await connection.execute(
                "SELECT x.user_id, u.username, u.name, p.first_name, p.last_name FROM gatherhub_participation x "
                "JOIN core_user u ON x.user_id = u.id LEFT JOIN gatherhub_profile p ON u.id = p.user_id "
                "WHERE x.event_id = %s ORDER BY x.joined_at, x.id",
                (event[0],),
            )
        ).fetchall()
        tasks = []
        if event[14]:
            tasks = await (
                await connection.execute(
                    "SELECT id, title, status FROM gatherhub_task WHERE event_id = %s ORDER BY created_at, id",
                    (event[0],),
                )
            ).fetchall()
        votes = await (
            await connection.execute(
                "SELECT id, title, ends_at FROM gatherhub_vote WHERE event_id = %s ORDER BY created_at, id",
                (event[0],),
            )
        ).fetchall()
    now = datetime.now(UTC)
    return {
        "id": event[0],
        "title": event[1],
        "description": event[2],
        "date": iso(event[3]),
        "location": event[4],
        "max_participants": event[5],
        "current_participants": event[6],
        "status": _event_status(event[3], now),
        "creator": _summary(*event[9:14]),
        "participants": [_summary(*row) for row in participants],
        "tasks": [{"id": task[0], "title": task[1], "status": task[2]} for task in tasks],
        "votes": [
            {"id": vote[0], "title": vote[1], "status": "active" if vote[2] is None or now < vote[2] else "ended"}
            for vote in votes
        ],
        "created_at": iso(event[7]),
        "updated_at": iso(event[8]),
    }


# --- Routing and the ASGI callable --------------------------------------------------------------------------

ROUTES = [
    ("GET", re.compile(rf"^{TOWNSPARK}/issues/$"), feed),
    ("POST", re.compile(rf"^{TOWNSPARK}/issues/([^/]+)/upvote/$"), upvote_toggle),
    ("GET", re.compile(rf"^{TOWNSPARK}/issues/([^/]+)/$"), issue_detail),
    ("GET", re.compile(rf"^{GATHERHUB}/events/([^/]+)/$"), event_detail),
]


def make_pool(database_url: str | None = None) -> AsyncConnectionPool:
    """Sized like production's (DB_POOL_MIN_SIZE, DB_POOL_MAX_SIZE), one per worker process."""
    return AsyncConnectionPool(
        database_url or os.environ["DATABASE_URL"],
        min_size=int(os.environ.get("DB_POOL_MIN_SIZE", "2")),
        max_size=int(os.environ.get("DB_POOL_MAX_SIZE", "10")),
        timeout=int(os.environ.get("DB_POOL_TIMEOUT", "10")),
        kwargs={"autocommit": True},
        open=False,
    )


async def handle(pool: AsyncConnectionPool, request: Request) -> tuple[int, bytes]:
    """Status and JSON body of one request."""
    for method, pattern, handler in ROUTES:
        match = pattern.match(request.path)
        if match is None:
            continue
        if request.method != method:
            return 405, orjson.dumps({"detail": f'Method "{request.method}" not allowed.'})
        try:
            return 200, orjson.dumps(await handler(pool, request, *match.groups()))
        except HttpError as error:
            return error.status, orjson.dumps({"success": False, "message": error.detail})
    return 404, orjson.dumps({"detail": "No floor route for this path."})


class FloorApp:
    """The ASGI callable; the pool opens at lifespan startup (or on the first request) and closes at shutdown."""

    def __init__(self, database_url: str | None = None):
        self.database_url = database_url
        self.pool: AsyncConnectionPool | None = None
        self._opening: asyncio.Lock | None = None

    async def open(self) -> AsyncConnectionPool:
        if self.pool is None:
            self._opening = self._opening or asyncio.Lock()
            async with self._opening:  # the first requests arrive together: one pool per worker
                if self.pool is None:
                    pool = make_pool(self.database_url)
                    await pool.open()
                    self.pool = pool
        return self.pool

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()
            self.pool, self._opening = None, None

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await self.open()
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await self.close()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        pool = await self.open()
        status, body = await handle(pool, Request(scope))
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


application = FloorApp()
