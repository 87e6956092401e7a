// Profile forms: the commune field proposes communes as one types, from the suggestions API.
// Without this script the field still works: the server understands a name or a postal code.
(function () {
    "use strict";
    for (const field of document.querySelectorAll("input[data-commune-field]")) {
        const list = document.getElementById(field.getAttribute("list"));
        if (!list) continue;
        let timer = 0;
        let asked = "";
        field.addEventListener("input", function () {
            clearTimeout(timer);
            const text = field.value.trim();
            if (text.length < 2 || text === asked || /\(\w{5}\)$/.test(text)) return;
            timer = setTimeout(async function () {
                asked = text;
                try {
                    const response = await fetch("/api/v1/suggestions?only=communes&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } });
                    if (!response.ok) return;
                    const answer = await response.json();
                    list.replaceChildren(...answer.communes.map(function (c) {
                        const option = document.createElement("option");
                        option.value = c.name + " (" + (c.postalCode || c.code) + ")";
                        return option;
                    }));
                } catch {
                    // The field keeps working as plain text.
                }
            }, 200);
        });
    }
})();
