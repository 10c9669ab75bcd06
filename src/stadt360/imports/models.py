"""Feed sources, import runs and the issues a run reports in plain words."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadt360.core.models import TimeStamped

from .storage import private_storage, run_upload_name, source_file_name


class FeedFormat(models.TextChoices):
    AUTO = "auto", _("Detect automatically")
    OPENIMMO = "openimmo", _("OpenImmo XML (flats)")
    CSV = "csv", _("CSV with a column mapping (flats)")
    JOBPOSTING = "jobposting", _("schema.org JobPosting (jobs)")
    BA = "ba", _("Federal Employment Agency job search JSON (jobs)")
    KITAS = "kitas", _("Kitas and schools (CSV template or GeoJSON)")
    ICAL = "ical", _("iCalendar calendar (events)")


class Schedule(models.TextChoices):
    HOURLY = "hourly", _("Every hour")
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    MANUAL = "manual", _("Only by hand")


class FeedSource(TimeStamped):
    """Where a provider's feed comes from and how it is read."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="feed_sources"
    )
    name = models.CharField(_("name"), max_length=200)
    format = models.CharField(
        _("format"), max_length=12, choices=FeedFormat.choices, default=FeedFormat.AUTO
    )
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    file = models.FileField(
        _("uploaded file"), upload_to=source_file_name, storage=private_storage, blank=True
    )
    schedule = models.CharField(
        _("schedule"), max_length=8, choices=Schedule.choices, default=Schedule.MANUAL
    )
    full_feed = models.BooleanField(
        _("full feed"),
        default=False,
        help_text=_("A full feed lists every offer: offers missing from it are withdrawn."),
    )
    column_mapping = models.JSONField(
        _("column mapping (CSV)"),
        default=dict,
        blank=True,
        help_text=_('A preset name ({"preset": "jenawohnen"}) or {"columns": {index: field}}.'),
    )
    active = models.BooleanField(_("active"), default=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)

    class Meta:
        ordering = ["provider", "name"]
        verbose_name = _("feed source")
        verbose_name_plural = _("feed sources")

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    PARTIAL = "partial", _("Partly imported")
    FAILED = "failed", _("Failed")
    REJECTED = "rejected", _("File rejected")


class ImportRun(models.Model):
    """One import of one file: its progress, its counts and (as issues) what went wrong."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="import_runs"
    )
    source = models.ForeignKey(
        FeedSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    format = models.CharField(
        _("format"), max_length=12, choices=FeedFormat.choices, default=FeedFormat.AUTO
    )
    full_feed = models.BooleanField(_("full feed"), default=False)
    file_name = models.CharField(_("file"), max_length=300, blank=True)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    # Private, under a random name; ``file_name`` keeps the name the person gave it.
    upload = models.FileField(
        _("uploaded file"), upload_to=run_upload_name, storage=private_storage, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    kind = models.CharField(_("kind of offers"), max_length=8, blank=True)
    total = models.PositiveIntegerField(_("records in the file"), default=0)
    processed = models.PositiveIntegerField(_("records processed"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0)
    message = models.TextField(_("message"), blank=True)
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The lease of the worker executing the run (renewed with every batch): a run whose lease
    # expired, or whose worker process is gone, was interrupted and is resumed or closed.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    lease_expires_at = models.DateTimeField(_("lease expires"), null=True, blank=True)
    content_digest = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name or self.url} ({self.status})"

    @property
    def percent(self) -> int:
        """Progress for a progress bar (0–100)."""
        if self.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            return 100
        return int(100 * self.processed / self.total) if self.total else 0

    @property
    def via(self) -> str:
        """The channel named in audit entries of this run's writes."""
        return f"import-run:{self.pk}"


class IssueLevel(models.TextChoices):
    ERROR = "error", _("Record rejected")
    SKIPPED = "skipped", _("Record skipped")
    WARNING = "warning", _("Note")


class ImportIssue(models.Model):
    """One problem with one record (or the file), in the clerk's words."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="issues")
    level = models.CharField(_("level"), max_length=8, choices=IssueLevel.choices)
    position = models.CharField(_("where in the file"), max_length=200, blank=True)
    external_id = models.CharField(_("provider's own id"), max_length=120, blank=True)
    field = models.CharField(_("field"), max_length=80, blank=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    message = models.TextField(_("message"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("import issue")
        verbose_name_plural = _("import issues")

    def __str__(self) -> str:
        return self.message
