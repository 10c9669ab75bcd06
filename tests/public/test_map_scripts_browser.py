"""The bundle map's tooltips show offer titles as text: a title with markup stays text.

A provider types the title; ``bindTooltip(string)`` puts a string into ``innerHTML``, so a
title like ``<img src=x onerror=…>`` became an element whose handler ran (the page's CSP
blocks inline handlers, the markup was still injected). The test drives the real Leaflet
and ``bundle-map.js`` in Chromium on a blank page (no server, no database, no CSP), so
injected markup would run and show.
"""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser_fixtures import assert_clean, new_context

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "src" / "stadt360" / "public" / "static"
HOSTILE = 'Wohnung <img src=x onerror="window.injected = 1"><b>fett</b>'


def map_page(stops: list[dict]) -> str:
    data = json.dumps({"stops": stops}).replace("<", "\\u003c")  # as json_script writes it
    return (
        '<!doctype html><html lang="de"><head><title>Karte</title></head><body>'
        '<div id="bundle-map" style="width:600px;height:400px" data-tile-url=""></div>'
        f'<script type="application/json" id="bundle-map-data">{data}</script></body></html>'
    )


def test_a_title_with_markup_shows_as_text_in_the_tooltip(browser: Browser) -> None:
    context, watch = new_context(browser, "http://127.0.0.1")
    page = context.new_page()
    stop = {"n": 1, "kind": "flat", "label": f"1. Flat: {HOSTILE}", "lat": 50.88, "lon": 12.08}
    page.set_content(map_page([stop]))
    page.add_style_tag(path=STATIC / "vendor" / "leaflet" / "leaflet.css")
    page.add_script_tag(path=STATIC / "vendor" / "leaflet" / "leaflet.js")
    page.add_script_tag(path=STATIC / "public" / "js" / "bundle-map.js")

    page.locator(".s360-map-marker").hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.text_content() == f"1. Flat: {HOSTILE}"
    assert tooltip.locator("img, b").count() == 0
    assert page.locator(".s360-map-marker").text_content() == "1"
    assert page.evaluate("window.injected") is None
    context.close()
    assert_clean(watch)
