"""Stripe Connect, which localstripe lacks: Express accounts, account and login links, transfers."""

from urllib.parse import urlencode

from aiohttp import web

from .state import STATE, LocalStripeState, acting_for, current_caller, emit
from .wire import StripeError, form, integer, json_response, list_object, missing, new_id, now, required, stripe_object

ACCOUNT_TYPES = ("express", "standard", "custom")
_ONBOARDING_DUE = ["business_profile.url", "external_account", "individual.dob.day", "tos_acceptance.date"]


def _api_key() -> str | None:
    caller = current_caller.get()
    return caller.api_key if caller else None


def account_get(state: LocalStripeState, account_id, *, param: str | None = None) -> dict:
    account = state.get(account_id, "account") if isinstance(account_id, str) else None
    if account is None:
        if not account_id:
            raise StripeError(400, f"Missing required param: {param}.", param=param, code="parameter_missing")
        raise missing("account", account_id, param=param)
    return account


def transfer_record(state: LocalStripeState, *, amount: int, currency: str, destination: str, **fields) -> dict:
    """A transfer to a connected account, from the API or from a destination charge that succeeded."""
    transfer = stripe_object(
        "transfer",
        new_id("tr_"),
        amount=amount,
        amount_reversed=0,
        currency=currency.lower(),
        destination=destination,
        destination_payment=new_id("py_"),
        balance_transaction=new_id("txn_"),
        description=fields.get("description"),
        metadata=fields.get("metadata") or {},
        reversed=False,
        source_transaction=fields.get("source_transaction"),
        transfer_group=fields.get("transfer_group"),
    )
    state.save(transfer, owner=_api_key())
    emit("transfer.created", transfer)
    return transfer


def _requirements(due: list[str]) -> dict:
    return {
        "currently_due": due,
        "eventually_due": due,
        "past_due": [],
        "pending_verification": [],
        "disabled_reason": "requirements.past_due" if due else None,
        "errors": [],
        "current_deadline": None,
    }


async def account_create(request: web.Request) -> web.Response:
    data = await form(request)
    account_type = data.get("type", "standard")
    if account_type not in ACCOUNT_TYPES:
        raise StripeError(400, f"Invalid type: must be one of {', '.join(ACCOUNT_TYPES)}", param="type")
    capabilities = dict.fromkeys(data.get("capabilities") or {}, "inactive")
    account = stripe_object(
        "account",
        new_id("acct_", 16),
        type=account_type,
        country=data.get("country", "US"),
        email=data.get("email"),
        business_type=data.get("business_type"),
        default_currency="usd",
        charges_enabled=False,
        payouts_enabled=False,
        details_submitted=False,
        capabilities=capabilities,
        requirements=_requirements(list(_ONBOARDING_DUE)),
        metadata=data.get("metadata") or {},
        business_profile=data.get("business_profile") or {},
        settings={},
    )
    request.app[STATE].save(account, owner=_api_key())
    return json_response(account)


async def account_retrieve(request: web.Request) -> web.Response:
    return json_response(account_get(request.app[STATE], request.match_info["id"]))


async def account_update(request: web.Request) -> web.Response:
    account = account_get(request.app[STATE], request.match_info["id"])
    data = await form(request)
    for name in ("email", "business_type", "business_profile"):
        if name in data:
            account[name] = data[name]
    account["metadata"].update(data.get("metadata") or {})
    emit("account.updated", account)
    return json_response(account)


async def account_list(request: web.Request) -> web.Response:
    state = request.app[STATE]
    return json_response(list_object("/v1/accounts", state.all("account", owner=_api_key()), request.query))


def onboarding_complete(state: LocalStripeState, account: dict) -> dict:
    """What Stripe does when the account holder finishes onboarding: flags on, requirements met, account.updated."""
    account.update(charges_enabled=True, payouts_enabled=True, details_submitted=True, requirements=_requirements([]))
    account["capabilities"] = dict.fromkeys(account["capabilities"] or ("card_payments", "transfers"), "active")
    with acting_for(state.owners.get(account["id"]) or _api_key()):
        emit("account.updated", account)
    return account


