"""Database backends: Django's, with what the hot reads need changed."""
