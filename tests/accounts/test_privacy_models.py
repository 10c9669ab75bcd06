"""Every installed model that can hold personal data is covered by the privacy registry.

The walk looks at every model Django knows (ours and third-party: allauth, axes, sessions,
django_tasks, ...) and flags fields that hold personal data by type (e-mail, IP address, a
link to a user) or by name (names, phone, username, free text people write). A flagged
model must be registered in ``accounts.privacy`` (export and deletion) or be listed below
with the reason it holds no personal data of an account. A new model with personal
fields fails here until someone decides.
"""

import re

from django.apps import apps
from django.conf import settings
from django.db import connection, models

from stadt360.accounts.privacy import covered_models

PERSONAL_NAME = re.compile(
    r"(^|_)(e?mail|phone|mobile|fax|name|username|ip|user_agent|message|body|text|answer"
    r"|comment|session_data|post_data|get_data|birthday|birth_date|password)(_|$)"
)
PERSONAL_TYPES = (models.EmailField, models.GenericIPAddressField)

# Flagged by the walk but holding no personal data of an account: model → why.
PUBLIC_OFFER = "public offer of an organisation (names of places and things, not people)"
REFERENCE = "reference data shipped with the platform, no person"
EXEMPT = {
    "auth.Group": "role names",
    "auth.Permission": "permission names",
    "core.Region": REFERENCE,
    "core.District": REFERENCE,
    "situations.Office": "public contact data of city offices, published on purpose",
    "childcare.Kita": PUBLIC_OFFER,
    "schools.School": PUBLIC_OFFER,
    "companies.Site": "a company's public site names and addresses",
    "companies.Product": "a company's public products and services",
    "companies.ProductImage": "pictures of public products with their alternative text",
    "portal.OfferImage": "pictures of public offers with their alternative text",
    "search.Document": "search index rebuilt from public offers and posts; no account data",
    "imports.FeedSource": "an organisation's feed settings (name and URL of the feed)",
    "imports.ImportIssue": "messages about records of an organisation's feed, not about people",
    "events.Audience": REFERENCE,
    "events.Topic": REFERENCE,
    "events.Event": "the organiser's consent text and event texts, no data about people",
    # Editorial pages (Wagtail, /cms/): public texts written by staff; the links to the staff
    # account are emptied (SET NULL) or removed (CASCADE) when the account is deleted.
    **dict.fromkeys(
        [
            "site.NewsTopic",
            "site.SiteRootPage",
            "site.CentreHomePage",
            "site.NewsIndexPage",
            "site.NewsPage",
            "site.LegalPage",
            "wagtailcore.Page",
            "wagtailcore.Site",
            "wagtailcore.Collection",
            "wagtailcore.Workflow",
            "wagtailcore.Task",
            "wagtailcore.GroupApprovalTask",
            "wagtailembeds.Embed",
            "wagtailsearch.IndexEntry",
            "taggit.Tag",
            # Wagtail's SQLite full-text table exists only on SQLite.
            *(["wagtailsearch.SQLiteFTSIndexEntry"] if connection.vendor == "sqlite" else []),
        ],
        "public editorial content or its index; the staff links are emptied on account deletion",
    ),
    **dict.fromkeys(
        [
            "wagtailcore.Revision",
            "wagtailcore.UploadedFile",
            "wagtailcore.WorkflowState",
            "wagtailcore.TaskState",
            "wagtailcore.Comment",
            "wagtailcore.CommentReply",
            "wagtailcore.PageSubscription",
            "wagtailcore.APIToken",
            "wagtailimages.Image",
            "wagtaildocs.Document",
            "wagtailusers.UserProfile",
            "wagtailadmin.EditingSession",
            "wagtailadmin.FormState",
            "wagtail_localize.StringTranslation",
            "wagtail_localize.SegmentOverride",
        ],
        "staff work in /cms/: deleting the account removes these rows or empties their link "
        "(CASCADE / SET NULL); not yet part of the data export (issue 9, helper cms)",
    ),
    **dict.fromkeys(
        ["wagtailcore.PageLogEntry", "wagtailcore.ModelLogEntry"],
        "Wagtail's history keeps only the staff account's number; once the account is "
        "deleted it points nowhere and Wagtail shows a deleted user",
    ),
    **dict.fromkeys(
        ["wagtailcore.PageViewRestriction", "wagtailcore.CollectionViewRestriction"],
        "a shared password editors set for a page or collection, no person's password",
    ),
    "django_tasks_database.DBTaskResult": (
        "queue bookkeeping: tasks are enqueued with object ids only; a failed task's traceback"
        " may quote an address, so finished results are deleted by the task_results rule"
    ),
}


def _is_personal(field: models.Field) -> bool:
    if isinstance(field, PERSONAL_TYPES):
        return True
    if field.is_relation and field.related_model is not None:
        return field.related_model._meta.label == settings.AUTH_USER_MODEL
    return bool(PERSONAL_NAME.search(field.name))


def personal_fields(model: type[models.Model]) -> list[str]:
    own = [f for f in model._meta.get_fields() if f.concrete or f.many_to_many]
    return [f.name for f in own if not f.auto_created and _is_personal(f)]


def test_every_model_with_personal_fields_is_covered_or_exempt():
    uncovered = {
        model._meta.label: personal_fields(model)
        for model in apps.get_models()
        if personal_fields(model)
        and model._meta.label not in covered_models()
        and model._meta.label not in EXEMPT
    }
    assert uncovered == {}, (
        "These models hold personal data but neither register export/deletion in a "
        "personal_data module nor are exempt in this test with a reason"
    )


def test_the_walk_finds_personal_fields_of_every_kind():
    """The detector itself: third-party and own models are flagged where they should be."""
    label = {m._meta.label: m for m in apps.get_models()}
    assert personal_fields(label["axes.AccessLog"]) == ["user_agent", "ip_address", "username"]
    assert "contact_email" in personal_fields(label["public.BarrierReport"])
    assert "sent_by" in personal_fields(label["cooperation.Interest"])
    assert {"first_name", "last_name", "email"} <= set(personal_fields(label["accounts.User"]))
    assert personal_fields(label["core.PostcodeArea"]) == []


def test_exemptions_and_registry_name_real_models_and_do_not_overlap():
    labels = {m._meta.label for m in apps.get_models()}
    assert set(EXEMPT) <= labels
    assert covered_models() <= labels
    assert not set(EXEMPT) & covered_models()
    # An exemption for a model without personal fields is stale: remove it.
    assert all(personal_fields(apps.get_model(label)) for label in EXEMPT)