async def account_complete_onboarding(request: web.Request) -> web.Response:
    """Test control: the connected account finished onboarding."""
    state = request.app[STATE]
    return json_response(onboarding_complete(state, account_get(state, request.match_info["id"])))


async def account_link_create(request: web.Request) -> web.Response:
    data = await form(request)
    account = account_get(request.app[STATE], data.get("account"), param="account")
    for param in ("type", "return_url", "refresh_url"):
        if not data.get(param):
            raise required(param)
    if data["type"] not in ("account_onboarding", "account_update"):
        raise StripeError(400, f"Invalid type: {data['type']}", param="type")
    query = urlencode({"return_url": data["return_url"], "refresh_url": data["refresh_url"]})
    url = f"{request.url.origin()}/_local/connect/onboarding/{account['id']}?{query}"
    return json_response(stripe_object("account_link", None, expires_at=now() + 300, url=url))


async def onboarding_page(request: web.Request) -> web.Response:
    """The hosted onboarding a browser visits: it completes at once and goes back to the platform's return_url."""
    state = request.app[STATE]
    account = state.get(request.match_info["id"], "account")
    if account is None:
        return web.Response(status=404, text="No such account")
    onboarding_complete(state, account)
    raise web.HTTPSeeOther(request.query.get("return_url") or "/")


async def login_link_create(request: web.Request) -> web.Response:
    account = account_get(request.app[STATE], request.match_info["id"])
    if account["type"] != "express":
        raise StripeError(400, "Login links can only be created for Express accounts.", param="account")
    url = f"{request.url.origin()}/_local/connect/dashboard/{account['id']}"
    return json_response(stripe_object("login_link", None, url=url))


async def dashboard_page(request: web.Request) -> web.Response:
    account = request.app[STATE].get(request.match_info["id"], "account")
    if account is None:
        return web.Response(status=404, text="No such account")
    return web.Response(text=f"Express dashboard of {account['id']} (local Stripe)")


async def transfer_create(request: web.Request) -> web.Response:
    state = request.app[STATE]
    data = await form(request)
    amount = integer(data, "amount", minimum=1)
    if not data.get("currency"):
        raise required("currency")
    account_get(state, data.get("destination"), param="destination")
    fields = {name: data.get(name) for name in ("description", "metadata", "source_transaction", "transfer_group")}
    return json_response(
        transfer_record(state, amount=amount, currency=data["currency"], destination=data["destination"], **fields)
    )


async def transfer_retrieve(request: web.Request) -> web.Response:
    transfer = request.app[STATE].get(request.match_info["id"], "transfer")
    if transfer is None:
        raise missing("transfer", request.match_info["id"])
    return json_response(transfer)


async def transfer_list(request: web.Request) -> web.Response:
    transfers = request.app[STATE].all("transfer", owner=_api_key())
    destination = request.query.get("destination")
    if destination:
        transfers = [transfer for transfer in transfers if transfer["destination"] == destination]
    return json_response(list_object("/v1/transfers", transfers, request.query))


ROUTES = [
    ("POST", "/v1/accounts", account_create),
    ("GET", "/v1/accounts", account_list),
    ("GET", "/v1/accounts/{id}", account_retrieve),
    ("POST", "/v1/accounts/{id}", account_update),
    ("POST", "/v1/accounts/{id}/login_links", login_link_create),
    ("POST", "/v1/account_links", account_link_create),
    ("POST", "/v1/transfers", transfer_create),
    ("GET", "/v1/transfers", transfer_list),
    ("GET", "/v1/transfers/{id}", transfer_retrieve),
    ("POST", "/_local/accounts/{id}/complete_onboarding", account_complete_onboarding),
    ("GET", "/_local/connect/onboarding/{id}", onboarding_page),
    ("GET", "/_local/connect/dashboard/{id}", dashboard_page),
]
