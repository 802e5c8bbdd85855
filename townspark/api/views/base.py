"""What every TownSpark view shares: authentication that refuses suspended accounts."""

from rest_framework import generics
from rest_framework.views import APIView

from townspark.authentication import TownSparkAuthentication

AUTHENTICATION = [TownSparkAuthentication]


class TownSparkAPIView(APIView):
    authentication_classes = AUTHENTICATION


class TownSparkGenericView(generics.GenericAPIView):
    authentication_classes = AUTHENTICATION
