// The search page, improved: the page works without this file, which only adds
// - results that follow the filters as they change (the page is fetched again and its regions
//   swapped; the address follows with history.pushState, so sharing and "back" still work);
// - suggestions as one types, in an ARIA 1.2 combobox (arrows, Enter, Escape);
// - the map of the results (Leaflet with marker clustering), drawn from the list's data attributes.
(function () {
    'use strict';

    var form = document.getElementById('search-form');
    if (!form) return;

    var status = document.getElementById('results-count');
    var pending = null;

    // ---- Results that follow the filters -------------------------------------------------

    function addressOfForm() {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (typeof value === 'string' && value.trim() !== '') params.append(name, value);
        });
        // The server resolves the typed commune from "where"; an empty field must still say "no commune".
        if (!params.has('where')) params.append('where', '');
        var query = params.toString();
        return form.getAttribute('action') + (query ? '?' + query : '');
    }

    function update(url, push) {
        if (pending) pending.abort();
        var controller = new AbortController();
        pending = controller;
        form.setAttribute('aria-busy', 'true');
        fetch(url, { signal: controller.signal, headers: { 'Accept': 'text/html' } })
            .then(function (response) {
                if (!response.ok) throw new Error('HTTP ' + response.status);
                return response.text().then(function (html) { return { html: html, url: response.url }; });
            })
            .then(function (page) {
                var next = new DOMParser().parseFromString(page.html, 'text/html');
                if (next.getElementById('map') && !window.L) {
                    window.location.assign(page.url);   // the map's scripts are not on this page yet
                    return;
                }
                swap(next, !push);
                if (push) history.pushState({ search: true }, '', page.url);
                shown = window.location.pathname + window.location.search;
                document.title = next.title;
            })
            .catch(function (error) {
                if (error.name !== 'AbortError') window.location.assign(url);
            })
            .finally(function () {
                if (pending === controller) {
                    pending = null;
                    form.removeAttribute('aria-busy');
                }
            });
    }

    function swap(next, fromHistory) {
        var active = document.activeElement;
        var activeId = active && form.contains(active) ? active.id : null;
        document.querySelectorAll('[data-swap]').forEach(function (region) {
            var replacement = next.getElementById(region.id);
            if (replacement) region.innerHTML = replacement.innerHTML;
        });
        var nextStatus = next.getElementById('results-count');
        // The live region stays in place, so its new text is announced.
        if (status && nextStatus) status.textContent = nextStatus.textContent.replace(/\s+/g, ' ').trim();
        // Back and forth bring back the words of that search too; otherwise the field keeps what is being typed.
        var nextQ = next.getElementById('q');
        if (fromHistory && nextQ) form.elements.q.value = nextQ.value;
        enhance();
        if (activeId) {
            var again = document.getElementById(activeId);
            if (again && again !== document.activeElement) again.focus();
        }
    }

    form.addEventListener('change', function (event) {
        var target = event.target;
        // Text fields are sent with Enter or by choosing a suggestion, not at each letter.
        if (target.id === 'q' || target.id === 'where') return;
        // A radius without a commune changes nothing.
        if (target.id === 'radiusKm' && !form.elements.where.value.trim() && !form.elements.lat) return;
        update(addressOfForm(), true);
    });

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        update(addressOfForm(), true);
    });

    // Going back or forth among the searches of this page; a jump to an anchor ("Aller au contenu") is not one.
    var shown = window.location.pathname + window.location.search;
    window.addEventListener('popstate', function () {
        if (window.location.pathname + window.location.search === shown) return;
        shown = window.location.pathname + window.location.search;
        update(window.location.href, false);
    });

    // ---- Suggestions: the ARIA 1.2 combobox pattern ----------------------------------------

    function Combobox(wrapper) {
        var input = wrapper.querySelector('input');
        var id = input.id + '-suggestions';
        var listbox = document.createElement('div');
        var live = document.createElement('span');
        var options = [];
        var active = -1;
        var timer = null;
        var request = null;
        var lastText = null;

        listbox.id = id;
        listbox.className = 'combo-list';
        listbox.setAttribute('role', 'listbox');
        listbox.setAttribute('aria-label', 'Suggestions');
        listbox.hidden = true;
        live.className = 'visually-hidden';
        live.setAttribute('aria-live', 'polite');
        wrapper.appendChild(listbox);
        wrapper.appendChild(live);
        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-autocomplete', 'list');
        input.setAttribute('aria-expanded', 'false');
        input.setAttribute('aria-controls', id);

        function open() {
            if (options.length === 0) return close();
            listbox.hidden = false;
            input.setAttribute('aria-expanded', 'true');
        }

        function close() {
            listbox.hidden = true;
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
            setActive(-1);
        }

        function setActive(index) {
            options.forEach(function (option, i) { option.element.setAttribute('aria-selected', i === index ? 'true' : 'false'); });
            active = index;
            if (index >= 0) {
                input.setAttribute('aria-activedescendant', options[index].element.id);
                options[index].element.scrollIntoView({ block: 'nearest' });
            } else {
                input.removeAttribute('aria-activedescendant');
            }
        }

        function render(data) {
            listbox.textContent = '';
            options = [];
            var groups = [
                { label: 'Annonces', items: (data.titles || []).map(function (t) { return { text: t, pick: pickTitle(t) }; }) },
                { label: 'Catégories', items: (data.categories || []).map(function (c) { return { text: c.label, pick: pickCategory(c) }; }) },
                {
                    label: 'Communes',
                    items: (data.communes || []).map(function (c) {
                        return { text: c.name + (c.postalCode ? ' (' + c.postalCode + ')' : ''), pick: pickCommune(c) };
                    })
                }
            ];
            groups.forEach(function (group, g) {
                if (group.items.length === 0) return;
                var element = document.createElement('div');
                var label = document.createElement('div');
                element.setAttribute('role', 'group');
                label.id = id + '-g' + g;
                label.className = 'combo-group-label';
                label.setAttribute('role', 'presentation');
                label.textContent = group.label;
                element.setAttribute('aria-labelledby', label.id);
                element.appendChild(label);
                group.items.forEach(function (item) {
                    var option = document.createElement('div');
                    option.id = id + '-o' + options.length;
                    option.className = 'combo-option';
                    option.setAttribute('role', 'option');
                    option.setAttribute('aria-selected', 'false');
                    option.textContent = item.text;
                    option.addEventListener('mousedown', function (event) { event.preventDefault(); });
                    option.addEventListener('click', function () { choose(options.indexOf(entry)); });
                    var entry = { element: option, pick: item.pick };
                    options.push(entry);
                    element.appendChild(option);
                });
                listbox.appendChild(element);
            });
            live.textContent = options.length === 0 ? '' :
                options.length + (options.length > 1 ? ' suggestions' : ' suggestion') + ' : flèches haut et bas pour les parcourir.';
            setActive(-1);
            if (document.activeElement === input) open();
        }

        function choose(index) {
            var option = options[index];
            close();
            if (option) option.pick();
        }

        function pickTitle(title) {
            return function () {
                input.value = title;
                update(addressOfForm(), true);
            };
        }

        function pickCategory(category) {
            return function () {
                input.value = '';
                form.querySelectorAll('input[name="category"]').forEach(function (box) {
                    if (box.value === category.slug) box.checked = true;
                });
                update(addressOfForm(), true);
            };
        }

        function pickCommune(commune) {
            return function () {
                if (input.id !== 'where') input.value = '';
                form.elements.where.value = commune.name;
                form.elements.commune.value = commune.code;
                update(addressOfForm(), true);
            };
        }

        function suggest() {
            var text = input.value.trim();
            if (text === lastText) return open();
            lastText = text;
            if (request) request.abort();
            if (text.length < 2) {
                options = [];
                listbox.textContent = '';
                live.textContent = '';
                return close();
            }
            request = new AbortController();
            var base = wrapper.getAttribute('data-suggest');
            var url = base + (base.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(text);
            fetch(url, { signal: request.signal, headers: { 'Accept': 'application/json' } })
                .then(function (response) { return response.ok ? response.json() : { titles: [], categories: [], communes: [] }; })
                .then(render)
                .catch(function () { /* a lost suggestion is no loss: the field still searches */ });
        }

        input.addEventListener('input', function () {
            if (input.id === 'where') form.elements.commune.value = '';
            clearTimeout(timer);
            timer = setTimeout(suggest, 200);
        });

        input.addEventListener('keydown', function (event) {
            var expanded = !listbox.hidden;
            switch (event.key) {
                case 'ArrowDown':
                    event.preventDefault();
                    if (!expanded) { open(); if (options.length) setActive(0); }
                    else setActive(active + 1 >= options.length ? 0 : active + 1);
                    break;
                case 'ArrowUp':
                    event.preventDefault();
                    if (!expanded) { open(); if (options.length) setActive(options.length - 1); }
                    else setActive(active <= 0 ? options.length - 1 : active - 1);
                    break;
                case 'Enter':
                    if (expanded && active >= 0) {
                        event.preventDefault();
                        choose(active);
                    } else {
                        close();
                    }
                    break;
                case 'Escape':
                    if (expanded) {
                        event.preventDefault();
                        close();
                    } else if (input.value) {
                        event.preventDefault();
                        input.value = '';
                        lastText = null;
                    }
                    break;
                case 'Tab':
                    close();
                    break;
            }
        });

        input.addEventListener('blur', function () { close(); });
    }

    // ---- The map --------------------------------------------------------------------------

    var map = null;

    function drawMap() {
        if (map) { map.remove(); map = null; }
        var element = document.getElementById('map');
        if (!element || !window.L) return;
        element.hidden = false;
        document.querySelectorAll('.map-note').forEach(function (note) { note.hidden = true; });
        map = L.map(element, { scrollWheelZoom: false });
        L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
            maxZoom: 19,
            attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">Contributeurs d\u2019OpenStreetMap</a>'
        }).addTo(map);
        var cluster = L.markerClusterGroup();
        var points = [];
        document.querySelectorAll('.map-list [data-lat][data-lon]').forEach(function (item) {
            var lat = parseFloat(item.getAttribute('data-lat'));
            var lon = parseFloat(item.getAttribute('data-lon'));
            if (!isFinite(lat) || !isFinite(lon)) return;
            var title = item.getAttribute('data-title');
            var marker = L.marker([lat, lon], { alt: title, title: title });
            var link = document.createElement('a');
            link.href = item.getAttribute('data-url');
            link.textContent = title;
            marker.bindPopup(link);
            cluster.addLayer(marker);
            points.push([lat, lon]);
        });
        map.addLayer(cluster);
        if (points.length > 0) map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
        else map.setView([50.3, 2.8], 7);   // the network's région when nothing is placed
    }

    // ---- Wiring -------------------------------------------------------------------------------

    function enhance() {
        document.querySelectorAll('[data-js-hide]').forEach(function (element) { element.hidden = true; });
        form.querySelectorAll('.combo[data-suggest]').forEach(function (wrapper) {
            if (!wrapper.querySelector('[role="listbox"]')) new Combobox(wrapper);
        });
        drawMap();
    }

    enhance();
})();
