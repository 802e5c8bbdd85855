"""What every TownSpark view shares: authentication that refuses suspended accounts, and its schema class."""

from rest_framework import generics
from rest_framework.views import APIView

from townspark.api.schema import TownSparkSchema
from townspark.authentication import TownSparkAuthentication

AUTHENTICATION = [TownSparkAuthentication]


class TownSparkViewMixin:
    authentication_classes = AUTHENTICATION
    schema = TownSparkSchema()


class TownSparkAPIView(TownSparkViewMixin, APIView):
    pass


class TownSparkListView(TownSparkViewMixin, generics.ListAPIView):
    pass
