// elBasar's widget for other sites: pasted as
//   <script src="https://…/widgets/elbasar.js" data-organisation="ID" async></script>
// (or data-territoire="59" for the map of a territory's offers), it puts the widget's iframe in
// its own place. No eval, nothing inline: it only builds an iframe from its own address.
(function () {
    'use strict';

    var guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    var territory = /^[0-9A-Za-z]{2,9}$/;

    function embed(script) {
        if (script.getAttribute('data-elbasar-done')) return;
        script.setAttribute('data-elbasar-done', 'true');
        var origin = new URL(script.src, document.baseURI).origin;
        var organisation = (script.getAttribute('data-organisation') || '').trim();
        var place = (script.getAttribute('data-territoire') || '').trim();
        var frame = document.createElement('iframe');
        if (guid.test(organisation)) {
            frame.src = origin + '/widgets/organisations/' + encodeURIComponent(organisation) + '/annonces';
            frame.title = 'Nos annonces sur elBasar';
        } else if (territory.test(place)) {
            frame.src = origin + '/widgets/carte?territoire=' + encodeURIComponent(place);
            frame.title = 'Les offres du territoire sur elBasar';
        } else {
            return;
        }
        var height = parseInt(script.getAttribute('data-hauteur'), 10);
        frame.width = '100%';
        frame.height = String(height > 100 && height < 5000 ? height : 480);
        frame.loading = 'lazy';
        frame.style.border = '0';
        frame.referrerPolicy = 'strict-origin-when-cross-origin';
        script.parentNode.insertBefore(frame, script.nextSibling);
    }

    if (document.currentScript) embed(document.currentScript);
    document.querySelectorAll('script[src$="/widgets/elbasar.js"]').forEach(embed);
})();
