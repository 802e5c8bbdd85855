"""API docs per product: OpenAPI schema, Swagger UI and ReDoc (offline assets), and the root index page."""
