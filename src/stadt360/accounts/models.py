from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account. E-mail is the login; the username stays for the admin.

    Roles are groups (see ``accounts.roles``); what a role may do is declared once in
    ``accounts.rules``.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, default="de", blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
