"""Benchmark: zone travel-time matrices (geometric modes, transit by Gera's demo headways).

Builds the matrices for a Gera-sized grid (500 m cells) and for the snapshot's ceiling
(``MAX_ZONES`` cells), prints the median zone minutes per mode and transit period, and
checks the point-level promise on random doors (every door-to-door minute ≤ its zone
minute: ``exact``). Last line:
``travel: build_ms_gera=<n> build_ms_max=<n> transit_median_peak=<n> exact=<bool>``.

    python bench/travel.py [--rounds 3] [--doors 2000]
"""

import argparse
import statistics
import time

import numpy as np

from stadt360.mobility.geometric import GeometricProvider
from stadt360.mobility.zones import ZoneGrid, ZoneMatrices, build_zone_matrices

GERA = (50.83, 11.98, 50.93, 12.17)
MAX_ZONES = 2_500  # the snapshot's ceiling (bundles/snapshot.py; importing it needs Django)
PERIODS = ("early", "peak", "day", "evening")


def build_ms(grid: ZoneGrid, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        build_zone_matrices(grid)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def max_grid() -> ZoneGrid:
    """A square grid of about ``MAX_ZONES`` 500 m cells around Gera's centre."""
    side_km = 0.5 * int(MAX_ZONES**0.5)
    south, west = 50.88 - side_km / 222.4, 12.08 - side_km / 140.3
    return ZoneGrid(south, west, south + side_km / 111.195, west + side_km / 70.15, 0.5)


def medians(matrices: ZoneMatrices) -> dict[str, float]:
    off = ~np.eye(matrices.minutes.shape[1], dtype=bool)
    return {
        m.value: float(np.median(matrices.minutes[i][off])) for i, m in enumerate(matrices.modes)
    }


def promise_holds(grid: ZoneGrid, matrices: ZoneMatrices, doors: int) -> bool:
    rng = np.random.default_rng(360)
    rows, cols = grid.shape
    lat = grid.south + rng.random(doors) * rows * grid.lat_step
    lon = grid.west + rng.random(doors) * cols * grid.lon_step
    points, zones = np.column_stack([lat, lon]), grid.zone_of(lat, lon)
    provider = GeometricProvider()
    return all(
        bool(
            np.all(
                provider.matrix(points, points, mode) <= matrices.minutes[i][np.ix_(zones, zones)]
            )
        )
        for i, mode in enumerate(matrices.modes)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--doors", type=int, default=2000)
    args = parser.parse_args()
    gera = ZoneGrid(*GERA, cell_km=0.5)
    gera_ms, max_ms = build_ms(gera, args.rounds), build_ms(max_grid(), args.rounds)
    print(
        f"Gera grid: {gera.size} zones, {gera_ms:.0f} ms; {max_grid().size} zones, {max_ms:.0f} ms"
    )
    for period in PERIODS:
        print(f"median zone minutes, {period}: {medians(build_zone_matrices(gera, period=period))}")
    peak = build_zone_matrices(gera)
    exact = promise_holds(gera, peak, args.doors)
    transit = medians(peak)["transit"]
    print(
        f"travel: build_ms_gera={gera_ms:.0f} build_ms_max={max_ms:.0f} "
        f"transit_median_peak={transit:.0f} exact={str(exact).lower()}"
    )


if __name__ == "__main__":
    main()
