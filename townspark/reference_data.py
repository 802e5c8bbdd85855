"""The documented reference data (ids, names, icons, colors), loaded by a data migration."""

DEPARTMENTS = [
    {
        "id": "public-works",
        "name": "Public Works",
        "icon": "construction",
        "description": "Handles infrastructure and public utilities",
    },
    {
        "id": "sanitation",
        "name": "Sanitation",
        "icon": "delete",
        "description": "Waste collection, street cleaning and drains",
    },
    {
        "id": "traffic",
        "name": "Traffic Management",
        "icon": "traffic",
        "description": "Signals, signage and road safety",
    },
    {
        "id": "parks",
        "name": "Parks & Recreation",
        "icon": "park",
        "description": "Parks, gardens and public green spaces",
    },
    {
        "id": "utilities",
        "name": "Utilities",
        "icon": "bolt",
        "description": "Electricity, street lighting and water supply",
    },
    {"id": "housing", "name": "Housing", "icon": "home", "description": "Public housing and building safety"},
    {
        "id": "environment",
        "name": "Environment",
        "icon": "eco",
        "description": "Pollution, noise and environmental protection",
    },
]

CATEGORIES = [
    {
        "id": "road",
        "name": "Road Maintenance",
        "icon": "car_repair",
        "description": "Issues related to roads, potholes, etc.",
        "default_department_id": "public-works",
    },
    {
        "id": "garbage",
        "name": "Garbage & Waste",
        "icon": "delete",
        "description": "Missed collections, overflowing bins and dumping",
        "default_department_id": "sanitation",
    },
    {
        "id": "sewage",
        "name": "Sewage & Drains",
        "icon": "water_drop",
        "description": "Blocked drains, sewage leaks and flooding",
        "default_department_id": "sanitation",
    },
    {
        "id": "electricity",
        "name": "Electricity",
        "icon": "bolt",
        "description": "Power outages and exposed wiring",
        "default_department_id": "utilities",
    },
    {
        "id": "streetlight",
        "name": "Street Light",
        "icon": "lightbulb",
        "description": "Broken or flickering street lights",
        "default_department_id": "utilities",
    },
    {
        "id": "water",
        "name": "Water Supply",
        "icon": "water",
        "description": "Leaks, low pressure and water quality",
        "default_department_id": "utilities",
    },
    {
        "id": "traffic",
        "name": "Traffic",
        "icon": "traffic",
        "description": "Signals, signage and congestion",
        "default_department_id": "traffic",
    },
    {
        "id": "graffiti",
        "name": "Graffiti & Vandalism",
        "icon": "format_paint",
        "description": "Graffiti and damaged public property",
        "default_department_id": "public-works",
    },
    {
        "id": "parks",
        "name": "Parks & Gardens",
        "icon": "park",
        "description": "Parks, playgrounds and trees",
        "default_department_id": "parks",
    },
    {
        "id": "other",
        "name": "Other",
        "icon": "more_horiz",
        "description": "Anything else",
        "default_department_id": None,
    },
]

STATUS_OPTIONS = [
    {"id": "reported", "name": "Reported", "color": "status-reported", "icon": "report"},
    {"id": "acknowledged", "name": "Acknowledged", "color": "status-acknowledged", "icon": "verified_user"},
    {"id": "in-progress", "name": "In Progress", "color": "status-progress", "icon": "hourglass_top"},
    {"id": "resolved", "name": "Resolved", "color": "status-resolved", "icon": "task_alt"},
]

URGENCY_LEVELS = [
    {"id": "low", "name": "Low", "color": "urgency-low"},
    {"id": "normal", "name": "Normal", "color": "urgency-normal"},
    {"id": "high", "name": "High", "color": "urgency-high"},
    {"id": "critical", "name": "Critical", "color": "urgency-critical"},
]

# criteria: every named stat (see selectors.users.user_stats) must reach its value.
BADGES = [
    {
        "id": "first-report",
        "name": "First Report",
        "icon": "flag",
        "description": "Reported a first issue",
        "criteria": {"issues_posted": 1},
    },
    {
        "id": "active-reporter",
        "name": "Active Reporter",
        "icon": "campaign",
        "description": "Reported 10 issues",
        "criteria": {"issues_posted": 10},
    },
    {
        "id": "community-hero",
        "name": "Community Hero",
        "icon": "volunteer_activism",
        "description": "Received 50 uplifts on reported issues",
        "criteria": {"uplifts_received": 50},
    },
    {
        "id": "10-issues-resolved",
        "name": "10 Issues Resolved",
        "icon": "task_alt",
        "description": "10 reported issues were resolved",
        "criteria": {"issues_resolved": 10},
    },
    {
        "id": "conversation-starter",
        "name": "Conversation Starter",
        "icon": "forum",
        "description": "Posted 10 comments",
        "criteria": {"comments_posted": 10},
    },
    {
        "id": "supporter",
        "name": "Supporter",
        "icon": "thumb_up",
        "description": "Uplifted 25 issues",
        "criteria": {"upvotes_given": 25},
    },
]


def reference_data_load(apps) -> None:
    """Upsert every row above (idempotent); `apps` is a migration's app registry or `django.apps.apps`."""
    tables = [
        ("Department", DEPARTMENTS),
        ("Category", CATEGORIES),
        ("StatusOption", STATUS_OPTIONS),
        ("UrgencyLevel", URGENCY_LEVELS),
        ("Badge", BADGES),
    ]
    for model_name, rows in tables:
        model = apps.get_model("townspark", model_name)
        for order, row in enumerate(rows):
            fields = {key: value for key, value in row.items() if key != "id"}
            model.objects.update_or_create(id=row["id"], defaults={**fields, "order": order})
    apps.get_model("townspark", "IssueCounter").objects.get_or_create(name="issue", defaults={"value": 999})
