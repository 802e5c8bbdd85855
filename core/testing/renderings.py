"""For the tests of shapes rendered by hand: what the declared serializer fields render, and that both agree."""

from rest_framework import serializers


def declared(serializer, instance) -> dict:
    """What `serializer`'s declared fields render for `instance`, past a hand-written `to_representation`."""
    return serializers.Serializer.to_representation(serializer, instance)


def assert_rendered_as_declared(serializer, instance) -> None:
    """The hand-written rendering of `instance` equals the declared fields', the same keys in the same order."""
    by_hand, by_fields = serializer.to_representation(instance), declared(serializer, instance)
    assert list(by_hand.items()) == list(by_fields.items()), f"by hand: {by_hand}\ndeclared: {by_fields}"
