"""Browse and detail pages for jobs, flats, Kitas and schools.

The selector and FilterSet (the same one the API uses) come from the offer-kind registry;
one ``OfferPage`` per kind adds what only these pages show: sort orders, facts and JSON-LD builder the kind has; two views serve all four kinds.
The list works as a plain GET form; with htmx only the results partial is swapped.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

import django_filters
from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import F, Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from stadt360.childcare.models import FreePlace, Kita, OpeningHours
from stadt360.core.models import Offer
from stadt360.core.templatetags.formatting import (
    STYLES,
    format_date,
    format_money,
    format_number,
    style_for,
)
from stadt360.core.ui.forms import KernBoundField, present_filter_form
from stadt360.core.ui.maps import map_config
from stadt360.housing.models import Flat
from stadt360.jobs.models import Job
from stadt360.offers.registry import registry
from stadt360.schools.models import School

from . import jsonld

PER_PAGE = 20
RESULTS_ID = "offer-results"


class Fact(NamedTuple):
    label: str
    value: str


Sorter = Callable[[QuerySet], QuerySet]


@dataclass(frozen=True)
class OfferPage:
    """Everything that differs between the four offer kinds on the public pages."""

    key: str
    title: Promise
    intro: Promise
    sorts: dict[str, tuple[Promise, Sorter]]
    main_filters: tuple[str, ...]
    facts: Callable[[Any], list[Fact]]
    detail_facts: Callable[[Any], list[Fact]]
    jsonld: Callable[[Any, str], dict[str, Any]]
    pin: str | None
    hints: dict[str, Promise | None] = field(default_factory=dict)

    @property
    def selector(self) -> Callable[[], QuerySet]:
        return registry.get(self.key).selector

    @property
    def filterset(self) -> type[django_filters.FilterSet]:
        return registry.get(self.key).filterset

    def name(self, offer: Any) -> str:
        return offer.title if hasattr(offer, "title") else offer.name


# --- Plain-language facts -------------------------------------------------------------


def amount(value: Decimal | int, decimals: int = 0) -> str:
    """A number without trailing zeros (38,5 and 58,3 but 40), at most ``decimals`` places."""
    exponent = int(Decimal(value).normalize().as_tuple().exponent)
    return format_number(value, min(decimals, max(0, -exponent)))


def money_range(low: int | None, high: int | None) -> str:
    """``2.800–3.400 €`` (de) or ``€2,800–3,400`` (en); one end alone says from/up to."""
    if low is not None and high is not None and low != high:
        if style_for(None) is STYLES["en"]:
            return f"{format_money(low)}–{format_number(high)}"
        return f"{format_number(low)}–{format_money(high)}"
    if low is not None and high is not None:
        return format_money(low)
    if low is not None:
        return gettext("from %(amount)s") % {"amount": format_money(low)}
    return gettext("up to %(amount)s") % {"amount": format_money(high or 0)}


def salary_text(job: Job) -> str:
    if job.salary_min is None and job.salary_max is None:
        return gettext("not stated")
    return gettext("%(range)s gross per month") % {
        "range": money_range(job.salary_min, job.salary_max)
    }


def date_or_now(day: datetime.date | None) -> str:
    if day is None or day <= timezone.localdate():
        return gettext("immediately")
    return format_date(day)


def district_name(offer: Any) -> str:
    return offer.district.name if offer.district else offer.postcode


def languages_text(codes: Sequence[str]) -> str:
    names = []
    for code in codes:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(code)
    return ", ".join(names) or gettext("not stated")


def job_facts(job: Job) -> list[Fact]:
    hours = gettext("%(kind)s, %(hours)s hours per week") % {
        "kind": job.get_employment_type_display(),
        "hours": amount(job.weekly_hours, 1),
    }
    return [
        Fact(gettext("Working hours"), hours),
        Fact(gettext("Salary"), salary_text(job)),
        Fact(gettext("District"), district_name(job)),
        Fact(gettext("Start"), date_or_now(job.start_date)),
    ]


def job_detail_facts(job: Job) -> list[Fact]:
    facts = job_facts(job)
    if job.shift_start and job.shift_end:
        times = f"{job.shift_start:%H:%M}–{job.shift_end:%H:%M}"
        facts.append(Fact(gettext("Usual working time"), times))
    remote = gettext("%(share)s %% of the time") % {"share": job.remote_share}
    facts.append(Fact(gettext("Remote work"), remote if job.remote_share else gettext("no")))
    if job.occupation:
        facts.append(Fact(gettext("Occupation"), job.occupation.title))
    if job.languages:
        facts.append(Fact(gettext("Languages"), languages_text(job.languages)))
    if job.skills:
        facts.append(Fact(gettext("Skills"), ", ".join(job.skills)))
    return facts


def flat_facts(flat: Flat) -> list[Fact]:
    rent = gettext("%(warm)s warm (%(cold)s cold)") % {
        "warm": format_money(flat.warm_rent),
        "cold": format_money(flat.cold_rent),
    }
    return [
        Fact(gettext("Rooms"), amount(flat.rooms, 1)),
        Fact(gettext("Living space"), f"{amount(flat.living_space, 2)} m²"),
        Fact(gettext("Rent per month"), rent),
        Fact(gettext("District"), district_name(flat)),
        Fact(gettext("Available from"), date_or_now(flat.available_from)),
    ]


def yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def flat_detail_facts(flat: Flat) -> list[Fact]:
    facts = flat_facts(flat)
    facts += [
        Fact(gettext("Service costs"), format_money(flat.service_costs)),
        Fact(gettext("Heating costs"), format_money(flat.heating_costs)),
    ]
    if flat.deposit is not None:
        facts.append(Fact(gettext("Deposit"), format_money(flat.deposit)))
    if flat.floor is not None:
        facts.append(Fact(gettext("Floor"), str(flat.floor)))
    return [
        *facts,
        Fact(gettext("Lift"), yes_no(flat.lift)),
        Fact(gettext("Balcony or terrace"), yes_no(flat.balcony)),
        Fact(gettext("Step-free access"), yes_no(flat.step_free)),
        Fact(gettext("Pets"), flat.get_pets_display()),
        Fact(gettext("WBS required"), yes_no(flat.wbs_required)),
    ]


def age_text(months: int) -> str:
    if months % 12 == 0:
        return ngettext("%(n)d year", "%(n)d years", months // 12) % {"n": months // 12}
    if months < 36:
        return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    return gettext("%(years)d years %(months)d months") % {
        "years": months // 12,
        "months": months % 12,
    }


def ages_text(low: int, high: int) -> str:
    if low == 0:
        return gettext("up to %(age)s") % {"age": age_text(high)}
    return f"{age_text(low)} – {age_text(high)}"


WEEKDAY_SHORT = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


def hours_text(entry: OpeningHours) -> str:
    return f"{entry.opens:%H:%M}–{entry.closes:%H:%M}"


def opening_summary(hours: Sequence[OpeningHours]) -> str:
    """``Mon–Fri 06:30–17:00`` when every open day has the same hours, else day by day."""
    if not hours:
        return gettext("not stated")
    times = {hours_text(entry) for entry in hours}
    days = [entry.weekday for entry in hours]
    if len(times) == 1 and days == list(range(days[0], days[-1] + 1)) and len(days) > 1:
        return f"{WEEKDAY_SHORT[days[0]]}–{WEEKDAY_SHORT[days[-1]]} {times.pop()}"
    return "; ".join(f"{WEEKDAY_SHORT[entry.weekday]} {hours_text(entry)}" for entry in hours)


def free_place_text(place: FreePlace) -> str:
    return ngettext(
        "%(count)d free place from %(date)s (%(ages)s)",
        "%(count)d free places from %(date)s (%(ages)s)",
        place.count,
    ) % {
        "count": place.count,
        "date": date_or_now(place.available_from),
        "ages": ages_text(place.min_age_months, place.max_age_months),
    }


def free_places_text(kita: Kita) -> str:
    places = list(kita.free_places.all())
    if not places:
        return gettext("no free places reported")
    return "; ".join(free_place_text(place) for place in places)


def kita_facts(kita: Kita) -> list[Fact]:
    return [
        Fact(gettext("Opening hours"), opening_summary(list(kita.opening_hours.all()))),
        Fact(gettext("Ages"), ages_text(kita.age_from_months, kita.age_to_months)),
        Fact(gettext("Free places"), free_places_text(kita)),
        Fact(gettext("District"), district_name(kita)),
    ]


def kita_detail_facts(kita: Kita) -> list[Fact]:
    fee = format_money(kita.monthly_fee) if kita.monthly_fee is not None else gettext("not stated")
    return [
        *kita_facts(kita),
        Fact(gettext("Concept"), kita.get_concept_display()),
        Fact(gettext("Places in total"), str(kita.capacity)),
        Fact(gettext("Languages"), languages_text(kita.languages)),
        Fact(gettext("Inclusive care"), yes_no(kita.inclusive)),
        Fact(gettext("Parental fee per month"), fee),
    ]


def school_facts(school: School) -> list[Fact]:
    grades = gettext("grades %(low)d to %(high)d") % {
        "low": school.grade_from,
        "high": school.grade_to,
    }
    care = (
        gettext("with Hort/all-day care")
        if school.all_day_care
        else gettext("no Hort/all-day care")
    )
    return [
        Fact(gettext("Type of school"), school.get_school_type_display()),
        Fact(gettext("Grades"), grades),
        Fact(gettext("Care"), care),
        Fact(gettext("District"), district_name(school)),
    ]


def school_detail_facts(school: School) -> list[Fact]:
    return [
        *school_facts(school),
        Fact(gettext("Languages taught"), languages_text(school.languages)),
    ]


# --- The four kinds -----------------------------------------------------------------------


def newest(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("-updated_at", "-id")


def by_name(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("name", "id")


def by_salary(queryset: QuerySet) -> QuerySet:
    return queryset.order_by(F("salary_max").desc(nulls_last=True), "-id")


def by_warm_rent(queryset: QuerySet) -> QuerySet:
    warm = F("cold_rent") + F("service_costs") + F("heating_costs")
    return queryset.alias(warm=warm).order_by("warm", "id")


def by_space(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("-living_space", "id")


def by_capacity(queryset: QuerySet) -> QuerySet:
    return queryset.order_by("-capacity", "id")


PAGES: dict[str, OfferPage] = {
    page.key: page
    for page in (
        OfferPage(
            key="job",
            title=_("Jobs in Gera"),
            intro=_("Jobs from employers in and around Gera, with salary and working hours."),
            sorts={
                "newest": (_("Newest first"), newest),
                "salary": (_("Highest salary first"), by_salary),
            },
            main_filters=("q", "district", "employment_type", "min_salary"),
            facts=job_facts,
            detail_facts=job_detail_facts,
            jsonld=jsonld.job_posting,
            pin="pin_job",
            hints={"remote": None, "occupation": _("A KldB 2010 code or its beginning.")},
        ),
        OfferPage(
            key="flat",
            title=_("Flats in Gera"),
            intro=_("Flats to rent, with warm rent, size and the date you can move in."),
            sorts={
                "newest": (_("Newest first"), newest),
                "rent": (_("Lowest warm rent first"), by_warm_rent),
                "space": (_("Largest first"), by_space),
            },
            main_filters=("max_warm_rent", "min_rooms", "district", "min_space"),
            facts=flat_facts,
            detail_facts=flat_detail_facts,
            jsonld=jsonld.apartment_offer,
            pin="pin_flat",
            hints={
                "pets": None,
                "wbs_required": _("Choose “No” to see only flats you can rent without a WBS."),
            },
        ),
        OfferPage(
            key="kita",
            title=_("Kitas in Gera"),
            intro=_("Day-care centres with opening hours, ages and free places."),
            sorts={
                "name": (_("Name A–Z"), by_name),
                "capacity": (_("Largest first"), by_capacity),
                "newest": (_("Recently updated first"), newest),
            },
            main_filters=("age_months", "from_date", "district", "opens_by"),
            facts=kita_facts,
            detail_facts=kita_detail_facts,
            jsonld=jsonld.child_care,
            pin="pin_kita",
            hints={
                "age_months": _("Shows Kitas with a free place for a child of this age."),
                "from_date": _("Only together with the child's age."),
                "language": _("A language code, for example en or uk."),
            },
        ),
        OfferPage(
            key="school",
            title=_("Schools in Gera"),
            intro=_("Schools with their type, grades and after-school care."),
            sorts={
                "name": (_("Name A–Z"), by_name),
                "newest": (_("Recently updated first"), newest),
            },
            main_filters=("school_type", "grade", "district", "all_day_care"),
            facts=school_facts,
            detail_facts=school_detail_facts,
            jsonld=jsonld.school,
            pin=None,
        ),
    )
}


# --- Sorting -------------------------------------------------------------------------


class SortForm(forms.Form):
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    bound_field_class = KernBoundField

    def __init__(self, *args: Any, page: OfferPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(key, label) for key, (label, _s) in page.sorts.items()]
        self.fields["sort"].choices = choices  # type: ignore[attr-defined]

    def sorter(self, page: OfferPage) -> Sorter:
        key = self.cleaned_data.get("sort") if self.is_valid() else ""
        return page.sorts.get(key or "", next(iter(page.sorts.values())))[1]


# --- Views ----------------------------------------------------------------------------


def is_demo(offer: Any) -> bool:
    return bool(offer.is_demo or offer.provider.is_demo)


@dataclass(frozen=True)
class Row:
    number: int
    offer: Offer
    name: str
    facts: list[Fact]
    demo: bool
    url: str


def rows(page: OfferPage, paged: Page, back: str) -> list[Row]:
    start = paged.start_index()
    return [
        Row(
            number=start + index,
            offer=offer,
            name=page.name(offer),
            facts=page.facts(offer),
            demo=is_demo(offer),
            url=reverse(f"public:{page.key}-detail", args=[offer.pk]) + back,
        )
        for index, offer in enumerate(paged.object_list)
    ]


def map_points(items: list[Row]) -> list[dict[str, Any]]:
    return [
        {
            "n": row.number,
            "lat": row.offer.latitude,
            "lon": row.offer.longitude,
            "label": row.name,
            "address": row.offer.address_line,
            "url": row.url,
        }
        for row in items
    ]


def page_or_404(kind: str) -> OfferPage:
    """The page presentation of a kind (a registered kind without one has no public pages)."""
    try:
        return PAGES[kind]
    except KeyError:
        raise Http404 from None


@require_GET
def offer_list(request: HttpRequest, *, kind: str) -> HttpResponse:
    page = page_or_404(kind)
    filterset = page.filterset(request.GET, queryset=page.selector(), request=request)
    present_filter_form(filterset.form, page.hints)
    sort_form = SortForm(request.GET, page=page)
    valid = filterset.is_valid()
    queryset = sort_form.sorter(page)(filterset.qs) if valid else page.selector().none()
    paged = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    back = "?" + urlencode({"back": request.GET.urlencode()}) if request.GET else ""
    items = rows(page, paged, back)
    more = [name for name in filterset.form.fields if name not in page.main_filters]
    context = {
        "page": page,
        "form": filterset.form,
        "main_fields": [filterset.form[name] for name in page.main_filters],
        "more_fields": [filterset.form[name] for name in more],
        "more_open": any(request.GET.get(name) for name in more) or filterset.form.errors,
        "sort_form": sort_form,
        "paged": paged,
        "page_range": paged.paginator.get_elided_page_range(
            paged.number, on_each_side=1, on_ends=1
        ),
        "rows": items,
        "points": map_points(items),
        "map": map_config(),
        "results_id": RESULTS_ID,
        "list_url": request.path,
    }
    htmx = getattr(request, "htmx", None)  # set by django_htmx's middleware
    if htmx and htmx.target == RESULTS_ID:
        return render(request, "public/offers/offer_list.html#results", context)
    return render(request, "public/offers/offer_list.html", context)


def back_to_list(request: HttpRequest, page: OfferPage) -> str:
    """The list URL with the filters the person came with (only as a query, never a host)."""
    url = reverse(f"public:{page.key}-list")
    query = QueryDict(request.GET.get("back", "")).urlencode()
    return f"{url}?{query}" if query else url


def wizard_link(page: OfferPage, offer: Model) -> str | None:
    if page.pin is None:
        return None
    return reverse("public:wizard") + "?" + urlencode({page.pin: offer.pk})


@require_GET
def offer_detail(request: HttpRequest, pk: int, *, kind: str) -> HttpResponse:
    page = page_or_404(kind)
    offer = get_object_or_404(page.selector(), pk=pk)
    canonical = request.build_absolute_uri(reverse(f"public:{kind}-detail", args=[offer.pk]))
    context = {
        "page": page,
        "offer": offer,
        "name": page.name(offer),
        "facts": page.detail_facts(offer),
        "demo": is_demo(offer),
        "jsonld": jsonld.to_script(page.jsonld(offer, canonical)),
        "back_url": back_to_list(request, page),
        "wizard_url": wizard_link(page, offer),
        "points": [
            {
                "n": 1,
                "lat": offer.latitude,
                "lon": offer.longitude,
                "label": page.name(offer),
                "address": offer.address_line,
                "url": "",
            }
        ],
        "map": map_config(),
        "canonical": canonical,
    }
    return render(request, "public/offers/offer_detail.html", context)
