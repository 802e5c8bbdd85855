"""A-List Home Pros's API routes, relative to its documented base `/api/`."""

urlpatterns: list = []
