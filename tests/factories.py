"""factory_boy factories: valid, published objects placed in Gera by default.

Geography comes from the same data the app ships (``core/data/gera*.json`` and the
offline postcode centroids), so a factory-made district sits where ``load_gera`` puts it.
Regions, postcode areas, districts and occupations are get-or-create: many factories
share one "Gera" without unique-key clashes, and they coexist with ``load_gera``.

    job = JobFactory()                                  # employer, occupation, district included
    kita = KitaFactory(opening_hours=[])                # without the default Mon–Fri 6:30–16:30
    FreePlaceFactory(kita=kita, min_age_months=12, max_age_months=36)
    moderator = UserFactory(role=Role.CITY_MODERATOR, mfa=True)   # signs in with PASSWORD
    MembershipFactory(provider=job.provider, role=MemberRole.ADMIN)
    CompanyFactory(provider=job.provider)

People sign in with ``PASSWORD`` (tests hash it with MD5, see the root conftest); staff
roles need ``mfa=True`` (an active TOTP authenticator) to pass the MFA gate.
"""

import datetime
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from django.utils.text import slugify

from stadt360.accounts.models import User
from stadt360.accounts.roles import Role, group
from stadt360.childcare.models import FreePlace, Kita, OpeningHours, Weekday
from stadt360.companies.choices import ProductKind, SizeClass
from stadt360.companies.models import Company, Product
from stadt360.core.choices import OfferSource, OfferStatus
from stadt360.core.data import DATA_DIR
from stadt360.core.data.reference import postcode_centroid, read_json
from stadt360.core.models import District, PostcodeArea, Region
from stadt360.housing.models import Flat
from stadt360.jobs.models import EmploymentType, Job, Occupation
from stadt360.providers.models import MemberRole, Membership, Provider, ProviderKind
from stadt360.schools.models import School, SchoolType

GERA = read_json(DATA_DIR / "gera.json")
GERA_POSTCODES = GERA["postcodes"]
GERA_DISTRICTS = read_json(DATA_DIR / "gera_districts.json")["districts"]
# Real KldB 2010 level-5 classes, so codes stay valid next to a loaded KldB table.
OCCUPATIONS = [
    (
        "81302",
        "Berufe in der Gesundheits- und Krankenpflege (ohne Spezialisierung) "
        "– fachlich ausgerichtete Tätigkeiten",
    ),
    ("83112", "Berufe in der Kinderbetreuung und -erziehung – fachlich ausgerichtete Tätigkeiten"),
    ("43413", "Berufe in der Softwareentwicklung – komplexe Spezialistentätigkeiten"),
    ("51312", "Berufe in der Lagerwirtschaft – fachlich ausgerichtete Tätigkeiten"),
    (
        "62102",
        "Berufe im Verkauf (ohne Produktspezialisierung) – fachlich ausgerichtete Tätigkeiten",
    ),
    (
        "73202",
        "Berufe in der öffentlichen Verwaltung (ohne Spezialisierung) "
        "– fachlich ausgerichtete Tätigkeiten",
    ),
]


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = GERA["slug"]
    name = GERA["name"]
    ags = GERA["ags"]
    population = GERA["population"]
    latitude = factory.LazyFunction(lambda: postcode_centroid(GERA["centre_postcode"])[0])
    longitude = factory.LazyFunction(lambda: postcode_centroid(GERA["centre_postcode"])[1])


class PostcodeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostcodeArea
        django_get_or_create = ("postcode",)

    class Params:
        entry = factory.Iterator(GERA_POSTCODES)

    region = factory.SubFactory(RegionFactory)
    postcode = factory.LazyAttribute(lambda o: o.entry["postcode"])
    label = factory.LazyAttribute(lambda o: o.entry["label"])
    latitude = factory.LazyAttribute(lambda o: postcode_centroid(o.postcode)[0])
    longitude = factory.LazyAttribute(lambda o: postcode_centroid(o.postcode)[1])


