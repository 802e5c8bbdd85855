"""Demo data for ressourcefy: demo accounts for now; the product fills in its data as it lands."""


def seed(context) -> None:
    context.account(email="admin@ressourcefy.demo", role="SUPERADMIN", name="Demo Admin", username="admin_demo")
    context.account(email="author@ressourcefy.demo", role="CONTRIBUTOR", name="Demo Author", username="author_demo")
    context.account(email="reader@ressourcefy.demo", role="USER", name="Demo Reader", username="reader_demo")
