"""Demo data for gatherhub: demo accounts for now; the product fills in its data as it lands."""


def seed(context) -> None:
    context.account(email="alice@gatherhub.demo", role="user", name="Demo Alice", username="alice_demo")
    context.account(email="bob@gatherhub.demo", role="user", name="Demo Bob", username="bob_demo")
