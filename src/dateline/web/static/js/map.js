// The map: Natural Earth country outlines (bundled TopoJSON) as the base layer,
// places (blue) and events (red) from the GeoJSON endpoints as markers, each opening
// its citing sentences. Popups are DOM nodes built with textContent, never HTML strings.
"use strict";
(function () {
  const node = document.getElementById("map");
  if (!node || !window.L) return;
  const { el, docLink, getJSON } = window.DL;
  const status = document.getElementById("map-status");
  const map = L.map(node, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 60], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (public domain)");

  function placePopup(p) {
    return el("div", { className: "popup" }, [
      el("b", { text: p.name }),
      el("div", { className: "muted", text: [p.feature, p.admin1, p.country].filter(Boolean).join(", ") }),
      el("div", { text: p.title || "" }),
      el("ul", null, (p.sentences || []).map((s) =>
        el("li", null, [docLink({ doc_id: p.doc_id, sentence_index: s.index }), " ", s.text]))),
    ]);
  }

  function eventPopup(e) {
    const when = e.earliest === e.latest ? e.earliest : e.earliest + " to " + e.latest;
    return el("div", { className: "popup" }, [
      el("b", { text: when + " · " + e.status + " · " + e.type }),
      el("div", { text: e.what }),
      el("div", { className: "muted", text: e.place ? "@ " + e.place.name : "" }),
      el("ul", null, (e.sources || []).map((s) => el("li", null, [docLink(s), " ", s.text]))),
    ]);
  }

  // Outlines that cross the antimeridian (Chukotka, Fiji) would draw bands across the
  // map: their rings are unwrapped east of 180 degrees. Antarctica is left out.
  function crosses(ring) {
    for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) return true;
    return false;
  }
  function outlines(fc) {
    const out = [];
    for (const f of fc.features) {
      if (f.id === "010" || !f.geometry) continue;
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      const unwrapped = polys.map((p) => p.map((ring) => (crosses(ring) ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring)));
      out.push({ type: "Feature", properties: {}, geometry: { type: "MultiPolygon", coordinates: unwrapped } });
    }
    return { type: "FeatureCollection", features: out };
  }

  function located(f) {
    const c = f.geometry && f.geometry.coordinates;
    return c && typeof c[0] === "number" && typeof c[1] === "number";
  }

  function addMarkers(features, kind, popup, bounds) {
    let n = 0;
    for (const f of features.filter(located)) {
      const ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      L.circleMarker(ll, { radius: kind === "event" ? 7 : 6, weight: 2, className: "dl-marker dl-" + kind,
        color: kind === "event" ? "#b3261e" : "#1f5fa8", fillOpacity: 0.55 })
        .bindPopup(() => popup(f.properties), { maxWidth: 360 })
        .addTo(map);
      bounds.push(ll);
      n += 1;
    }
    return n;
  }

  async function load() {
    const topo = await getJSON(node.dataset.countries);
    L.geoJSON(outlines(window.topojson.feature(topo, topo.objects.countries)), {
      interactive: false, style: { color: "#8a8f98", weight: 0.7, fillColor: "#eef0e8", fillOpacity: 1 },
    }).addTo(map);
    const [places, events] = await Promise.all([getJSON(node.dataset.places), getJSON(node.dataset.events)]);
    const bounds = [];
    const np = addMarkers(places.features, "place", placePopup, bounds);
    const ne = addMarkers(events.features, "event", eventPopup, bounds);
    if (node.dataset.lat && node.dataset.lon) map.setView([Number(node.dataset.lat), Number(node.dataset.lon)], 6);
    else if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
    node.dataset.markers = String(np + ne);
    if (status) status.textContent = np + " place marker(s), " + ne + " event marker(s)";
  }
  load().catch((err) => { if (status) status.textContent = "Could not load the map data: " + err.message; });
})();
