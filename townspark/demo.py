"""Demo data for townspark: demo accounts for now; the product fills in its data as it lands."""


def seed(context) -> None:
    context.account(email="admin@townspark.demo", role="admin", name="Demo Admin")
    context.account(email="resolver@townspark.demo", role="resolver", name="Demo Resolver")
    context.account(email="citizen@townspark.demo", role="citizen", name="Demo Citizen")
