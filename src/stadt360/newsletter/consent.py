"""The consent text shown at sign-up; its version is stored with every consent.

Change the text → raise ``CONSENT_VERSION``: the stored consents keep the text and the
version the person agreed to.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-12-v1"
CONSENT_TEXT = _(
    "I would like to receive the Gera 360° newsletter on the topics I chose by e-mail. "
    "My e-mail address is used only for this. I can unsubscribe at any time with the "
    "link in every newsletter."
)
