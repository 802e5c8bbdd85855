"""The operators' admin pages for GatherHub's models render."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from gatherhub.services.tasks import task_create
from gatherhub.services.votes import vote_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["event", "task", "vote"])
def test_changelist_and_change_pages(client, alice, make_event, model):
    event = make_event(alice)
    objects = {
        "event": event,
        "task": task_create(creator=alice, event=event, title="Chairs"),
        "vote": vote_create(
            creator=alice, event=event, title="Food?", options=["A", "B"], ends_at=timezone.now() + timedelta(days=1)
        ),
    }
    operator = get_user_model().objects.create_superuser("ops@example.com", "Operator-pass-1")
    client.force_login(operator)
    assert client.get(f"/admin/gatherhub/{model}/").status_code == 200
    assert client.get(f"/admin/gatherhub/{model}/{objects[model].pk}/change/").status_code == 200
