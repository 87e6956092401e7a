// A "print" button where a page is meant for paper: shown only when this script runs (the browser's own Print works anyway).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
