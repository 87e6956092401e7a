// The lending calendar without a page load per click: the first free day picked is the start, the
// second (on or after it) the end, written straight into the request form. Without this script the
// same links do it through the server (Features/Lending/Item.cshtml).
(() => {
  const calendar = document.querySelector(".lending-calendar");
  const from = document.getElementById("du");
  const to = document.getElementById("au");
  if (!calendar || !from || !to) return;
  const days = [...calendar.querySelectorAll("a[data-day]")];
  const months = [...document.querySelectorAll(".month-nav a[data-month]")];
  const month = new URLSearchParams(location.search).get("mois") || (days[0] && days[0].dataset.day.slice(0, 7));
  // Said to screen readers after each pick, as the page no longer reloads.
  const said = document.createElement("p");
  said.className = "visually-hidden";
  said.setAttribute("aria-live", "polite");
  calendar.after(said);

  const query = (mois) => {
    const params = new URLSearchParams();
    if (from.value) params.set("du", from.value);
    if (to.value) params.set("au", to.value);
    if (mois) params.set("mois", mois);
    return "?" + params.toString();
  };

  const show = () => {
    const picksEnd = (day) => from.value && !to.value && day >= from.value;
    for (const link of days) {
      const day = link.dataset.day;
      link.setAttribute("aria-label", `${link.dataset.label} : ${picksEnd(day) ? "choisir comme fin" : "choisir comme début"}`);
      const chosen = from.value && day >= from.value && day <= (to.value || from.value);
      link.closest("td").classList.toggle("chosen", Boolean(chosen));
    }
    for (const link of months) link.href = location.pathname + query(link.dataset.month) + "#calendrier";
    history.replaceState(null, "", location.pathname + query(month) + (to.value ? "#reserver" : "#calendrier"));
  };

  calendar.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-day]");
    if (!link) return;
    event.preventDefault();
    const day = link.dataset.day;
    if (from.value && !to.value && day >= from.value) {
      to.value = day;
    } else {
      from.value = day;
      to.value = "";
    }
    show();
    const name = link.dataset.label.split(",")[0];
    said.textContent = to.value ? `Fin du prêt : ${name}. Le formulaire de demande est rempli.` : `Début du prêt : ${name}. Choisissez maintenant le dernier jour.`;
    if (to.value) document.getElementById("reserver").scrollIntoView({ block: "start" });
  });
})();
