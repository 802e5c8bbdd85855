"""A-List Home Pros: home-services marketplace with Stripe Connect (contract: shared/specs/alistpros.md)."""
