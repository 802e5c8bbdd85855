"""Query-string parameters validated by a serializer: a 400 in the product's format, or the clean values."""


def validated_query(serializer_class, request) -> dict:
    """`serializer_class(data=request.query_params)`'s validated data; ValidationError (400) otherwise."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
