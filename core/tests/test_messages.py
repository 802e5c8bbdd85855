"""The lazy message middleware: no storage for requests that never use messages, Django's way for those that do."""

from django.contrib import messages
from django.contrib.admin.checks import check_dependencies
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.functional import empty

from core.messages import LazyMessageMiddleware


def _through(view, cookies=None):
    """Runs `view` behind the session and message middleware, as settings order them; returns (request, response)."""
    seen = {}

    def get_response(request):
        seen["request"] = request
        return view(request)

    chain = SessionMiddleware(LazyMessageMiddleware(get_response))
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    return seen, chain(request)


def test_a_request_that_never_uses_messages_builds_no_storage_and_sets_no_cookie(db):
    seen, response = _through(lambda request: HttpResponse("ok"))
    assert seen["request"]._messages._wrapped is empty
    assert "messages" not in response.cookies


def test_a_message_added_in_one_request_is_shown_in_the_next(db):
    def add(request):
        messages.success(request, "Saved.")
        return HttpResponse("ok")

    _, response = _through(add)
    assert "messages" in response.cookies

    shown = []

    def show(request):
        shown.extend(str(message) for message in messages.get_messages(request))
        return HttpResponse("ok")

    _, response = _through(show, cookies={"messages": response.cookies["messages"].value})
    assert shown == ["Saved."]
    assert response.cookies["messages"].value == ""  # read messages are cleared, as Django does


def test_the_admin_accepts_it_as_its_message_middleware():
    assert not [error for error in check_dependencies() if error.id == "admin.E409"]
