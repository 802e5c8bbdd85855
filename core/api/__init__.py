"""The API toolkit shared by products: envelope styles, exceptions, renderer, pagination, permissions."""
