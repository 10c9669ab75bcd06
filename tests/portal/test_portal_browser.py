"""In Chromium: sign in through the real forms (password, then TOTP code), axe on the way."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.urls import reverse

from tests.accounts.totp import current_code
from tests.portal.world import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_in_with_totp_then_dashboard_and_offer_form_pass_axe(world, page, axe_check):
    authenticator = Authenticator.objects.get(user=world.users["editor"], type="totp")
    secret = decrypt(authenticator.data["secret"])

    page.goto(reverse("account_login"))
    axe_check(page)
    page.locator("#id_login").fill("editor@a.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.s360-form button[type=submit]").first.click()
    page.wait_for_url(f"**{reverse('mfa_authenticate')}")
    page.locator("#id_code").fill(current_code(secret))
    page.locator("form.s360-form button[type=submit]").first.click()
    page.wait_for_url(f"**{reverse('portal:dashboard')}")
    assert page.locator("h1").inner_text()
    axe_check(page)

    page.goto(reverse("portal:offer-create", args=["kita"]))
    axe_check(page)
