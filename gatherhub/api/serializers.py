"""Request and response shapes of the GatherHub API, field for field as gatherhub.md documents them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gatherhub.models import (
    MAX_PARTICIPANTS_LIMIT,
    Event,
    Profile,
    Task,
    TaskPriority,
    TaskStatus,
    Vote,
    names_of,
)
from gatherhub.selectors import option_tallies
from gatherhub.services.accounts import account_authenticate
from gatherhub.services.votes import MAX_OPTIONS, MIN_OPTIONS

User = get_user_model()
MAX_ID = 2**63 - 1
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")

username_validator = RegexValidator(
    r"^[A-Za-z0-9_.+-]+$", "Use letters, digits and . _ + - only (no @, which marks an e-mail login)."
)


class BoundedDateTimeField(serializers.DateTimeField):
    """A datetime in years 1900-9000: outside them the wire format (`%Y`) and UTC conversion break down."""

    default_error_messages = {"out_of_range": "Give a date between the years 1900 and 9000."}

    def to_internal_value(self, value):
        if isinstance(value, str) and value[:1] == "-":
            self.fail("out_of_range")
        try:
            parsed = super().to_internal_value(value)
        except OverflowError:
            self.fail("out_of_range")
        if not 1900 <= parsed.year <= 9000:
            self.fail("out_of_range")
        return parsed


# --- Accounts -------------------------------------------------------------------


class UserRefSerializer(serializers.Serializer):
    """`{id, username}`: an account mentioned by another resource."""

    id = serializers.UUIDField(read_only=True)
    username = serializers.CharField(read_only=True)


class UserSummarySerializer(UserRefSerializer):
    """`{id, username, first_name, last_name}`."""

    first_name = serializers.SerializerMethodField()
    last_name = serializers.SerializerMethodField()

    def get_first_name(self, user) -> str:
        return names_of(user)[0]

    def get_last_name(self, user) -> str:
        return names_of(user)[1]


class UserContactSerializer(UserSummarySerializer):
    """Adds the e-mail address: the assignee in a task's detail."""

    email = serializers.EmailField(read_only=True)


class LoginUserSerializer(UserContactSerializer):
    """The `user` of a login response."""


class RegisteredUserSerializer(UserContactSerializer):
    """The `user` of a registration response."""

    date_joined = serializers.DateTimeField(read_only=True)


class RegisterSerializer(serializers.Serializer):
    username = serializers.CharField(min_length=3, max_length=150, validators=[username_validator])
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, min_length=8, max_length=128, style={"input_type": "password"})
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        candidate = User(
            username=attrs["username"], email=attrs["email"], name=f"{attrs['first_name']} {attrs['last_name']}"
        )
        try:
            validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)}) from exc
        return attrs


class RegisterResponseSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = RegisteredUserSerializer()


class LoginSerializer(serializers.Serializer):
    """`username` may hold the e-mail address instead; `email` is accepted as well."""

    username = serializers.CharField(max_length=254, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, write_only=True)

    def validate(self, attrs):
        login = (attrs.get("username") or attrs.get("email") or "").strip()
        if not login:
            raise serializers.ValidationError({"username": ["This field is required."]})
        attrs["user"] = account_authenticate(request=self.context["request"], login=login, password=attrs["password"])
        return attrs


class LoginResponseSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = LoginUserSerializer()


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class ProfileSerializer(UserContactSerializer):
    """GET and PUT profile body; PUT changes only the fields it sends (multipart for the avatar)."""

    bio = serializers.SerializerMethodField()
    avatar = serializers.ImageField(read_only=True, allow_null=True)
    date_joined = serializers.DateTimeField(read_only=True)
    last_login = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_bio(self, user) -> str:
        try:
            return user.gatherhub_profile.bio
        except Profile.DoesNotExist:
            return ""


class ProfileUpdateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    avatar = serializers.ImageField(required=False, help_text="JPEG, PNG, GIF or WebP, at most 5 MB.")

    def validate_avatar(self, image):
        if image.size > AVATAR_MAX_BYTES:
            raise serializers.ValidationError("The image may be at most 5 MB.")
        image_format = getattr(getattr(image, "image", None), "format", None)
        if image_format not in AVATAR_FORMATS:
            raise serializers.ValidationError("Upload a JPEG, PNG, GIF or WebP image.")
        return image


# --- Events ---------------------------------------------------------------------


class BoundedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A related id that must fit a database integer before it is looked up."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except ValueError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= number <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)


class EventRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class EventDatedRefSerializer(EventRefSerializer):
    date = serializers.DateTimeField(read_only=True)


