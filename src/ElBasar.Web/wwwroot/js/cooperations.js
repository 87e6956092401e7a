// The cooperation form: a field that narrows the long list of organisations to tick.
// Without this script the whole list shows and scrolls; ticked boxes are never hidden.
(function () {
    "use strict";
    const box = document.querySelector("[data-pick-list]");
    const wrapper = document.querySelector("[data-pick-filter]");
    if (!box || !wrapper) return;
    const field = wrapper.querySelector("input");
    const fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
    wrapper.hidden = false;
    field.addEventListener("input", function () {
        const wanted = fold(field.value.trim());
        for (const label of box.querySelectorAll("label")) {
            const tick = label.querySelector("input");
            label.hidden = wanted.length > 0 && !tick.checked && !fold(label.textContent).includes(wanted);
        }
    });
})();
