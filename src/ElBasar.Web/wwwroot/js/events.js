// The events' map (Leaflet), drawn from the list's data attributes: without JavaScript the list is the map.
(function () {
    "use strict";
    var element = document.getElementById("map");
    if (!element || !window.L) return;
    var items = document.querySelectorAll(".map-list [data-lat][data-lon]");
    var points = [];
    element.hidden = false;
    document.querySelectorAll(".map-note").forEach(function (note) { note.hidden = true; });
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19,
        attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">Contributeurs d\u2019OpenStreetMap</a>"
    }).addTo(map);
    items.forEach(function (item) {
        var lat = parseFloat(item.getAttribute("data-lat"));
        var lon = parseFloat(item.getAttribute("data-lon"));
        if (isNaN(lat) || isNaN(lon)) return;
        var title = item.getAttribute("data-title");
        var marker = L.marker([lat, lon], { alt: title, title: title }).addTo(map);
        var link = document.createElement("a");
        link.href = item.getAttribute("data-url");
        link.textContent = title;
        marker.bindPopup(link);
        points.push([lat, lon]);
    });
    if (points.length > 0) map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
    else map.setView([50.3, 2.8], 7);
})();
