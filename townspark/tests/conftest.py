"""TownSpark fixtures: accounts of each role, issues built through the services, image files."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from townspark.models import Department, ResolverProfile, VerificationStatus

API = "/townspark/api/v1/"


def image_file(name: str = "photo.jpg", fmt: str = "JPEG", size=(640, 480), color=(200, 40, 40)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def pdf_file(name: str = "id.pdf") -> SimpleUploadedFile:
    """A real one-page PDF, as a scanner would send it."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


@pytest.fixture
def citizen(make_account):
    return make_account("townspark", email="citizen@example.com", name="Jane Citizen", username="jane")


@pytest.fixture
def other_citizen(make_account):
    return make_account("townspark", email="other@example.com", name="Otto Other", username="otto")


@pytest.fixture
def admin(make_account):
    return make_account("townspark", email="admin@example.com", role="admin", name="Ada Admin", username="ada")


def make_resolver(
    make_account, *, email="resolver@example.com", verified=True, department="public-works", wards="Ward A", **fields
):
    user = make_account("townspark", email=email, role="resolver", name=fields.pop("name", "Rex Resolver"), **fields)
    ResolverProfile.objects.create(
        user=user,
        department=Department.objects.get(pk=department),
        designation="Field Officer",
        employee_id=f"EMP-{email.split('@')[0]}",
        jurisdiction=wards,
        verification_status=VerificationStatus.VERIFIED if verified else VerificationStatus.PENDING,
    )
    return user


@pytest.fixture
def resolver(make_account):
    return make_resolver(make_account)


@pytest.fixture
def unverified_resolver(make_account):
    return make_resolver(make_account, email="pending@example.com", verified=False, name="Pat Pending")


@pytest.fixture
def citizen_client(client_for, citizen):
    return client_for(citizen)


@pytest.fixture
def admin_client(client_for, admin):
    return client_for(admin)


@pytest.fixture
def resolver_client(client_for, resolver):
    return client_for(resolver)


def make_issue(reporter, **fields):
    from townspark.models import Category
    from townspark.services.issues import issue_create

    defaults = {
        "title": "Large Pothole on Main Street",
        "description": "A large pothole near the intersection of Main and 1st.",
        "category": Category.objects.get(pk=fields.pop("category", "road")),
        "address": "123 Main Street",
        "area": "Ward A",
        "urgency": "high",
    }
    defaults.update(fields)
    return issue_create(reporter=reporter, **defaults)


@pytest.fixture
def issue(citizen):
    return make_issue(citizen)


@pytest.fixture
def reference_data():
    """Transactional tests flush the database, data migrations included: load the reference rows again."""
    from django.apps import apps

    from townspark.reference_data import reference_data_load

    reference_data_load(apps)