class DistrictFactory(factory.django.DjangoModelFactory):
    """Cycles through Gera's Ortsteile; positioned at the postcode centroid like load_gera."""

    class Meta:
        model = District
        django_get_or_create = ("region", "slug")

    class Params:
        entry = factory.Iterator(GERA_DISTRICTS)

    region = factory.SubFactory(RegionFactory)
    name = factory.LazyAttribute(lambda o: o.entry["name"])
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    postcode = factory.LazyAttribute(lambda o: o.entry["postcode"])
    latitude = factory.LazyAttribute(lambda o: postcode_centroid(o.postcode)[0])
    longitude = factory.LazyAttribute(lambda o: postcode_centroid(o.postcode)[1])
    position_verified = False


class AddressMixin(factory.django.DjangoModelFactory):
    """Address fields: a street in the district and a point a few hundred metres from it."""

    class Meta:
        abstract = True

    district = factory.SubFactory(DistrictFactory)
    street = factory.Sequence(lambda n: f"Sorge {n % 120 + 1}")
    postcode = factory.LazyAttribute(lambda o: o.district.postcode)
    city = "Gera"
    latitude = factory.LazyAttributeSequence(lambda o, n: o.district.latitude + (n % 7 - 3) * 0.001)
    longitude = factory.LazyAttributeSequence(
        lambda o, n: o.district.longitude + (n % 5 - 2) * 0.0015
    )


class ProviderFactory(AddressMixin):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Testanbieter {n} GmbH")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = ProviderKind.EMPLOYER
    email = factory.LazyAttribute(lambda o: f"kontakt@{o.slug}.example")
    verified = True
    is_demo = False


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ("code",)

    class Params:
        entry = factory.Iterator(OCCUPATIONS)

    code = factory.LazyAttribute(lambda o: o.entry[0])
    title = factory.LazyAttribute(lambda o: o.entry[1])
    level = 5
    parent = None


class OfferFactory(AddressMixin):
    """Published, valid for two months, entered by hand (not demo data)."""

    class Meta:
        abstract = True

    status = OfferStatus.PUBLISHED
    valid_until = factory.LazyFunction(lambda: in_days(60))
    source = OfferSource.MANUAL
    external_id = ""


class JobFactory(OfferFactory):
    class Meta:
        model = Job

    provider = factory.SubFactory(ProviderFactory, kind=ProviderKind.EMPLOYER)
    title = "Pflegefachkraft (m/w/d)"
    description = "Wir suchen Verstärkung für unser Team."
    occupation = factory.SubFactory(OccupationFactory)
    employment_type = EmploymentType.FULL_TIME
    weekly_hours = Decimal("38.5")
    shift_start = datetime.time(6, 0)
    shift_end = datetime.time(14, 15)
    salary_min = 3300
    salary_max = 3900
    start_date = None
    skills = factory.LazyFunction(lambda: ["Grundpflege"])
    languages = factory.LazyFunction(lambda: ["de"])


class FlatFactory(OfferFactory):
    class Meta:
        model = Flat

    provider = factory.SubFactory(ProviderFactory, kind=ProviderKind.HOUSING)
    title = "Helle 3-Raum-Wohnung mit Balkon"
    rooms = Decimal("3.0")
    living_space = Decimal("65.00")
    cold_rent = Decimal("420.00")
    service_costs = Decimal("130.00")
    heating_costs = Decimal("78.00")
    deposit = Decimal("1260.00")
    available_from = factory.LazyFunction(lambda: in_days(0))
    floor = 2
    balcony = True


