"""Race tests: calls started at the same instant, each on its own thread and database connection."""

import threading
from collections.abc import Callable


def run_together(calls: list[Callable]) -> list:
    """Run every call at once (a barrier releases them together); their results in the order of `calls`.

    Each thread closes its database connection when done, as a request's thread would. An exception
    raised by a call is raised here, after every thread has finished.
    """
    from django.db import connection

    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as exc:  # reported to the test below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def statuses_together(calls: list[Callable]) -> list[int]:
    """The sorted status codes of HTTP calls run together: `[201, 409, 409]`."""
    return sorted(response.status_code for response in run_together(calls))
