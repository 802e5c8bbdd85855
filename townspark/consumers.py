"""The notifications websocket: each account hears its notifications and the issue events meant for it."""

from channels.db import database_sync_to_async

from core.realtime.consumers import CLOSE_FORBIDDEN, RealmJsonConsumer
from townspark.models import Profile


@database_sync_to_async
def _is_suspended(user) -> bool:
    profile = Profile.objects.filter(user=user).only("status").first()
    return profile is not None and profile.is_suspended


class NotificationConsumer(RealmJsonConsumer):
    """`/townspark/ws/notifications/?token=`: pushes `notification`, `issue_update` and `new_comment` frames.

    Clients may send `{"type": "ping"}` and get `{"type": "pong"}` back; other frames are ignored.
    """

    async def connect(self) -> None:
        if await _is_suspended(self.user):
            await self.reject(CLOSE_FORBIDDEN, "Your account has been suspended.")
            return
        await super().connect()

    async def receive_json(self, content, **kwargs) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
