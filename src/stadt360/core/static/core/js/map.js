/*
 * Offer maps: a view of the same offers the list shows, never the only way to them.
 *
 * Reads the points from <script type="application/json" id="offer-map-data"> (rendered
 * with json_script) and the tile settings from data attributes on #offer-map. No inline
 * script, no eval: it runs under the site's nonce-based Content Security Policy.
 * Without tiles (none configured, or they fail to load) the markers stay on a blank
 * background and a notice says that the list holds every place.
 * After htmx swaps the results, the markers are redrawn from the new data.
 */
(function () {
  "use strict";

  var state = { map: null, layer: null };

  function readPoints() {
    var element = document.getElementById("offer-map-data");
    if (!element) {
      return [];
    }
    try {
      return JSON.parse(element.textContent) || [];
    } catch (error) {
      return [];
    }
  }

  function showTileError() {
    var configuredNotice = document.getElementById("map-notice");
    var errorNotice = document.getElementById("map-tile-error");
    if (errorNotice && configuredNotice && configuredNotice.hidden) {
      errorNotice.hidden = false;
    }
  }

  function addTiles(map, canvas) {
    var url = canvas.dataset.tileUrl;
    if (!url) {
      return;
    }
    var tiles = window.L.tileLayer(url, { attribution: canvas.dataset.attribution || "" });
    tiles.once("tileerror", showTileError);
    tiles.addTo(map);
  }

  function markerFor(point, canvas) {
    var icon = window.L.divIcon({
      className: "",
      html: '<span class="s360-marker">' + Number(point.n) + "</span>",  // a number, never markup
      iconSize: [28, 28],
      iconAnchor: [14, 14],
    });
    // Not a tab stop: the numbered list next to the map is the keyboard route.
    var marker = window.L.marker([point.lat, point.lon], {
      icon: icon,
      keyboard: false,
      title: point.n + ". " + point.label,
    });
    marker.bindPopup(popupFor(point, canvas));
    return marker;
  }

  function popupFor(point, canvas) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = point.n + ". " + point.label;
    box.appendChild(title);
    var address = document.createElement("div");
    address.textContent = point.address;
    box.appendChild(address);
    if (point.url) {
      var link = document.createElement("a");
      link.href = point.url;
      link.className = "kern-link";
      link.textContent = canvas.dataset.open || "Details";
      box.appendChild(link);
    }
    return box;
  }

  function drawMarkers(canvas) {
    var points = readPoints().filter(function (point) {
      return typeof point.lat === "number" && typeof point.lon === "number";
    });
    if (state.layer) {
      state.map.removeLayer(state.layer);
    }
    state.layer = window.L.markerClusterGroup
      ? window.L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
      : window.L.layerGroup();
    points.forEach(function (point) {
      state.layer.addLayer(markerFor(point, canvas));
    });
    state.map.addLayer(state.layer);
    if (points.length === 1) {
      state.map.setView([points[0].lat, points[0].lon], 15);
    } else if (points.length > 1) {
      state.map.fitBounds(
        points.map(function (point) {
          return [point.lat, point.lon];
        }),
        { padding: [24, 24], maxZoom: 15 }
      );
    }
  }

  function createMap(canvas, box) {
    box.hidden = false;
    state.map = window.L.map(canvas, {
      zoomControl: false,
      scrollWheelZoom: false,
      maxZoom: 18,
      attributionControl: Boolean(canvas.dataset.tileUrl),
    });
    window.L.control
      .zoom({ zoomInTitle: canvas.dataset.zoomIn, zoomOutTitle: canvas.dataset.zoomOut })
      .addTo(state.map);
    addTiles(state.map, canvas);
    canvas.dataset.ready = "true";
  }

  function render() {
    var canvas = document.getElementById("offer-map");
    var box = document.getElementById("offer-map-box");
    if (!canvas || !box || !window.L) {
      return;
    }
    // Without points there is nothing to show; the list says so. The map appears with them.
    if (!readPoints().length) {
      box.hidden = true;
      return;
    }
    if (!state.map) {
      createMap(canvas, box);
    }
    box.hidden = false;
    state.map.invalidateSize();
    drawMarkers(canvas);
  }

  function init() {
    render();
    document.body.addEventListener("htmx:afterSettle", render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
