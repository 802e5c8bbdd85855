"""A browser's account journey on cookies alone: register, mailed token, activate, log in, onboard, me, log out."""

import re

import pytest
from rest_framework.test import APIClient

from ressourcefy.api.views.accounts import MeView
from ressourcefy.authentication import RessourcefyAuthentication
from ressourcefy.tests.conftest import API

pytestmark = pytest.mark.django_db


def test_register_activate_login_onboard_on_cookies(django_capture_on_commit_callbacks, mailoutbox, tags):
    browser = APIClient(enforce_csrf_checks=True)
    body = {"email": "Ada@Example.com", "password": "SecurePassword123!", "username": "ada", "accepted_terms": True}
    with django_capture_on_commit_callbacks(execute=True):
        assert browser.post(API + "auth/register/", body, format="json").status_code == 201
    token = re.search(r"token=(\S+)", mailoutbox[0].body).group(1)
    assert browser.post(API + "auth/activate/", {"token": token}, format="json").status_code == 200

    login = browser.post(API + "auth/login/", {"email": "ada@example.com", "password": body["password"]}, format="json")
    assert login.status_code == 200
    assert browser.cookies["onboarding_step"].value == "not_started"
    csrf = {"HTTP_X_CSRFTOKEN": browser.cookies["csrftoken"].value}

    assert browser.post(API + "onboarding/start/", **csrf).status_code == 200
    profile = {"username": "ada", "bio": "Counts things"}
    assert browser.post(API + "onboarding/profile/", profile, format="json", **csrf).status_code == 200
    interests = {"tag_ids": [str(tags[0].pk)]}
    assert browser.post(API + "onboarding/interests/", interests, format="json", **csrf).status_code == 200
    assert browser.cookies["onboarding_step"].value == "completed"

    me = browser.get(API + "user/me/").json()["data"]
    assert (me["username"], me["bio"], me["activated"], me["onboarding_step"]) == (
        "ada",
        "Counts things",
        True,
        "completed",
    )

    assert browser.post(API + "auth/logout/").status_code == 200
    assert browser.get(API + "user/me/").status_code == 401


def test_views_without_their_own_authentication_use_the_products():
    """core's ProductAuthentication (the default) dispatches to Product.authentication."""
    from django.test import RequestFactory

    from core.accounts.authentication import ProductAuthentication, _authentication_class
    from ressourcefy.product import PRODUCT

    assert [type(a) for a in MeView().get_authenticators()] == [ProductAuthentication]
    assert _authentication_class(PRODUCT.authentication) is RessourcefyAuthentication
    request = RequestFactory().get(API + "user/me/")
    assert ProductAuthentication().authenticate(request) is None  # no header, no cookie: anonymous
