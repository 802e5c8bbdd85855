"""Shapes of the voting endpoints: lists, detail with tallies, create, cast and results."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import BoundedPrimaryKeyField
from core.api.serializers import ModelSerializer
from core.ids import MAX_INTEGER_ID
from gatherhub.api.serializers.common import BoundedDateTimeField, UserRefSerializer
from gatherhub.api.serializers.events import EventDatedRefSerializer, EventRefSerializer
from gatherhub.models import Event, Vote
from gatherhub.selectors import option_summaries_of, option_tallies
from gatherhub.services.votes import MAX_OPTIONS, MIN_OPTIONS


class OptionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    vote_count = serializers.IntegerField()


class VoteSerializer(ModelSerializer):
    """A vote in lists."""

    status = serializers.CharField(read_only=True)
    event = EventRefSerializer(read_only=True)
    creator = UserRefSerializer(read_only=True)
    total_votes = serializers.IntegerField(read_only=True)
    # superset for the GatherHub frontend (issue #15): its list page reads the options as the detail has them.
    options = serializers.SerializerMethodField(help_text="The options in order, each with its vote count.")

    class Meta:
        model = Vote
        fields = [
            "id",
            "title",
            "description",
            "status",
            "event",
            "creator",
            "total_votes",
            "ends_at",
            "multiple_choice",
            "created_at",
            "options",  # superset for the GatherHub frontend (issue #15)
        ]
        read_only_fields = fields

    @extend_schema_field(OptionSummarySerializer(many=True))
    def get_options(self, vote) -> list[dict]:
        return option_summaries_of(vote)


class OptionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)


class VoteCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    event = BoundedPrimaryKeyField(queryset=Event.objects.all())
    options = OptionInputSerializer(many=True, min_length=MIN_OPTIONS, max_length=MAX_OPTIONS)
    # superset for the GatherHub frontend (issue #15): missing or null opens a vote without an end.
    ends_at = BoundedDateTimeField(
        required=False, allow_null=True, default=None, help_text="Omitted or null: open until further notice."
    )
    multiple_choice = serializers.BooleanField(required=False, default=False)


class OptionTallySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="option_id")
    text = serializers.CharField()
    vote_count = serializers.IntegerField()
    percentage = serializers.FloatField()


class UserVoteSerializer(serializers.Serializer):
    option_id = serializers.IntegerField(help_text="The option chosen (the first one, in a multiple-choice vote).")
    option_ids = serializers.ListField(child=serializers.IntegerField(), help_text="Every option chosen.")
    voted_at = serializers.DateTimeField()


class VoteDetailSerializer(VoteSerializer):
    """A vote with its options counted, and whether and how the requesting account voted."""

    event = EventDatedRefSerializer(read_only=True)
    options = serializers.SerializerMethodField()
    user_voted = serializers.SerializerMethodField()
    user_vote = serializers.SerializerMethodField()

    class Meta(VoteSerializer.Meta):
        fields = [
            "id",
            "title",
            "description",
            "status",
            "event",
            "creator",
            "options",
            "total_votes",
            "user_voted",
            "user_vote",
            "ends_at",
            "multiple_choice",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OptionTallySerializer(many=True))
    def get_options(self, vote):
        return OptionTallySerializer(option_tallies(vote), many=True).data

    def get_user_voted(self, vote) -> bool:
        return bool(vote.own_ballots)

    @extend_schema_field(UserVoteSerializer(allow_null=True))
    def get_user_vote(self, vote):
        return user_vote_of(vote)


def user_vote_of(vote) -> dict | None:
    """`{option_id, option_ids, voted_at}` of the requesting account's ballot (prefetched as `own_ballots`)."""
    if not vote.own_ballots:
        return None
    ballot = vote.own_ballots[0]
    option_ids = sorted(option.pk for option in ballot.options.all())
    return UserVoteSerializer(
        {"option_id": option_ids[0] if option_ids else None, "option_ids": option_ids, "voted_at": ballot.voted_at}
    ).data


class CastSerializer(serializers.Serializer):
    options = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INTEGER_ID), min_length=1, max_length=MAX_OPTIONS
    )


class CastVoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    user_vote = UserVoteSerializer()
    total_votes = serializers.IntegerField()


class CastResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    vote = CastVoteSerializer()


class ResultRowSerializer(serializers.Serializer):
    option_id = serializers.IntegerField()
    text = serializers.CharField()
    vote_count = serializers.IntegerField()
    percentage = serializers.FloatField()


class WinnerSerializer(serializers.Serializer):
    option_id = serializers.IntegerField()
    text = serializers.CharField()


class VoteResultsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    total_votes = serializers.IntegerField()
    results = ResultRowSerializer(many=True)
    ends_at = serializers.DateTimeField(allow_null=True, help_text="null for a vote without an end.")
    winner = WinnerSerializer(allow_null=True, help_text="null when nobody has voted or the top count is shared.")
    is_tie = serializers.BooleanField(help_text="Two or more options share the highest count.")
