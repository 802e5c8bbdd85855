"""A-List Home Pros's HTTP API: serializers, views and URLs."""
