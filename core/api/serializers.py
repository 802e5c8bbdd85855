"""A ModelSerializer that works out its fields from the model once per class, not once per instance."""

import copy

from rest_framework import serializers


class ModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer, its `get_fields()` built once per class and deep-copied for each instance.

    DRF introspects the model (its fields, their classes and arguments, the Meta options)
    each time an instance is asked for its fields, i.e. on every request that renders one: for
    a small list that was more than half of rendering it (issue #16). What DRF builds there
    depends only on the class (Meta, declared fields, the model), so the class keeps it and
    every instance gets a deep copy: fields built again from their arguments, as DRF already
    copies declared fields. No serializer here overrides the hooks that build them
    (`get_field_names`, `build_field`, `get_extra_kwargs`); one that made them depend on the
    instance or its context would have to override `get_fields` itself.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")  # the class's own, never a parent's
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)
