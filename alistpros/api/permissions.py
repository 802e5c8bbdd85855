"""The spec's permission classes (users/permissions.py there): roles of the A-List realm and ownership."""

from alistpros.models.pros import PRO_ROLES
from core.api.permissions import IsOwner, IsProductAdmin, has_role

IsAdmin = IsProductAdmin
IsAListHomePro = has_role(*PRO_ROLES)
IsClient = has_role("client")
IsCrew = has_role("crew")
IsSpecialist = has_role("specialist")
# The view names the owning user with `owner_field` or `get_owner(obj)` (core.api.permissions.owner_of).
IsOwnerOrAdmin = IsOwner | IsProductAdmin

IsAListHomePro.message = "Only A-List Home Pros (contractors, crew and specialists) can do this."
IsClient.message = "Only clients can do this."
IsCrew.message = "Only crew members can do this."
IsSpecialist.message = "Only specialists can do this."
