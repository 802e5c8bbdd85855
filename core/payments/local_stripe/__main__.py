"""`python -m core.payments.local_stripe [--port 12111]`: the local Stripe server on 127.0.0.1."""

import argparse
import asyncio
import contextlib
import logging

from aiohttp import web

from .app import build_app


async def serve(port: int) -> None:
    runner = web.AppRunner(build_app(), access_log_format="%r %s")
    await runner.setup()
    # Loopback only: the server takes any sk_ key and remembers card numbers in plain memory.
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    bound = runner.addresses[0][1]
    # One parseable line first: .ci/run starts it on port 0 and reads the address from here.
    print(f"LOCAL_STRIPE_URL=http://127.0.0.1:{bound}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description="A Stripe-compatible server on loopback, state in memory.")
    parser.add_argument("--port", type=int, default=12111, help="port on 127.0.0.1; 0 picks a free one")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a developer stops it
        asyncio.run(serve(args.port))


if __name__ == "__main__":
    main()
