"""A portfolio image on local files and on S3 alike: stored under the product's prefix, served as sent."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alistpros.models import PortfolioItem
from alistpros.tests.api.test_pros import PORTFOLIO
from core.testing.uploads import png_of_size

pytestmark = pytest.mark.django_db


def test_portfolio_image_is_stored_and_served(media_storage, client_for, pro_user, pro_profile):
    sent = png_of_size(20, 10)
    data = {"title": "Kitchen", "image": SimpleUploadedFile("kitchen.png", sent, content_type="image/png")}
    response = client_for(pro_user).post(PORTFOLIO, data, format="multipart")
    assert response.status_code == 201, response.content
    status, _, body = media_storage.fetch(response.json()["image"])
    name = PortfolioItem.objects.get().image.name
    assert (status, body) == (200, sent)
    assert media_storage.public_names() == [name] and name.startswith("alistpros/portfolio/")
