"""Reads of the pros area: pro profiles with everything their documented shape nests, categories, portfolios."""

from django.db.models import Prefetch, QuerySet

from alistpros.models import PortfolioItem, ProProfile, Review, ServiceCategory


def pro_profile_list() -> QuerySet[ProProfile]:
    """Every profile, with its user, categories, portfolio and reviews (with their clients) in a fixed number of
    queries however many profiles a page holds: one for the page, one per prefetched relation."""
    return ProProfile.objects.select_related("user").prefetch_related(
        Prefetch("service_categories", queryset=ServiceCategory.objects.order_by("name", "id")),
        Prefetch("portfolio_items", queryset=PortfolioItem.objects.order_by("-completion_date", "-id")),
        Prefetch("reviews", queryset=Review.objects.select_related("client").order_by("-created_at", "-id")),
    )


def pro_profile_get(*, profile_id: int) -> ProProfile:
    """One profile in the list's shape; DoesNotExist when there is none."""
    return pro_profile_list().get(pk=profile_id)


def pro_profile_of(*, user) -> ProProfile | None:
    """The user's own profile in the list's shape, or None."""
    return pro_profile_list().filter(user=user).first()


def service_category_list() -> QuerySet[ServiceCategory]:
    return ServiceCategory.objects.order_by("name", "id")


def portfolio_item_list(*, user) -> QuerySet[PortfolioItem]:
    """The pro's own portfolio, newest work first; empty for a pro without a profile."""
    return PortfolioItem.objects.filter(profile__user=user).order_by("-completion_date", "-id")
