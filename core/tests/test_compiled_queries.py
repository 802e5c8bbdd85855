"""Compiled queries answer exactly what their querysets answer, in one query, and refuse what they cannot compile."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.query import ModelIterable
from django.test.utils import CaptureQueriesContext
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from core.accounts.tokens import token_pair_for_user
from core.compiled_queries import CompiledListQuery, CompiledQuery

pytestmark = pytest.mark.django_db
User = get_user_model()

FIELDS = ("pk", "uuid", "realm", "email", "name", "is_active", "date_joined")


def tokens_with_flag(user_uuid, jti):
    """A join (select_related), a filter on a UUID and an annotation that takes a value of its own."""
    marked = OutstandingToken.objects.filter(pk=OuterRef("pk"), jti=jti)
    return (
        OutstandingToken.objects.select_related("user")
        .filter(user__uuid=user_uuid)
        .annotate(is_marked=Exists(marked))
        .order_by("id")
    )


@pytest.fixture
def two_accounts(make_account):
    accounts = [make_account("townspark", email=f"ada{n}@example.com") for n in range(2)]
    for account in accounts:
        token_pair_for_user(account)
        token_pair_for_user(account)
    return accounts


def described(tokens) -> list:
    return [
        (token.pk, token.jti, token.is_marked, tuple(getattr(token.user, name) for name in FIELDS)) for token in tokens
    ]


class TestSameResults:
    def test_models_with_joins_and_annotations_for_each_set_of_values(self, two_accounts, django_assert_num_queries):
        compiled = CompiledQuery(tokens_with_flag)
        for account in two_accounts:  # the second set of values runs the SQL compiled for the first
            jti = OutstandingToken.objects.filter(user=account).order_by("-id").values_list("jti", flat=True)[0]
            expected = described(tokens_with_flag(account.uuid, jti))
            with django_assert_num_queries(1):
                tokens = compiled.fetch(user_uuid=account.uuid, jti=jti)
                assert described(tokens) == expected  # the related account came in the same query
            assert [token.is_marked for token in tokens] == [False, True]

    def test_models_are_read_off_the_cursor_as_django_builds_them(self, two_accounts, monkeypatch):
        """No QuerySet is iterated for models: the instances are built as ModelIterable builds them."""
        account = two_accounts[0]
        jti = OutstandingToken.objects.filter(user=account).values_list("jti", flat=True)[0]
        expected = list(tokens_with_flag(account.uuid, jti))
        only = CompiledQuery(lambda pk: User.objects.filter(pk=pk).only("email", "realm"))
        expected_only = list(User.objects.filter(pk=account.pk).only("email", "realm"))

        def refused(iterable):
            raise AssertionError("a model fetch iterated a QuerySet")

        monkeypatch.setattr(ModelIterable, "__iter__", refused)
        tokens = CompiledQuery(tokens_with_flag).fetch(user_uuid=account.uuid, jti=jti)
        assert described(tokens) == described(expected)
        for token, reference in zip(tokens, expected, strict=True):
            assert token.__dict__.keys() == reference.__dict__.keys()
            assert (token._state.db, token._state.adding) == ("default", False)
            assert token._state.fields_cache.keys() == {"user"}
            assert (token.user._state.db, token.user._state.adding) == ("default", False)
        (user,) = only.fetch(pk=account.pk)
        assert user.get_deferred_fields() == expected_only[0].get_deferred_fields()
        assert (user.pk, user.email) == (account.pk, account.email)

    def test_prefetching_builds_still_run_through_the_queryset(self, two_accounts, monkeypatch):
        iterated = []
        iterate = ModelIterable.__iter__
        monkeypatch.setattr(ModelIterable, "__iter__", lambda iterable: iterated.append(1) or iterate(iterable))
        compiled = CompiledQuery(lambda pk: User.objects.filter(pk=pk).prefetch_related("outstandingtoken_set"))
        (user,) = compiled.fetch(pk=two_accounts[0].pk)
        assert len(user.outstandingtoken_set.all()) == 2
        assert iterated  # the prefetch needs the queryset's machinery: not the cursor path

    def test_values_rows(self, two_accounts):
        rows = CompiledQuery(lambda realm, pk: User.objects.filter(realm=realm, pk=pk).values("pk", "uuid", "email"))
        for account in two_accounts:
            expected = list(User.objects.filter(realm="townspark", pk=account.pk).values("pk", "uuid", "email"))
            assert rows.fetch(realm="townspark", pk=account.pk) == expected
            assert isinstance(expected[0]["uuid"], uuid.UUID)

    def test_prefetches_run_as_the_querysets_would(self, two_accounts, django_assert_num_queries):
        compiled = CompiledQuery(lambda pk: User.objects.filter(pk=pk).prefetch_related("outstandingtoken_set"))
        account = two_accounts[1]
        expected = sorted(OutstandingToken.objects.filter(user=account).values_list("jti", flat=True))
        with django_assert_num_queries(2):
            (user,) = compiled.fetch(pk=account.pk)
            assert sorted(token.jti for token in user.outstandingtoken_set.all()) == expected

    def test_nothing_found(self, two_accounts):
        compiled = CompiledQuery(lambda email: User.objects.filter(email=email))
        assert compiled.fetch(email="nobody@example.com") == []
        assert compiled.first(email="nobody@example.com") is None
        assert compiled.first(email=two_accounts[0].email).pk == two_accounts[0].pk

    def test_a_value_is_a_parameter_never_sql(self, two_accounts):
        """A quote in a value is data: the compiled SQL is never rebuilt around it."""
        compiled = CompiledQuery(lambda email: User.objects.filter(email=email))
        assert compiled.fetch(email=two_accounts[0].email)
        assert compiled.fetch(email="x' OR '1'='1") == []


class TestRows:
    """`rows()` reads the cursor itself: the same tuples as the `.values_list()` queryset, converters applied."""

    def test_the_tuples_of_the_values_list(self, two_accounts, django_assert_num_queries):
        columns = ("pk", "uuid", "email", "is_active", "date_joined", "outstandingtoken__jti")
        rows = CompiledQuery(
            lambda realm, pk: (
                User.objects.filter(realm=realm, pk=pk).order_by("outstandingtoken__id").values_list(*columns)
            )
        )
        for account in two_accounts:
            expected = list(
                User.objects.filter(realm="townspark", pk=account.pk)
                .order_by("outstandingtoken__id")
                .values_list(*columns)
            )
            with django_assert_num_queries(1):
                assert rows.rows(realm="townspark", pk=account.pk) == expected
            assert len(expected) == 2 and isinstance(expected[0][1], uuid.UUID) and expected[0][3] is True
        assert rows.rows(realm="townspark", pk=-1) == []
        first = two_accounts[0].pk
        expected = list(
            User.objects.filter(realm="townspark", pk=first).order_by("outstandingtoken__id").values_list(*columns)
        )
        with django_assert_num_queries(2), connection.cursor() as cursor:  # one cursor for several reads
            assert rows.rows(realm="townspark", pk=first, cursor=cursor) == expected
            assert rows.rows(realm="townspark", pk=-1, cursor=cursor) == []

    def test_the_query_log_shows_the_statement_as_the_orm_logs_it(self, two_accounts):
        """On PostgreSQL rows() sends the SQL as bytes, encoded once: the query log still shows it as the ORM does."""
        build = lambda pk: User.objects.filter(pk=pk).values_list("email", "date_joined")  # noqa: E731
        compiled, pk = CompiledQuery(build), two_accounts[0].pk
        with CaptureQueriesContext(connection) as logged:
            assert compiled.rows(pk=pk) == list(build(pk))
        (by_rows, by_orm) = (entry["sql"] for entry in logged.captured_queries)
        assert isinstance(by_rows, str) and by_rows == by_orm

    def test_annotations_after_the_fields(self, two_accounts):
        marked = OutstandingToken.objects.filter(user=OuterRef("pk"))
        build = lambda pk: User.objects.filter(pk=pk).values_list("email").annotate(has_tokens=Exists(marked))  # noqa: E731
        account = two_accounts[0]
        assert CompiledQuery(build).rows(pk=account.pk) == list(build(account.pk)) == [(account.email, True)]

    @pytest.mark.parametrize(
        "build",
        [
            lambda pk: User.objects.filter(pk=pk),  # models
            lambda pk: User.objects.filter(pk=pk).values("email"),  # dicts
            lambda pk: User.objects.filter(pk=pk).values_list("email", flat=True),
            # an annotation named before a field: the queryset reorders the SQL's columns
            lambda pk: (
                User.objects.filter(pk=pk)
                .annotate(has_tokens=Exists(OutstandingToken.objects.filter(user=OuterRef("pk"))))
                .values_list("has_tokens", "email")
            ),
        ],
    )
    def test_other_shapes_are_refused(self, two_accounts, build):
        with pytest.raises(ImproperlyConfigured, match="rows"):
            CompiledQuery(build).rows(pk=two_accounts[0].pk)


class TestLists:
    def test_a_list_of_ids_of_any_length(self, two_accounts):
        emails = CompiledListQuery(lambda ids: User.objects.filter(pk__in=ids).order_by("pk").values_list("email"))
        first, second = two_accounts
        assert emails.fetch([first.pk]) == [(first.email,)]
        assert emails.fetch([second.pk, first.pk]) == [(first.email,), (second.email,)]  # a second length
        assert emails.fetch([second.pk]) == [(second.email,)]  # the first length's SQL, new values
        assert emails.fetch([]) == []
        assert emails.rows([second.pk, first.pk]) == [(first.email,), (second.email,)]  # tuples off the cursor
        assert emails.rows([]) == []


class TestRefusals:
    @pytest.mark.parametrize("value", [None, True, ["a"], 1.5])
    def test_values_that_would_change_the_sql(self, value):
        with pytest.raises(TypeError):
            CompiledQuery(lambda email: User.objects.filter(email=email)).fetch(email=value)

    def test_a_build_whose_sql_depends_on_its_values(self):
        with pytest.raises(ImproperlyConfigured, match="different SQL"):
            CompiledQuery(lambda size: User.objects.all()[: abs(size) % 7 + 1]).fetch(size=3)

    def test_a_value_that_never_reaches_the_sql(self):
        with pytest.raises(ImproperlyConfigured, match="never reach"):
            CompiledQuery(lambda email: User.objects.filter(realm="townspark")).fetch(email="a@example.com")

    def test_later_calls_take_the_same_values(self, two_accounts):
        compiled = CompiledQuery(lambda email: User.objects.filter(email=email))
        compiled.fetch(email=two_accounts[0].email)
        for values in ({}, {"email": "a@example.com", "realm": "townspark"}, {"mail": "a@example.com"}):
            with pytest.raises(TypeError):
                compiled.fetch(**values)

    def test_the_results_are_a_list_not_a_queryset_to_chain(self, two_accounts):
        results = CompiledQuery(lambda email: User.objects.filter(email=email)).fetch(email=two_accounts[0].email)
        assert type(results) is list
