// The map widget (/widgets/carte): the page lists the territory's offers and works without this
// file, which draws them on a map (Leaflet with marker clustering, like the search's map) from
// the data address the map carries. Links open on the site in a new window, out of the frame.
(function () {
    'use strict';

    var element = document.getElementById('map');
    if (!element || !window.L) return;

    fetch(element.getAttribute('data-source'), { headers: { 'Accept': 'application/json' } })
        .then(function (response) {
            if (!response.ok) throw new Error('HTTP ' + response.status);
            return response.json();
        })
        .then(draw)
        .catch(function () { /* the list stays the map */ });

    function draw(data) {
        element.hidden = false;
        document.querySelectorAll('.map-note').forEach(function (note) { note.hidden = true; });
        var map = L.map(element, { scrollWheelZoom: false });
        L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
            maxZoom: 19,
            attribution: '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">Contributeurs d\u2019OpenStreetMap</a>'
        }).addTo(map);
        var cluster = L.markerClusterGroup();
        var points = [];
        data.offers.forEach(function (offer) {
            if (typeof offer.latitude !== 'number' || typeof offer.longitude !== 'number') return;
            var marker = L.marker([offer.latitude, offer.longitude], { alt: offer.title, title: offer.title });
            var link = document.createElement('a');
            link.href = offer.url;
            link.target = '_blank';
            link.rel = 'noopener';
            link.textContent = offer.title;
            marker.bindPopup(link);
            cluster.addLayer(marker);
            points.push([offer.latitude, offer.longitude]);
        });
        map.addLayer(cluster);
        if (points.length > 0) map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
        else map.setView([50.3, 2.8], 7);   // the network's région when nothing is placed
    }
})();
