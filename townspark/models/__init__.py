"""TownSpark's models, one module per area."""

from townspark.models.accounts import AccountStatus, Profile, ResolverProfile, UserBadge, VerificationStatus
from townspark.models.comments import Comment, CommentLike
from townspark.models.issues import (
    Bookmark,
    Issue,
    IssueCounter,
    IssueImage,
    IssueTimeline,
    OfficialResponse,
    Share,
    Upvote,
)
from townspark.models.notifications import Notification
from townspark.models.reference import Badge, Category, Department, StatusOption, UrgencyLevel

__all__ = [
    "AccountStatus",
    "Badge",
    "Bookmark",
    "Category",
    "Comment",
    "CommentLike",
    "Department",
    "Issue",
    "IssueCounter",
    "IssueImage",
    "IssueTimeline",
    "Notification",
    "OfficialResponse",
    "Profile",
    "ResolverProfile",
    "Share",
    "StatusOption",
    "Upvote",
    "UrgencyLevel",
    "UserBadge",
    "VerificationStatus",
]
