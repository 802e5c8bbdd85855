"""The count cache's paginator with a list it only counts (CountedList), and the one count cache per process."""

import threading

from django.test import override_settings

from core.api.pagination import CountCachingPaginator, CountedList, count_cache


def _counted(total: int, calls: list) -> CountedList:
    def count():
        calls.append(1)
        return total

    return CountedList(count)


def test_a_counted_list_is_counted_once_while_its_count_is_cached():
    count_cache().clear()
    calls = []
    for _ in range(3):
        paginator = CountCachingPaginator(_counted(41, calls), 10, count_ttl=10, count_key="test:counted")
        assert (paginator.count, paginator.num_pages) == (41, 5)
    assert len(calls) == 1
    count_cache().clear()
    assert CountCachingPaginator(_counted(42, calls), 10, count_ttl=10, count_key="test:counted").count == 42
    assert len(calls) == 2


def test_a_counted_list_without_a_cache_key_is_counted_each_time():
    calls = []
    for _ in range(2):
        assert CountCachingPaginator(_counted(7, calls), 10, count_ttl=10).count == 7
    assert len(calls) == 2


def test_every_thread_shares_one_count_cache():
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(count_cache())) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(cache) for cache in seen + [count_cache()]}) == 1


def test_changing_caches_in_settings_gives_a_new_count_cache():
    before = count_cache()
    local = {"BACKEND": "core.local_cache.ProcessLocalCache", "LOCATION": "test-other"}
    with override_settings(CACHES={"default": local, "local": local}):
        assert count_cache() is not before
    assert count_cache() is not before  # and again when the override ends
