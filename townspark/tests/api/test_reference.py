"""Reference data (exact documented ids, names, icons, colors) and public platform stats."""

import pytest

from townspark.tests.conftest import API
from townspark.tests.helpers import ok_data

pytestmark = pytest.mark.django_db


def test_categories(api_client):
    data = ok_data(api_client.get(API + "categories/"))
    assert [(c["id"], c["name"], c["icon"]) for c in data] == [
        ("road", "Road Maintenance", "car_repair"),
        ("garbage", "Garbage & Waste", "delete"),
        ("sewage", "Sewage & Drains", "water_drop"),
        ("electricity", "Electricity", "bolt"),
        ("streetlight", "Street Light", "lightbulb"),
        ("water", "Water Supply", "water"),
        ("traffic", "Traffic", "traffic"),
        ("graffiti", "Graffiti & Vandalism", "format_paint"),
        ("parks", "Parks & Gardens", "park"),
        ("other", "Other", "more_horiz"),
    ]
    assert data[0]["description"] == "Issues related to roads, potholes, etc."


def test_departments(api_client):
    data = ok_data(api_client.get(API + "departments/"))
    assert [(d["id"], d["name"], d["icon"]) for d in data] == [
        ("public-works", "Public Works", "construction"),
        ("sanitation", "Sanitation", "delete"),
        ("traffic", "Traffic Management", "traffic"),
        ("parks", "Parks & Recreation", "park"),
        ("utilities", "Utilities", "bolt"),
        ("housing", "Housing", "home"),
        ("environment", "Environment", "eco"),
    ]


def test_status_options(api_client):
    assert ok_data(api_client.get(API + "status-options/")) == [
        {"id": "reported", "name": "Reported", "color": "status-reported", "icon": "report"},
        {"id": "acknowledged", "name": "Acknowledged", "color": "status-acknowledged", "icon": "verified_user"},
        {"id": "in-progress", "name": "In Progress", "color": "status-progress", "icon": "hourglass_top"},
        {"id": "resolved", "name": "Resolved", "color": "status-resolved", "icon": "task_alt"},
    ]


def test_urgency_levels(api_client):
    assert ok_data(api_client.get(API + "urgency-levels/")) == [
        {"id": "low", "name": "Low", "color": "urgency-low"},
        {"id": "normal", "name": "Normal", "color": "urgency-normal"},
        {"id": "high", "name": "High", "color": "urgency-high"},
        {"id": "critical", "name": "Critical", "color": "urgency-critical"},
    ]


def test_platform_stats_empty(api_client):
    assert ok_data(api_client.get(API + "platform/stats/")) == {
        "issues_reported": 0,
        "issues_resolved": 0,
        "active_members": 0,
        "avg_resolution_time": "N/A",
        # supersets for the TownSpark frontend (issue #15)
        "total_issues": 0,
        "resolved_issues": 0,
        "total_users": 0,
    }


def test_reference_data_rejects_writes(api_client):
    response = api_client.post(API + "categories/", {}, format="json")
    assert response.status_code == 405 and response.json()["error_code"] == "METHOD_NOT_ALLOWED"
