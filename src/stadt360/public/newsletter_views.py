"""The newsletter's public pages: sign-up, confirmation, unsubscribe, topics.

The answer to a sign-up is the same for every address (no enumeration). The unsubscribe
URL is the one in the ``List-Unsubscribe`` header: a POST unsubscribes at once (RFC 8058:
mail programs post ``List-Unsubscribe=One-Click`` without a CSRF token, the secret token
in the URL is the authorisation); a GET shows a page with a button.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from stadt360.accounts.throttle import client_ip
from stadt360.newsletter.consent import CONSENT_TEXT, CONSENT_VERSION
from stadt360.newsletter.models import Subscriber, SubscriberStatus
from stadt360.newsletter.services import (
    LinkExpired,
    TooManySignups,
    confirm,
    set_topics,
    subscribe,
    subscriber_for_token,
    unsubscribe,
)

from .newsletter_forms import SignupForm, TopicsForm


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    status = 200  # also with errors, like the site's other forms; 429 when limited
    # The start page's short form sends the address by GET: it is only filled in here.
    initial = {"email": request.GET.get("email", "")[:254]}
    form = SignupForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            subscribe(
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                consent=form.cleaned_data["consent"],
                language=(get_language() or "de").split("-")[0],
                sender_ip=client_ip(request),
            )
        except TooManySignups as limited:
            form.add_error(None, limited)
            status = 429
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("public:newsletter-thanks")
    context = {"form": form, "consent_version": CONSENT_VERSION, "consent_text": CONSENT_TEXT}
    return render(request, "public/newsletter/signup.html", context, status=status)


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "public/newsletter/thanks.html", {"hours": settings.NEWSLETTER_CONFIRM_HOURS}
    )


@require_http_methods(["GET", "POST"])
def confirm_view(request: HttpRequest, signed: str) -> HttpResponse:
    """GET: a button (link scanners in mail systems must not confirm); POST: confirmed."""
    if request.method == "GET":
        return render(request, "public/newsletter/confirm.html", {"signed": signed})
    try:
        subscriber = confirm(signed=signed)
    except ValidationError as error:
        expired = isinstance(error, LinkExpired)
        context = {"message": error.messages[0], "expired": expired}
        return render(
            request, "public/newsletter/link_invalid.html", context, status=410 if expired else 404
        )
    return render(request, "public/newsletter/confirmed.html", {"subscriber": subscriber})


def _subscriber_or_404(token: str) -> Subscriber:
    subscriber = subscriber_for_token(token)
    if subscriber is None:
        raise Http404("unknown newsletter link")
    return subscriber


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber_or_404(token)
    if request.method == "POST":
        unsubscribe(subscriber=subscriber)
        return render(request, "public/newsletter/unsubscribed.html")
    done = subscriber.status == SubscriberStatus.UNSUBSCRIBED
    template = (
        "public/newsletter/unsubscribed.html" if done else "public/newsletter/unsubscribe.html"
    )
    return render(request, template, {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber_or_404(token)
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return render(request, "public/newsletter/unsubscribed.html")
    chosen = list(subscriber.topics.values_list("slug", flat=True))
    form = TopicsForm(
        request.POST if request.method == "POST" else None, initial={"topics": chosen}
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        set_topics(subscriber=subscriber, topics=form.cleaned_data["topics"])
        saved = True
    context = {"form": form, "subscriber": subscriber, "saved": saved}
    return render(request, "public/newsletter/manage.html", context)
