"""A URLconf with the development media route, for the media tests (the test settings run without DEBUG)."""

from core.media import media_urlpatterns

urlpatterns = media_urlpatterns()
