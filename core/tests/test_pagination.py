"""The count cache's paginator over PagedRows (pages and count read on demand), and the one count cache per process."""

import threading

from django.test import override_settings

from core.api.pagination import CountCachingPaginator, PagedRows, count_cache


def _counted(total: int, calls: list) -> PagedRows:
    def count():
        calls.append(1)
        return total

    return PagedRows(rows=lambda bottom, top: list(range(bottom, min(top, total))), count=count)


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


def test_a_page_is_read_by_its_bounds_and_not_cut_at_a_cached_count():
    count_cache().clear()
    calls = []
    assert CountCachingPaginator(_counted(25, calls), 10, count_ttl=10, count_key="test:paged").count == 25
    grown = CountCachingPaginator(_counted(27, calls), 10, count_ttl=10, count_key="test:paged")
    assert list(grown.page(2)) == list(range(10, 20))
    assert list(grown.page(3)) == [20, 21, 22, 23, 24, 25, 26]  # the cached count says 25: the rows are live
    assert len(calls) == 1


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
