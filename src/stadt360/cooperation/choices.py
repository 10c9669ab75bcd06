from django.db import models
from django.utils.translation import gettext_lazy as _


class PostType(models.TextChoices):
    SPARE_CAPACITY = "spare_capacity", _("Spare capacity")
    SUPPLIER_WANTED = "supplier_wanted", _("Supplier wanted")
    PROJECT_PARTNER = "project_partner", _("Project partner")
    RESEARCH_PARTNER = "research_partner", _("Research partner")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship cooperation")
    CITY_CHALLENGE = "city_challenge", _("City challenge")


class Direction(models.TextChoices):
    NEED = "need", _("We need")
    OFFER = "offer", _("We offer")


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not on the board)")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RecipientStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    ASKED_BACK = "asked_back", _("Question asked")
    DECLINED = "declined", _("Declined")


# Pairs of types that answer each other although they differ (need type, offer type).
COMPLEMENTARY_TYPES = frozenset(
    {
        (PostType.SUPPLIER_WANTED, PostType.SPARE_CAPACITY),
        (PostType.CITY_CHALLENGE, PostType.PROJECT_PARTNER),
        (PostType.CITY_CHALLENGE, PostType.RESEARCH_PARTNER),
    }
)
