"""Payment errors as API errors: each product's exception handler renders them in its own format."""

from rest_framework import exceptions, status

from core.api.exceptions import ServiceUnavailable


class PaymentsUnavailable(ServiceUnavailable):
    """No Stripe key (or webhook secret) for this product: its payment endpoints answer 503."""

    default_detail = "Payments are not available on this service right now."
    default_code = "payments_unavailable"


class PaymentDeclined(exceptions.APIException):
    """Stripe refused the charge (card declined, insufficient funds, ...): the payer can try another way."""

    status_code = status.HTTP_402_PAYMENT_REQUIRED
    default_detail = "The payment was declined."
    default_code = "payment_declined"


class PaymentRequestInvalid(exceptions.ValidationError):
    """Stripe refused what we asked with what the client gave us (an unknown payment method, ...)."""

    default_code = "payment_invalid"


class PaymentProviderError(exceptions.APIException):
    """Stripe could not be reached or failed: nothing was charged twice, and the request may be retried."""

    status_code = status.HTTP_502_BAD_GATEWAY
    default_detail = "The payment provider could not be reached. Try again in a moment."
    default_code = "payment_provider_error"


class WebhookSignatureInvalid(exceptions.ParseError):
    """A webhook body that Stripe did not sign with this product's secret, or that is not a Stripe event."""

    default_detail = "Invalid Stripe signature."
    default_code = "invalid_signature"
