"""TownSpark's OpenAPI tweak over the core AutoSchema: issue ids in paths."""

from rest_framework.schemas.inspectors import ViewInspector

from core.docs.schema import ProductAutoSchema

ISSUE_ID_EXAMPLE = "TS-1000"
ISSUE_ID_SCHEMA = {"type": "string", "pattern": "^[Tt][Ss]-[0-9]{1,18}$", "example": ISSUE_ID_EXAMPLE}


class TownSparkAutoSchema(ProductAutoSchema):
    """Issue ids in paths are documented with their `TS-<number>` pattern and an example."""

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        if "/issues/" in self.path:
            for parameter in parameters:
                if parameter["name"] in ("pk", "id") and parameter["schema"].get("type") == "string":
                    parameter["schema"] = dict(ISSUE_ID_SCHEMA)
                    parameter["description"] = "Issue id, e.g. TS-1000"
                    parameter["example"] = ISSUE_ID_EXAMPLE
        return parameters


class TownSparkSchema(ViewInspector):
    """The `schema` descriptor of TownSpark views: a fresh TownSparkAutoSchema per view, as DRF's DefaultSchema does."""

    def __get__(self, instance, owner):
        result = super().__get__(instance, owner)
        if not isinstance(result, TownSparkSchema):
            return result
        inspector = TownSparkAutoSchema()
        inspector.view = instance
        return inspector
