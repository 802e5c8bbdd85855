"""Public media under DEBUG: never sniffed, and only images shown inline."""

import importlib

import pytest
from django.urls import resolve

from core.media import media_serve
from core.testing.uploads import png_of_size


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ROOT_URLCONF = "core.tests.media_urls"
    (tmp_path / "avatars").mkdir()
    (tmp_path / "avatars" / "a.png").write_bytes(png_of_size(4, 4))
    (tmp_path / "avatars" / "TS-1575-1.html").write_text("<script>alert(1)</script>")
    return tmp_path


@pytest.mark.parametrize("nosniff_setting", [True, False])
def test_media_responses_say_nosniff(client, media, settings, nosniff_setting):
    settings.SECURE_CONTENT_TYPE_NOSNIFF = nosniff_setting  # the view does not lean on SecurityMiddleware
    response = client.get("/media/avatars/a.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_a_non_image_file_is_a_download_never_a_page(client, media):
    """Files stored before names followed content types (`TS-1575-1.html`) must not run in the browser."""
    response = client.get("/media/avatars/TS-1575-1.html")
    assert response.status_code == 200 and response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment" and response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_file_is_a_json_404(client, media):
    response = client.get("/media/avatars/nope.png")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_the_settings_keep_nosniff_on():
    from django.conf import settings

    assert settings.SECURE_CONTENT_TYPE_NOSNIFF is True


def test_debug_serves_media_through_this_view(settings):
    import config.urls

    settings.DEBUG = True
    try:
        module = importlib.reload(config.urls)
        assert resolve("/media/avatars/a.png", urlconf=module).func is media_serve
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
