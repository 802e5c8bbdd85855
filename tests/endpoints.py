"""Paths the cross-product tests send bad bodies to: two real logins and every product's test echo view."""

from core.products.registry import enabled_products

LOGINS = {
    "townspark": "/townspark/api/v1/auth/login/",
    "gatherhub": "/gatherhub/api/v1/auth/login/",
}
ECHO = {key: f"{product.api_root}_test/echo/" for key, product in enabled_products().items()}
