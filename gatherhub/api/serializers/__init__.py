"""Request and response shapes of the GatherHub API, field for field as gatherhub.md documents them."""

from gatherhub.api.serializers.accounts import (  # noqa: F401
    LoginResponseSerializer,
    LoginSerializer,
    LoginUserSerializer,
    MessageSerializer,
    ProfileSerializer,
    ProfileUpdateSerializer,
    RefreshSerializer,
    RegisteredUserSerializer,
    RegisterResponseSerializer,
    RegisterSerializer,
    TokenPairSerializer,
)
from gatherhub.api.serializers.common import (  # noqa: F401
    BoundedDateTimeField,
    UserContactSerializer,
    UserRefSerializer,
    UserSummarySerializer,
)
from gatherhub.api.serializers.events import (  # noqa: F401
    EventCountRefSerializer,
    EventDatedRefSerializer,
    EventDetailSerializer,
    EventRefSerializer,
    EventSerializer,
    EventUpdateSerializer,
    EventWriteSerializer,
    MembershipResponseSerializer,
    TaskRefSerializer,
    VoteRefSerializer,
)
from gatherhub.api.serializers.tasks import (  # noqa: F401
    TaskAssignedSerializer,
    TaskAssignResponseSerializer,
    TaskAssignSerializer,
    TaskCompletedSerializer,
    TaskCompleteResponseSerializer,
    TaskCreateSerializer,
    TaskDetailSerializer,
    TaskSerializer,
    TaskUpdateSerializer,
)
from gatherhub.api.serializers.votes import (  # noqa: F401
    CastResponseSerializer,
    CastSerializer,
    CastVoteSerializer,
    OptionInputSerializer,
    OptionTallySerializer,
    ResultRowSerializer,
    UserVoteSerializer,
    VoteCreateSerializer,
    VoteDetailSerializer,
    VoteResultsSerializer,
    VoteSerializer,
    WinnerSerializer,
    user_vote_of,
)