class EventCountRefSerializer(EventRefSerializer):
    current_participants = serializers.IntegerField(read_only=True)


class EventSerializer(serializers.ModelSerializer):
    """An event in lists and in create and update responses."""

    status = serializers.CharField(read_only=True)
    creator = UserSummarySerializer(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "description",
            "date",
            "location",
            "max_participants",
            "current_participants",
            "status",
            "creator",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EventWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    date = BoundedDateTimeField()
    location = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    max_participants = serializers.IntegerField(
        min_value=1, max_value=MAX_PARTICIPANTS_LIMIT, required=False, default=50
    )


class EventUpdateSerializer(EventWriteSerializer):
    """PUT body: the fields sent are changed, the others kept."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    date = BoundedDateTimeField(required=False)
    location = serializers.CharField(max_length=255, required=False, allow_blank=True)
    max_participants = serializers.IntegerField(min_value=1, max_value=MAX_PARTICIPANTS_LIMIT, required=False)


class TaskRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=TaskStatus.choices, read_only=True)


class VoteRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)


class EventDetailSerializer(EventSerializer):
    """An event with its participants, its tasks (for its participants only) and its votes."""

    participants = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    votes = VoteRefSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields[:-2], "participants", "tasks", "votes", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(UserSummarySerializer(many=True))
    def get_participants(self, event):
        return UserSummarySerializer([p.user for p in event.participations.all()], many=True).data

    @extend_schema_field(TaskRefSerializer(many=True))
    def get_tasks(self, event):
        return TaskRefSerializer(event.tasks.all(), many=True).data


class MembershipResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    event = EventCountRefSerializer()


# --- Tasks ----------------------------------------------------------------------


class TaskSerializer(serializers.ModelSerializer):
    """A task in lists and in create and update responses."""

    event = EventRefSerializer(read_only=True)
    assignee = UserSummarySerializer(read_only=True, allow_null=True)
    creator = UserRefSerializer(read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "title",
            "description",
            "status",
            "priority",
            "due_date",
            "event",
            "assignee",
            "creator",
            "completed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class TaskDetailSerializer(TaskSerializer):
    event = EventDatedRefSerializer(read_only=True)
    assignee = UserContactSerializer(read_only=True, allow_null=True)


class AccountField(serializers.PrimaryKeyRelatedField):
    """An account id (a UUID) of the GatherHub realm."""

    def __init__(self, **kwargs):
        kwargs.setdefault("pk_field", serializers.UUIDField())
        kwargs.setdefault("queryset", User.objects.filter(realm="gatherhub"))
        super().__init__(**kwargs)


def _assignee_field(**kwargs):
    return AccountField(allow_null=True, help_text="A participant's account id, or null for nobody.", **kwargs)


class TaskCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    event = BoundedPrimaryKeyField(queryset=Event.objects.all())
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False, default=TaskPriority.MEDIUM)
    due_date = BoundedDateTimeField(required=False, allow_null=True, default=None)
    assignee = _assignee_field(required=False, default=None)


class TaskUpdateSerializer(serializers.Serializer):
    """PUT body: the fields sent are changed, the others kept."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False)
    due_date = BoundedDateTimeField(required=False, allow_null=True)
    assignee = _assignee_field(required=False)


class TaskAssignSerializer(serializers.Serializer):
    assignee = _assignee_field(required=True)


class TaskAssignedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    assignee = UserRefSerializer(allow_null=True)


class TaskAssignResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    task = TaskAssignedSerializer()


class TaskCompletedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    completed_at = serializers.DateTimeField(allow_null=True)


class TaskCompleteResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    task = TaskCompletedSerializer()


# --- Votes ----------------------------------------------------------------------


class VoteSerializer(serializers.ModelSerializer):
    """A vote in lists."""

    status = serializers.CharField(read_only=True)
    event = EventRefSerializer(read_only=True)
    creator = UserRefSerializer(read_only=True)
    total_votes = serializers.IntegerField(read_only=True)

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
        ]
        read_only_fields = fields


class OptionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)


class VoteCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    event = BoundedPrimaryKeyField(queryset=Event.objects.all())
    options = OptionInputSerializer(many=True, min_length=MIN_OPTIONS, max_length=MAX_OPTIONS)
    ends_at = BoundedDateTimeField()
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
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=MAX_OPTIONS
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
    ends_at = serializers.DateTimeField()
    winner = WinnerSerializer(allow_null=True, help_text="null when nobody has voted or the top count is shared.")
    is_tie = serializers.BooleanField(help_text="Two or more options share the highest count.")
