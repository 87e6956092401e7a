// The impact pages: Chart.js draws each series from its canvas's data attributes (the table under it
// holds the same figures, and stays the way to read them without JavaScript); Leaflet draws the
// exchanges' map from the pairs' table, a line per pair, thicker for more exchanges.
(function () {
    'use strict';
    var colours = ['#1d6b57', '#b3541e', '#3b5ba5', '#8a3b7a', '#6b6b1d', '#1d5f8a', '#a53b3b', '#4d7a2a', '#7a4d2a'];

    function charts() {
        if (typeof Chart === 'undefined') return;
        document.querySelectorAll('canvas.impact-chart').forEach(function (canvas) {
            var labels = JSON.parse(canvas.getAttribute('data-labels') || '[]');
            var values = JSON.parse(canvas.getAttribute('data-exchanges') || '[]');
            if (labels.length === 0) return;
            var line = canvas.getAttribute('data-kind') === 'line';
            canvas.parentElement.hidden = false;
            new Chart(canvas, {
                type: line ? 'line' : 'bar',
                data: {
                    labels: labels,
                    datasets: [{
                        label: 'Échanges confirmés', data: values, borderColor: colours[0],
                        backgroundColor: line ? 'rgba(29,107,87,.15)' : labels.map(function (_, i) { return colours[i % colours.length]; }),
                        fill: line, tension: 0.2
                    }]
                },
                options: {
                    indexAxis: !line && labels.length > 6 ? 'y' : 'x',
                    responsive: true, maintainAspectRatio: false, animation: false,
                    plugins: { legend: { display: false } },
                    scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } }
                }
            });
        });
    }

    function map() {
        var element = document.getElementById('exchange-map');
        if (!element || typeof L === 'undefined') return;
        var rows = document.querySelectorAll('.exchange-links tr[data-a-lat][data-b-lat]');
        var lines = [];
        var max = 1;
        rows.forEach(function (row) {
            var a = [parseFloat(row.getAttribute('data-a-lat')), parseFloat(row.getAttribute('data-a-lon'))];
            var b = [parseFloat(row.getAttribute('data-b-lat')), parseFloat(row.getAttribute('data-b-lon'))];
            if (isNaN(a[0]) || isNaN(a[1]) || isNaN(b[0]) || isNaN(b[1])) return;
            var count = parseInt(row.getAttribute('data-count'), 10) || 1;
            max = Math.max(max, count);
            lines.push({ a: a, b: b, count: count, title: row.getAttribute('data-title') || '' });
        });
        if (lines.length === 0) return;
        element.hidden = false;
        document.querySelectorAll('[data-js-hide]').forEach(function (note) { note.hidden = true; });
        var leaflet = L.map(element, { scrollWheelZoom: false });
        L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
            maxZoom: 18,
            attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">Contributeurs d\u2019OpenStreetMap</a>'
        }).addTo(leaflet);
        var bounds = [];
        lines.forEach(function (l) {
            var polyline = L.polyline([l.a, l.b], { color: '#1d6b57', opacity: 0.6, weight: 1 + 6 * Math.sqrt(l.count / max) }).addTo(leaflet);
            polyline.bindTooltip((l.title ? l.title + ' : ' : '') + l.count + ' échange' + (l.count > 1 ? 's' : ''));
            L.circleMarker(l.a, { radius: 3, color: '#b3541e' }).addTo(leaflet);
            L.circleMarker(l.b, { radius: 3, color: '#b3541e' }).addTo(leaflet);
            bounds.push(l.a, l.b);
        });
        leaflet.fitBounds(bounds, { padding: [20, 20] });
    }

    charts();
    map();
})();
