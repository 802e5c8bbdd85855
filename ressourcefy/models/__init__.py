"""Ressourcefy's models: accounts and onboarding, tags, resources with versions and comments, billing, outbox."""

from ressourcefy.models.accounts import OnboardingStep, Profile, RoleRequest, RoleRequestStatus
from ressourcefy.models.billing import (
    BillingCustomer,
    Payment,
    PaymentStatus,
    Price,
    PriceKind,
    Purchase,
    PurchaseStatus,
    Refund,
    RefundStatus,
    Subscription,
    SubscriptionStatus,
)
from ressourcefy.models.outbox import OutboxEvent, ProcessedEvent
from ressourcefy.models.resources import Comment, CommentVote, Resource, ResourceAccess, ResourceVersion, Visibility
from ressourcefy.models.tags import Tag

__all__ = [
    "BillingCustomer",
    "Comment",
    "CommentVote",
    "OnboardingStep",
    "OutboxEvent",
    "Payment",
    "PaymentStatus",
    "Price",
    "PriceKind",
    "ProcessedEvent",
    "Profile",
    "Purchase",
    "PurchaseStatus",
    "Refund",
    "RefundStatus",
    "Resource",
    "ResourceAccess",
    "ResourceVersion",
    "RoleRequest",
    "RoleRequestStatus",
    "Subscription",
    "SubscriptionStatus",
    "Tag",
    "Visibility",
]
