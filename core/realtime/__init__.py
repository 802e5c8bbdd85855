"""Real-time plumbing shared by the products: websocket routing, token auth, a base consumer, publishing.

A product declares `websocket_routes="<key>.routing"`; that module's `websocket_urlpatterns`
are served under the product's prefix (and unprefixed on its own host). Consumers derive from
`consumers.RealmJsonConsumer`; services push events with `publish.publish_to_user` or
`publish.publish_to_group`, which deliver once the current transaction commits.
"""
