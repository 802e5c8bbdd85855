"""Resources area: create, update, soft delete, versions, access (recorded, by the one rule) and detail."""

import uuid
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from ressourcefy.models import (
    OnboardingStep,
    OutboxEvent,
    Price,
    PriceKind,
    Purchase,
    PurchaseStatus,
    Resource,
    ResourceAccess,
    ResourceVersion,
    Subscription,
    SubscriptionStatus,
)
from ressourcefy.selectors.access import resource_access_reason
from ressourcefy.services.resources import resource_create, resource_version_add
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db

RESOURCES = API + "resources/"
VERSIONS = RESOURCES + "versions/"
FILE = "https://cdn.example.com/files/guide-v1.pdf"


def resource_url(resource_id) -> str:
    return f"{RESOURCES}{resource_id}/"


def detail_url(resource_id) -> str:
    return f"{RESOURCES}{resource_id}/detail/"


def make_resource(author, *, visibility="public", price_cents=None, file_url=FILE, title="Guide", tag_ids=()):
    with transaction.atomic():
        return resource_create(
            author=author,
            title=title,
            description="All about it.",
            visibility=visibility,
            price_cents=price_cents,
            tag_ids=tag_ids,
            file_url=file_url,
        )


def body(**overrides) -> dict:
    return {
        "title": "My Resource Title",
        "description": "Detailed description",
        "visibility": "public",
        "price_cents": None,
        **overrides,
    }


# --- create ------------------------------------------------------------------------------


def test_contributor_creates_a_resource_with_tags_and_a_first_version(client_for, contributor, tags):
    response = client_for(contributor).post(
        RESOURCES, body(tag_ids=[str(tags[0].pk), str(tags[1].pk)], file_url=FILE), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "ok"
    data = response.json()["data"]
    assert data["author_id"] == str(contributor.uuid)
    assert sorted(data["tags"]) == sorted([str(tags[0].pk), str(tags[1].pk)])
    assert (data["visibility"], data["price_cents"], data["version_count"]) == ("public", None, 1)
    resource = Resource.objects.get(pk=data["resource_id"])
    assert list(resource.versions.values_list("version_number", "file_url")) == [(1, FILE)]
    events = list(OutboxEvent.objects.filter(aggregate_id=str(resource.pk)).values_list("event_type", flat=True))
    assert sorted(events) == ["resource.created", "resource.version_added"]


def test_premium_resource_with_price_and_no_file_has_no_version(client_for, contributor):
    response = client_for(contributor).post(RESOURCES, body(visibility="premium", price_cents=999), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["data"]["price_cents"] == 999
    assert ResourceVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"visibility": "premium", "price_cents": None}, "Premium resources must have a price"),
        ({"visibility": "public", "price_cents": 500}, "Only premium resources can have a price"),
        ({"visibility": "private", "price_cents": 500}, "Only premium resources can have a price"),
        ({"tag_ids": [str(uuid.uuid4())]}, "One or more tags not found"),
    ],
)
def test_create_refuses_the_documented_invalid_actions(client_for, contributor, fields, message):
    error = assert_error(client_for(contributor).post(RESOURCES, body(**fields), format="json"), 400, "invalid_action")
    assert error["message"] == message
    assert not Resource.objects.exists() and not OutboxEvent.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"visibility": "secret"}, "visibility"),
        ({"price_cents": -5, "visibility": "premium"}, "price_cents"),
        ({"tag_ids": ["not-a-uuid"]}, "tag_ids"),
        ({"file_url": "not a url"}, "file_url"),
    ],
)
def test_create_validation_errors_name_the_field(client_for, contributor, fields, field):
    error = assert_error(
        client_for(contributor).post(RESOURCES, body(**fields), format="json"), 400, "validation_error"
    )
    assert field in error["details"]
    assert not Resource.objects.exists()


def test_create_needs_a_contributor(client_for, reader):
    assert_error(client_for(reader).post(RESOURCES, body(), format="json"), 403, "permission_denied")


def test_create_needs_sign_in_activation_and_onboarding(api_client, client_for, rfy_account):
    assert_error(api_client.post(RESOURCES, body(), format="json"), 401)
    inactive = rfy_account("CONTRIBUTOR", "ina", verified=False)
    assert_error(client_for(inactive).post(RESOURCES, body(), format="json"), 403, "account_not_activated")
    onboarding = rfy_account("CONTRIBUTOR", "onno", onboarding_step=OnboardingStep.INTERESTS)
    assert_error(client_for(onboarding).post(RESOURCES, body(), format="json"), 403, "onboarding_incomplete")
    assert not Resource.objects.exists()


