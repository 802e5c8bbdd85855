"""Django's message middleware with its storage built on first use: the APIs never show flash messages."""

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class LazyMessageMiddleware(MessageMiddleware):
    """MessageMiddleware whose per-request storage is made only when something adds or reads a message.

    The admin and allauth's pages use messages; the products' JSON endpoints never do, yet building the
    storage (a cookie signer and a session storage) cost every API request 2.6% of the home feed's CPU
    (issue #16). A request that never touched its messages has nothing to save, so its response is left
    as it is; one that did is saved exactly as Django saves it.
    """

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if type(messages) is SimpleLazyObject and messages._wrapped is empty:  # type(): isinstance would build it
            return response
        return super().process_response(request, response)
