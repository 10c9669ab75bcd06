"""Transit by headways per period and transfers: Gera's demo data, hand-computed minutes."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stadt360.mobility.geometric import Mode, transit_profile
from stadt360.mobility.transit import TransitProfile, load_city_transit, parse_city_transit
from stadt360.mobility.zones import ZoneGrid, build_zone_matrices

# Access and egress: 0.25 km × 1.3 ÷ 4.5 km/h each = 4.333 min; on board 1.3 ÷ 20 km/h.
ACCESS = 2 * 0.25 * 1.3 / 4.5 * 60
ON_BOARD_PER_KM = 1.3 / 20 * 60
WALK_PER_KM = 1.3 / 4.5 * 60


def test_gera_data_is_labelled_demo_data() -> None:
    gera = load_city_transit("gera")
    assert (gera.city, gera.label, gera.synthetic) == ("Gera", "Demodaten", True)
    assert gera.default_period == "peak"
    assert {p.name for p in gera.periods} == {"early", "peak", "day", "evening"}


@pytest.mark.parametrize(
    ("minute", "period"),
    [(300, "early"), (450, "peak"), (720, "day"), (960, "peak"), (1200, "evening"), (120, None)],
)
def test_period_of_a_departure(minute: int, period: str | None) -> None:
    found = load_city_transit("gera").period_at(minute)
    assert (found.name if found else None) == period


@pytest.mark.parametrize(
    ("period", "km", "minutes"),
    [
        # short trips: walking all the way is faster than walk + wait + ride
        ("peak", 1.0, WALK_PER_KM),
        # one line: access + half the bus headway (20 min) + on board
        ("peak", 2.5, ACCESS + 10 + 2.5 * ON_BOARD_PER_KM),
        # one transfer beyond 3 km: + penalty 3 + half the tram headway (10 min)
        ("peak", 5.0, ACCESS + 10 + 5 * ON_BOARD_PER_KM + 3 + 5),
        # two transfers beyond 8 km
        ("peak", 9.0, ACCESS + 10 + 9 * ON_BOARD_PER_KM + 2 * (3 + 5)),
        # evening: bus every 60, tram every 30 minutes
        ("evening", 5.0, ACCESS + 30 + 5 * ON_BOARD_PER_KM + 3 + 15),
        ("day", 5.0, ACCESS + 15 + 5 * ON_BOARD_PER_KM + 3 + 7.5),
    ],
)
def test_transit_minutes_by_hand(period: str, km: float, minutes: float) -> None:
    got = transit_profile("gera", period).minutes(np.array([km]))
    assert float(got[0]) == pytest.approx(minutes, abs=1e-9)


def test_transfers_start_beyond_each_distance() -> None:
    got = transit_profile().transfers(np.array([0.0, 3.0, 3.01, 8.0, 8.01, 20.0]))
    assert got.tolist() == [0, 0, 1, 1, 2, 2]


def test_lower_minutes_leave_out_only_the_transfers() -> None:
    profile = transit_profile()
    assert float(profile.lower_minutes(np.array([9.0]))[0]) == pytest.approx(
        ACCESS + 10 + 9 * ON_BOARD_PER_KM
    )


profiles = st.builds(
    TransitProfile,
    walk_kmh=st.floats(3.0, 6.0),
    walk_detour=st.floats(1.0, 1.6),
    stop_distance_km=st.floats(0.05, 1.0),
    speed_kmh=st.floats(8.0, 40.0),
    detour=st.floats(1.0, 1.8),
    transfer_beyond_km=st.lists(st.floats(0.5, 20.0), max_size=3).map(lambda x: tuple(sorted(x))),
    transfer_penalty_min=st.floats(0.0, 60.0),
    first_wait_min=st.floats(0.5, 60.0),
    transfer_wait_min=st.floats(0.5, 60.0),
)
km = st.floats(0.0, 30.0)


@given(profiles, km, km)
def test_lower_minutes_bound_every_split_of_a_trip(
    profile: TransitProfile, first: float, second: float
) -> None:
    """Any data: monotone minutes, and a bound no two legs undercut (zones rely on it)."""
    legs, whole = np.array([first, second]), np.array([first + second])
    assert profile.lower_minutes(legs).sum() >= profile.lower_minutes(whole)[0] - 1e-9
    assert np.all(profile.lower_minutes(legs) <= profile.minutes(legs))
    assert profile.minutes(legs).max() <= profile.minutes(whole)[0] + 1e-9


def _raw() -> dict:
    return {
        "meta": {"city": "X", "label": "Demodaten", "synthetic": True, "default_period": "peak"},
        "access": {"stop_distance_km": 0.3},
        "in_vehicle": {"speed_kmh": 20.0, "detour": 1.3},
        "transfers": {"beyond_km": [3.0], "penalty_min": 3.0},
        "periods": {"peak": {"windows": [[360, 540]], "tram_headway_min": 10,
                             "bus_headway_min": 20}},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [
        ("transfers", "beyond_km", [8.0, 3.0]),
        ("in_vehicle", "speed_kmh", 0.0),
        ("in_vehicle", "detour", 0.9),
        ("transfers", "penalty_min", -1.0),
        ("meta", "default_period", "night"),
    ],
)
def test_absurd_city_data_is_refused(table: str, key: str, value: object) -> None:
    raw = _raw()
    assert parse_city_transit(raw).city == "X"
    raw[table][key] = value
    with pytest.raises(ValueError, match="transit"):
        parse_city_transit(raw)


@pytest.mark.parametrize("headway", [0, -10])
def test_headways_must_be_positive(headway: int) -> None:
    raw = _raw()
    raw["periods"]["peak"]["bus_headway_min"] = headway
    with pytest.raises(ValueError, match="headways"):
        parse_city_transit(raw)


def test_matrix_period_is_a_builder_parameter() -> None:
    grid = ZoneGrid(50.85, 12.03, 50.91, 12.13, cell_km=1.0)
    transit = build_zone_matrices(grid).modes.index(Mode.TRANSIT)
    peak = build_zone_matrices(grid).minutes[transit]
    evening = build_zone_matrices(grid, period="evening").minutes[transit]
    assert np.array_equal(build_zone_matrices(grid, period="peak").minutes[transit], peak)
    assert np.all(evening >= peak)
    assert np.any(evening > peak)
