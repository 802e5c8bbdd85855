"""Root health routes (placeholder until the health module lands)."""

urlpatterns: list = []
