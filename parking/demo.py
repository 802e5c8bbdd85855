"""Demo data for parking: demo accounts for now; the product fills in its data as it lands."""


def seed(context) -> None:
    context.account(email="host@parking.demo", role="HOST", name="Demo Host")
    context.account(email="seeker@parking.demo", role="SEEKER", name="Demo Seeker")
    context.account(email="admin@parking.demo", role="ADMIN", name="Demo Admin")
