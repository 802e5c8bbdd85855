"""Ressourcefy's roles in rank order; a role may do what every lower role may."""

USER, CONTRIBUTOR, MODERATOR, ADMIN, SUPERADMIN = "USER", "CONTRIBUTOR", "MODERATOR", "ADMIN", "SUPERADMIN"
ROLES = (USER, CONTRIBUTOR, MODERATOR, ADMIN, SUPERADMIN)
CONTRIBUTOR_ROLES = (CONTRIBUTOR, MODERATOR, ADMIN, SUPERADMIN)  # may publish resources (IsContributor)
STAFF_ROLES = (MODERATOR, ADMIN, SUPERADMIN)  # may change and remove others' resources and comments
ADMIN_ROLES = (ADMIN, SUPERADMIN)
# What `user/request-role/` may ask for; ADMIN and SUPERADMIN are only ever given by a SUPERADMIN.
REQUESTABLE_ROLES = (CONTRIBUTOR, MODERATOR)


def role_rank(role: str) -> int:
    """0 for USER up to 4 for SUPERADMIN; -1 for anything else."""
    return ROLES.index(role) if role in ROLES else -1
