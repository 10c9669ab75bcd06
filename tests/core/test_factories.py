"""The shared factories make valid, published objects placed in Gera."""

import pytest
from django.db import models

from stadt360.core.geo import haversine_km
from stadt360.core.models import District, PostcodeArea, Region
from tests.factories import (
    DistrictFactory,
    FlatFactory,
    FreePlaceFactory,
    JobFactory,
    KitaFactory,
    OccupationFactory,
    OpeningHoursFactory,
    PostcodeAreaFactory,
    ProviderFactory,
    RegionFactory,
    SchoolFactory,
)

OFFER_FACTORIES = [JobFactory, FlatFactory, KitaFactory, SchoolFactory]
GERA_CENTRE = (50.88, 12.0825)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [
        RegionFactory,
        PostcodeAreaFactory,
        DistrictFactory,
        ProviderFactory,
        OccupationFactory,
        *OFFER_FACTORIES,
    ],
)
def test_factory_objects_pass_full_clean(factory: type) -> None:
    first, second = factory(), factory()
    for obj in (first, second):
        obj.full_clean()
        assert isinstance(obj, models.Model)
        assert obj.pk


@pytest.mark.django_db
@pytest.mark.parametrize("factory", OFFER_FACTORIES)
def test_offers_are_published_and_placed_in_gera(factory: type) -> None:
    offer = factory()

    assert type(offer).objects.published().filter(pk=offer.pk).exists()
    assert not offer.is_demo
    assert offer.provider.verified
    assert haversine_km(offer.latitude, offer.longitude, *GERA_CENTRE) < 12
    assert offer.postcode == offer.district.postcode
    assert (
        haversine_km(
            offer.latitude, offer.longitude, offer.district.latitude, offer.district.longitude
        )
        < 1
    )


@pytest.mark.django_db
def test_geography_is_shared_not_duplicated() -> None:
    JobFactory.create_batch(3)
    FlatFactory.create_batch(3)

    assert Region.objects.count() == 1
    assert District.objects.count() <= 16
    assert PostcodeAreaFactory().region == Region.objects.get()
    assert PostcodeArea.objects.count() == 1


@pytest.mark.django_db
def test_kita_factory_opening_hours_and_free_places() -> None:
    kita = KitaFactory()
    assert [h.weekday for h in kita.opening_hours.all()] == [0, 1, 2, 3, 4]

    bare = KitaFactory(opening_hours=[])
    OpeningHoursFactory(kita=bare, weekday=2).full_clean()
    assert bare.opening_hours.count() == 1

    place = FreePlaceFactory(kita=kita)
    place.full_clean()
    assert type(kita).objects.with_free_places(24, place.available_from).filter(pk=kita.pk).exists()


@pytest.mark.django_db
def test_occupation_factory_uses_real_level_five_codes() -> None:
    occupation = OccupationFactory()
    assert len(occupation.code) == 5
    assert occupation.code.isdigit()
    assert OccupationFactory(code=occupation.code) == occupation
