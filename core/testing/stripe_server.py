"""The `local_stripe` pytest fixture: a local Stripe server for the session, in-process or at LOCAL_STRIPE_URL."""

import asyncio
import json
import os
import secrets
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from core.payments.local_stripe.events import event_payload, signed_event_headers


def post_signed_event(client, url: str, event: dict, *, secret: str):
    """POST `event` to a webhook URL as Stripe does: the JSON body, signed with the endpoint's secret."""
    payload = event_payload(event)
    signature = signed_event_headers(payload, secret)["Stripe-Signature"]
    return client.post(url, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


class LocalStripe:
    """A running local Stripe server: `.url` for `base_addresses={"api": url}`, plus its test controls."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")

    def _call(self, method: str, path: str, *, api_key: str | None = None, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, data=body, method=method)  # noqa: S310  (our loopback URL)
        if api_key:
            request.add_header("Authorization", f"Bearer {api_key}")
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.loads(response.read())

    def configure(self, settings, product: str, *, webhook_secret: str) -> str:
        """Point `product`'s payments at this server with a secret key of its own (returned).

        A key per test keeps the server's objects and events, which it files by key, the test's alone.
        """
        key = "sk_test_" + secrets.token_hex(12)
        settings.STRIPE = {
            **settings.STRIPE,
            "API_BASE": self.url,
            "SECRET_KEYS": {product: key},
            "WEBHOOK_SECRETS": {product: webhook_secret},
            "TIMEOUT_SECONDS": 5.0,
        }
        return key

    def events(self, type: str | None = None, *, api_key: str | None = None) -> list[dict]:
        """Events recorded for `api_key` (every key's without one), oldest first, optionally of one type."""
        query = "?" + urllib.parse.urlencode({"type": type}) if type else ""
        return self._call("GET", "/_local/events" + query, api_key=api_key)

    def reset(self) -> None:
        """Forget every object, event and idempotency key."""
        self._call("POST", "/_local/reset")

    def set_webhook(self, api_key: str, url: str, secret: str) -> None:
        """Deliver `api_key`'s events from now on to `url`, signed with `secret`."""
        self._call("POST", "/_local/webhook_endpoints", api_key=api_key, data={"url": url, "secret": secret})

    def complete_onboarding(self, account_id: str) -> dict:
        return self._call("POST", f"/_local/accounts/{account_id}/complete_onboarding")

    def pay_out(self, payout_id: str) -> dict:
        """The bank accepted the payout: status paid, and payout.paid."""
        return self._call("POST", f"/_local/payouts/{payout_id}/pay")


class _InProcessServer:
    """The app on a free 127.0.0.1 port, served by an event loop of its own on a daemon thread."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.port: int | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="local-stripe", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.runner = self.loop.run_until_complete(self._start())
        except BaseException as exc:  # reported to the test session, which waits on `ready`
            self.error = exc
            self.ready.set()
            return
        self.ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(self.runner.cleanup())
        self.loop.close()

    async def _start(self):
        from aiohttp import web

        from core.payments.local_stripe.app import build_app

        runner = web.AppRunner(build_app(webhooks={}), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        self.port = runner.addresses[0][1]
        return runner

    def start(self) -> str:
        self.thread.start()
        if not self.ready.wait(timeout=30) or self.error:
            raise RuntimeError(f"the local Stripe server did not start: {self.error!r}")
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def local_stripe() -> Iterator[LocalStripe]:
    """The session's local Stripe server; LOCAL_STRIPE_URL names one already running (CI starts one)."""
    url = os.environ.get("LOCAL_STRIPE_URL")
    if url:
        yield LocalStripe(url)
        return
    server = _InProcessServer()
    try:
        yield LocalStripe(server.start())
    finally:
        server.stop()
