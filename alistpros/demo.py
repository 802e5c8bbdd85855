"""Demo data for alistpros: demo accounts for now; the product fills in its data as it lands."""


def seed(context) -> None:
    context.account(email="admin@alistpros.demo", role="admin", name="Demo Admin")
    context.account(email="pro@alistpros.demo", role="contractor", name="Demo Pro")
    context.account(email="client@alistpros.demo", role="client", name="Demo Client")