class KitaFactory(OfferFactory):
    """A mixed Kita (0–78 months) open Monday to Friday 6:30–16:30 unless told otherwise.

    ``opening_hours=[]`` creates none; a list of ``(weekday, opens, closes)`` creates those.
    """

    class Meta:
        model = Kita
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory, kind=ProviderKind.CHILDCARE)
    name = factory.Sequence(lambda n: f"Kita Testhaus {n}")
    capacity = 80
    age_from_months = 0
    age_to_months = 78
    languages = factory.LazyFunction(lambda: ["de"])

    @factory.post_generation
    def opening_hours(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if not create:
            return
        rows = extracted
        if rows is None:
            rows = [
                (day, datetime.time(6, 30), datetime.time(16, 30))
                for day in range(Weekday.SATURDAY)
            ]
        for weekday, opens, closes in rows:
            OpeningHours.objects.create(kita=self, weekday=weekday, opens=opens, closes=closes)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    """Use with ``KitaFactory(opening_hours=[])``: a Kita opens at most once a weekday."""

    class Meta:
        model = OpeningHours

    kita = factory.SubFactory(KitaFactory, opening_hours=[])
    weekday = Weekday.MONDAY
    opens = datetime.time(6, 30)
    closes = datetime.time(16, 30)


class FreePlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FreePlace

    kita = factory.SubFactory(KitaFactory)
    min_age_months = 12
    max_age_months = 36
    available_from = factory.LazyFunction(lambda: in_days(0))
    count = 2


class SchoolFactory(OfferFactory):
    class Meta:
        model = School

    provider = factory.SubFactory(ProviderFactory, kind=ProviderKind.SCHOOL)
    name = factory.Sequence(lambda n: f"Staatliche Grundschule Test {n}")
    school_type = SchoolType.GRUNDSCHULE
    grade_from = 1
    grade_to = 4
    all_day_care = True
    languages = factory.LazyFunction(lambda: ["en"])


# --- People and organisations -------------------------------------------------------

PASSWORD = "Gera-test-passwort-2026!"


def add_totp(user: User) -> str:
    """Activates a TOTP authenticator for ``user`` and returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified primary e-mail address who signs in with ``PASSWORD``.

    ``role`` adds the role's group (resident, city moderator …); ``mfa=True`` activates TOTP.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    password = PASSWORD

    @classmethod
    def _create(cls, model_class: type[User], *args: object, **kwargs: object) -> User:
        return model_class.objects.create_user(*args, **kwargs)  # hashes the password

    @factory.post_generation
    def verified_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if create and extracted is not None:
            self.groups.add(group(extracted))

    @factory.post_generation
    def mfa(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted:
            add_totp(self)


def make_user(email: str, *, role: Role | None = None, mfa: bool = False) -> User:
    return UserFactory(email=email, role=role, mfa=mfa)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A member of an organisation (editor unless told), with the mirror group of the role."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, mfa=True)
    provider = factory.SubFactory(ProviderFactory)
    role = MemberRole.EDITOR

    @factory.post_generation
    def mirror_group(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            admin = self.role == MemberRole.ADMIN
            self.user.groups.add(group(Role.PROVIDER_ADMIN if admin else Role.PROVIDER_EDITOR))


def add_member(user: User, provider: Provider, role: str) -> Membership:
    return MembershipFactory(user=user, provider=provider, role=role)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    provider = factory.SubFactory(ProviderFactory, kind=ProviderKind.EMPLOYER)
    description = "Ein Unternehmen in Gera."
    wz_code = "25.62"
    wz_label = "Mechanik a. n. g."
    wz_section = "C"
    size_class = SizeClass.SMALL


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    company = factory.SubFactory(CompanyFactory)
    kind = ProductKind.PRODUCT
    name = factory.Sequence(lambda n: f"Produkt {n}")
    category = "metal_parts"


def _factory_classes(root: type = factory.base.BaseFactory) -> list[type]:
    found = []
    for subclass in root.__subclasses__():
        found += [subclass, *_factory_classes(subclass)]
    return found


def reset_factory_state() -> None:
    """Every factory starts over: iterators at their first entry, sequences at 0.

    factory_boy keeps both per process, so without this a test's data depends on how many
    objects earlier tests on the same worker made (a job's occupation comes from an
    iterator: after one earlier job, a "Buchhalter" got the nursing occupation).
    """
    for cls in _factory_classes():
        if cls._meta.abstract:
            continue
        for declaration in cls._meta.declarations.values():
            if isinstance(declaration, factory.Iterator):
                declaration.reset()
        cls.reset_sequence(0, force=True)
