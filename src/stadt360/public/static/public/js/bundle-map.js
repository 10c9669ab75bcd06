/* Bundle map: numbered markers for flat, care places and work, joined in the order of the day.
   Data comes from the JSON block next to the map (no inline script: CSP). The ordered list on
   the page carries the same information, so the page stays usable without this script. */
(function () {
  "use strict";

  function setStatus(text) {
    var status = document.getElementById("map-status");
    if (status && text) { status.textContent = text; }
  }

  // Labels carry offer titles typed by providers: always text, never markup. Leaflet puts a
  // string into innerHTML, so tooltips get an element whose text is set instead.
  function textElement(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function numberedIcon(stop) {
    return window.L.divIcon({
      className: "s360-map-marker s360-map-marker--" + stop.kind,
      html: textElement(String(stop.n)),
      iconSize: [32, 32],
      iconAnchor: [16, 16]
    });
  }

  function draw(element, data) {
    var L = window.L;
    var map = L.map(element, { scrollWheelZoom: false });
    var tileUrl = element.dataset.tileUrl;
    if (tileUrl) {
      var layer = L.tileLayer(tileUrl, { attribution: element.dataset.attribution || "", maxZoom: 19 });
      var failed = false;
      layer.on("tileerror", function () {
        if (!failed) { failed = true; setStatus(element.dataset.offlineText); }
      });
      layer.addTo(map);
    }
    var points = data.stops.map(function (stop) { return [stop.lat, stop.lon]; });
    data.stops.forEach(function (stop) {
      L.marker([stop.lat, stop.lon], { icon: numberedIcon(stop), title: stop.label, alt: stop.label, keyboard: false })
        .bindTooltip(textElement(stop.label))
        .addTo(map);
    });
    if (points.length > 1) {
      L.polyline(points, { color: "#004b76", weight: 4, dashArray: "8 6", interactive: false }).addTo(map);
      map.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 15 });
    } else if (points.length === 1) {
      map.setView(points[0], 14);
    }
    if (tileUrl) { setStatus(element.dataset.readyText); }
    element.classList.add("s360-map--ready");
  }

  function init() {
    var element = document.getElementById("bundle-map");
    var source = document.getElementById("bundle-map-data");
    if (!element || !source || !window.L) { return; }
    draw(element, JSON.parse(source.textContent));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
