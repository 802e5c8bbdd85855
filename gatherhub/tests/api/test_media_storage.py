"""The avatar on local files and on S3 alike: stored, served as sent, removed with the profile's avatar."""

import io

import pytest

from gatherhub.tests.api.test_auth import PROFILE, png_bytes

pytestmark = pytest.mark.django_db


def test_avatar_is_stored_served_and_removed(media_storage, client_for, alice, django_capture_on_commit_callbacks):
    sent = png_bytes((16, 16))
    upload = io.BytesIO(sent)
    upload.name = "me.png"
    response = client_for(alice).put(PROFILE, {"avatar": upload}, format="multipart")
    assert response.status_code == 200, response.content
    status, _, body = media_storage.fetch(response.json()["avatar"])
    alice.refresh_from_db()
    assert (status, body) == (200, sent) and media_storage.public_names() == [alice.avatar.name]

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).put(PROFILE, {"avatar": None}, format="json")
    assert response.status_code == 200 and response.json()["avatar"] is None
    assert media_storage.public_names() == []