@pytest.mark.parametrize("role", ["MODERATOR", "ADMIN", "SUPERADMIN"])
def test_higher_roles_create_too(client_for, rfy_account, role):
    response = client_for(rfy_account(role, "boss")).post(RESOURCES, body(), format="json")
    assert response.status_code == 201, response.content


# --- update and delete ----------------------------------------------------------------------


def test_author_updates_and_leaving_premium_drops_the_price(client_for, contributor, tags):
    resource = make_resource(contributor, visibility="premium", price_cents=999)
    client = client_for(contributor)
    response = client.patch(resource_url(resource.pk), {"title": "New", "tag_ids": [str(tags[2].pk)]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["title"] == "New"
    assert response.json()["data"]["tags"] == [str(tags[2].pk)]
    response = client.patch(resource_url(resource.pk), {"visibility": "public"}, format="json")
    assert (response.json()["data"]["visibility"], response.json()["data"]["price_cents"]) == ("public", None)


def test_update_keeps_the_price_rule(client_for, contributor):
    resource = make_resource(contributor)
    client = client_for(contributor)
    error = assert_error(client.patch(resource_url(resource.pk), {"visibility": "premium"}, format="json"), 400)
    assert error["message"] == "Premium resources must have a price"
    error = assert_error(client.patch(resource_url(resource.pk), {"price_cents": 300}, format="json"), 400)
    assert error["message"] == "Only premium resources can have a price"
    assert_error(client.patch(resource_url(resource.pk), {"title": ""}, format="json"), 400, "validation_error")
    resource.refresh_from_db()
    assert (resource.visibility, resource.price_cents, resource.title) == ("public", None, "Guide")


def test_staff_update_and_delete_others_resources(client_for, contributor, moderator):
    resource = make_resource(contributor)
    client = client_for(moderator)
    assert client.patch(resource_url(resource.pk), {"title": "Moderated"}, format="json").status_code == 200
    assert client.delete(resource_url(resource.pk)).status_code == 204
    resource.refresh_from_db()
    assert resource.deleted_at is not None


def test_another_user_cannot_update_or_delete(client_for, contributor, rfy_account):
    resource = make_resource(contributor)
    other = client_for(rfy_account("CONTRIBUTOR", "otto"))
    assert_error(other.patch(resource_url(resource.pk), {"title": "Mine"}, format="json"), 403, "permission_denied")
    assert_error(other.delete(resource_url(resource.pk)), 403, "permission_denied")
    resource.refresh_from_db()
    assert (resource.title, resource.deleted_at) == ("Guide", None)


def test_deleted_resource_answers_404_everywhere(client_for, contributor, reader):
    resource = make_resource(contributor)
    author = client_for(contributor)
    assert author.delete(resource_url(resource.pk)).status_code == 204
    assert_error(author.delete(resource_url(resource.pk)), 404, "not_found")
    assert_error(author.patch(resource_url(resource.pk), {"title": "x"}, format="json"), 404)
    assert_error(author.get(detail_url(resource.pk)), 404)
    assert_error(client_for(reader).post(resource_url(resource.pk)), 404)
    assert_error(author.post(VERSIONS, {"resource_id": str(resource.pk), "file_url": FILE}, format="json"), 404)


def test_update_and_delete_unknown_resource_and_anonymous(api_client, client_for, contributor):
    assert_error(client_for(contributor).patch(resource_url(uuid.uuid4()), {"title": "x"}, format="json"), 404)
    assert_error(client_for(contributor).delete(resource_url(uuid.uuid4())), 404)
    resource = make_resource(contributor)
    assert_error(api_client.patch(resource_url(resource.pk), {"title": "x"}, format="json"), 401)
    assert_error(api_client.delete(resource_url(resource.pk)), 401)


# --- versions -------------------------------------------------------------------------------


def test_author_adds_versions_numbered_in_order(client_for, contributor):
    resource = make_resource(contributor)
    client = client_for(contributor)
    response = client.post(VERSIONS, {"resource_id": str(resource.pk), "file_url": FILE + "?v=2"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["data"]["version_number"] == 2
    assert set(response.json()["data"]) == {"version_number", "file_url", "created_at"}
    resource.refresh_from_db()
    assert resource.version_count == 2
    assert OutboxEvent.objects.filter(event_type="resource.version_added", aggregate_id=str(resource.pk)).count() == 2


def test_version_refusals(api_client, client_for, contributor, moderator, rfy_account):
    resource = make_resource(contributor)
    payload = {"resource_id": str(resource.pk), "file_url": FILE}
    error = assert_error(client_for(moderator).post(VERSIONS, payload, format="json"), 403, "permission_denied")
    assert error["message"] == "You do not have permission to create versions for this resource"
    assert_error(client_for(contributor).post(VERSIONS, {**payload, "file_url": "nope"}, format="json"), 400)
    unknown = {"resource_id": str(uuid.uuid4()), "file_url": FILE}
    assert_error(client_for(contributor).post(VERSIONS, unknown, format="json"), 404, "not_found")
    assert_error(api_client.post(VERSIONS, payload, format="json"), 401)
    inactive = rfy_account("CONTRIBUTOR", "ina", verified=False)
    assert_error(client_for(inactive).post(VERSIONS, payload, format="json"), 403, "account_not_activated")
    resource.refresh_from_db()
    assert resource.version_count == 1


# --- access ---------------------------------------------------------------------------------


def _purchase(user, resource, status=PurchaseStatus.COMPLETED):
    price = Price.objects.create(
        stripe_price_id=f"price_{uuid.uuid4().hex}", kind=PriceKind.ONE_TIME, resource=resource, amount_cents=999
    )
    return Purchase.objects.create(user=user, resource=resource, price=price, amount_cents=999, status=status)


def test_public_access_for_anyone_signed_in_is_recorded(client_for, contributor, reader):
    resource = make_resource(contributor)
    response = client_for(reader).post(resource_url(resource.pk))
    assert response.status_code == 200, response.content
    assert response.json()["data"] == {
        "access_granted": True,
        "resource_id": str(resource.pk),
        "latest_version": {"version_number": 1, "file_url": FILE},
    }
    assert list(ResourceAccess.objects.values_list("user", "granted", "reason")) == [(reader.pk, True, "public")]


def test_premium_refused_without_purchase_or_subscription_and_recorded(client_for, contributor, reader):
    resource = make_resource(contributor, visibility="premium", price_cents=999)
    assert_error(client_for(reader).post(resource_url(resource.pk)), 403, "premium_required")
    assert list(ResourceAccess.objects.values_list("granted", "reason")) == [(False, "refused")]


def test_premium_for_author_staff_and_buyer(client_for, contributor, moderator, reader):
    resource = make_resource(contributor, visibility="premium", price_cents=999)
    _purchase(reader, resource)
    for user in (contributor, moderator, reader):
        assert client_for(user).post(resource_url(resource.pk)).status_code == 200
    assert sorted(ResourceAccess.objects.values_list("reason", flat=True)) == ["author", "purchase", "staff"]


def test_pending_or_refunded_purchase_does_not_open_premium(client_for, contributor, reader, rfy_account):
    resource = make_resource(contributor, visibility="premium", price_cents=999)
    _purchase(reader, resource, status=PurchaseStatus.PENDING)
    refunded = rfy_account("USER", "ref")
    _purchase(refunded, resource, status=PurchaseStatus.REFUNDED)
    assert_error(client_for(reader).post(resource_url(resource.pk)), 403, "premium_required")
    assert_error(client_for(refunded).post(resource_url(resource.pk)), 403, "premium_required")


@pytest.mark.parametrize(
    ("status", "period_end", "granted"),
    [
        (SubscriptionStatus.ACTIVE, None, True),
        (SubscriptionStatus.ACTIVE, timedelta(days=3), True),
        (SubscriptionStatus.TRIALING, timedelta(days=3), True),
        (SubscriptionStatus.ACTIVE, -timedelta(minutes=1), False),
        (SubscriptionStatus.PAST_DUE, timedelta(days=3), False),
        (SubscriptionStatus.CANCELED, None, False),
    ],
)
def test_premium_for_active_subscribers_only(client_for, contributor, reader, status, period_end, granted):
    resource = make_resource(contributor, visibility="premium", price_cents=999)
    Subscription.objects.create(
        user=reader, status=status, current_period_end=timezone.now() + period_end if period_end else None
    )
    response = client_for(reader).post(resource_url(resource.pk))
    if granted:
        assert response.status_code == 200, response.content
        assert ResourceAccess.objects.get().reason == "subscription"
    else:
        assert_error(response, 403, "premium_required")


def test_private_is_for_author_and_staff_others_get_404_recorded(client_for, contributor, admin, reader):
    resource = make_resource(contributor, visibility="private")
    assert client_for(contributor).post(resource_url(resource.pk)).status_code == 200
    assert client_for(admin).post(resource_url(resource.pk)).status_code == 200
    assert_error(client_for(reader).post(resource_url(resource.pk)), 404, "not_found")
    assert sorted(ResourceAccess.objects.values_list("reason", flat=True)) == ["author", "refused", "staff"]


def test_access_without_versions_has_no_latest_version(client_for, contributor, reader):
    resource = make_resource(contributor, file_url=None)
    assert client_for(reader).post(resource_url(resource.pk)).json()["data"]["latest_version"] is None


def test_access_refusals(api_client, client_for, contributor, rfy_account):
    resource = make_resource(contributor)
    assert_error(api_client.post(resource_url(resource.pk)), 401)
    inactive = rfy_account("USER", "ina", verified=False)
    assert_error(client_for(inactive).post(resource_url(resource.pk)), 403, "account_not_activated")
    onboarding = rfy_account("USER", "onno", onboarding_step=OnboardingStep.PROFILE)
    assert_error(client_for(onboarding).post(resource_url(resource.pk)), 403, "onboarding_incomplete")
    assert_error(client_for(contributor).post(resource_url(uuid.uuid4())), 404, "not_found")
    assert not ResourceAccess.objects.exists()


# --- detail ---------------------------------------------------------------------------------


def test_detail_of_a_public_resource(client_for, contributor, reader, tags):
    resource = make_resource(contributor, tag_ids=[tags[1].pk, tags[0].pk])
    resource_version_add(user=contributor, resource_id=resource.pk, file_url=FILE + "?v=2")
    response = client_for(reader).get(detail_url(resource.pk))
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["id"] == str(resource.pk)
    assert (data["author_name"], data["author_avatar"]) == ("carla", None)
    assert data["tags"] == ["django", "python"]
    assert data["access_granted"] is True
    assert [(v["version_number"], v["file_url"]) for v in data["versions"]] == [(2, FILE + "?v=2"), (1, FILE)]


def test_premium_detail_hides_file_urls_from_the_not_entitled(client_for, contributor, reader):
    resource = make_resource(contributor, visibility="premium", price_cents=999)
    data = client_for(reader).get(detail_url(resource.pk)).json()["data"]
    assert data["access_granted"] is False
    assert data["price_cents"] == 999
    assert [v["file_url"] for v in data["versions"]] == [None]
    _purchase(reader, resource)
    data = client_for(reader).get(detail_url(resource.pk)).json()["data"]
    assert (data["access_granted"], data["versions"][0]["file_url"]) == (True, FILE)
    assert not ResourceAccess.objects.exists()  # reading the detail is not an access request


def test_detail_refusals(api_client, client_for, contributor, reader, moderator, rfy_account):
    private = make_resource(contributor, visibility="private")
    assert_error(client_for(reader).get(detail_url(private.pk)), 404, "not_found")
    assert client_for(moderator).get(detail_url(private.pk)).status_code == 200
    assert_error(client_for(reader).get(detail_url(uuid.uuid4())), 404, "not_found")
    assert_error(api_client.get(detail_url(private.pk)), 401)
    inactive = rfy_account("USER", "ina", verified=False)
    assert_error(client_for(inactive).get(detail_url(private.pk)), 403, "account_not_activated")
    onboarding = rfy_account("USER", "onno", onboarding_step=OnboardingStep.NOT_STARTED)
    assert_error(client_for(onboarding).get(detail_url(private.pk)), 403, "onboarding_incomplete")


def test_malformed_resource_id_in_the_path_is_404_not_500(client_for, reader):
    assert_error(client_for(reader).get(RESOURCES + "not-a-uuid/detail/"), 404)


def test_versions_need_onboarding_and_hide_others_private_resources(client_for, contributor, rfy_account):
    private = make_resource(contributor, visibility="private")
    payload = {"resource_id": str(private.pk), "file_url": FILE}
    onboarding = rfy_account("CONTRIBUTOR", "onno", onboarding_step=OnboardingStep.PROFILE)
    assert_error(client_for(onboarding).post(VERSIONS, payload, format="json"), 403, "onboarding_incomplete")
    stranger = rfy_account("CONTRIBUTOR", "otto")
    assert_error(client_for(stranger).post(VERSIONS, payload, format="json"), 404, "not_found")
    private.refresh_from_db()
    assert private.version_count == 1


def test_access_rule_is_readable_by_other_areas(contributor, reader, moderator):
    premium = make_resource(contributor, visibility="premium", price_cents=999)
    assert resource_access_reason(reader, premium) is None
    assert resource_access_reason(moderator, premium) == "staff"
    assert resource_access_reason(contributor, premium) == "author"
    _purchase(reader, premium)
    assert resource_access_reason(reader, premium) == "purchase"
    Resource.objects.filter(pk=premium.pk).update(deleted_at=timezone.now())
    premium.refresh_from_db()
    assert resource_access_reason(contributor, premium) is None
