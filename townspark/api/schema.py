"""TownSpark's OpenAPI tweaks over the core AutoSchema: extra documented errors, declared query parameters."""

from rest_framework.schemas.inspectors import ViewInspector

from core.docs.schema import ProductAutoSchema

ISSUE_ID_EXAMPLE = "TS-1000"
ISSUE_ID_SCHEMA = {"type": "string", "pattern": "^[Tt][Ss]-[0-9]{1,18}$", "example": ISSUE_ID_EXAMPLE}


class TownSparkAutoSchema(ProductAutoSchema):
    """Views list further error statuses in `extra_error_responses` ({"409": "why"}); they use the error component.

    Issue ids in paths are documented with their `TS-<number>` pattern and an example.
    """

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        if "/issues/" in self.path:
            for parameter in parameters:
                if parameter["name"] in ("pk", "id") and parameter["schema"].get("type") == "string":
                    parameter["schema"] = dict(ISSUE_ID_SCHEMA)
                    parameter["description"] = "Issue id, e.g. TS-1000"
                    parameter["example"] = ISSUE_ID_EXAMPLE
        return parameters

    def _has_query_params(self) -> bool:
        # Parameters declared with extend_schema (e.g. analytics' time_range) can be invalid too.
        return super()._has_query_params() or bool(self.get_override_parameters())

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        extra = getattr(self.view, "extra_error_responses", {})
        if extra:
            ref = self._error_component().ref
            for code, description in extra.items():
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": ref}}}
                )
        return responses


class TownSparkSchema(ViewInspector):
    """The `schema` descriptor of TownSpark views: a fresh TownSparkAutoSchema per view, as DRF's DefaultSchema does."""

    def __get__(self, instance, owner):
        result = super().__get__(instance, owner)
        if not isinstance(result, TownSparkSchema):
            return result
        inspector = TownSparkAutoSchema()
        inspector.view = instance
        return inspector
