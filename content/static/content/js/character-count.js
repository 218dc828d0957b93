/*
 * Text longer than a field's limit is kept and counted, never cut.
 *
 * A browser cuts what is typed or pasted into an input or a textarea at its maxlength,
 * without a word: a teaser pasted at 400 characters was saved as its first 300. Here each
 * such field of the edit form, StreamField blocks added later included, gives its limit
 * to a live count instead, which warns once the text is over it; the server refuses the
 * save with a message, and the form keeps every character for the editor to shorten.
 * (Rich text fields have Draftail's own count, and never cut.)
 */
(() => {
  const LIMITED = "input[maxlength]:not([type=hidden]), textarea[maxlength]";

  function count(field) {
    const limit = Number(field.getAttribute("maxlength"));
    field.removeAttribute("maxlength");
    const counter = document.createElement("p");
    counter.id = `${field.id || field.name}-count`;
    counter.className = "liner-notes-count";
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);

    const update = () => {
      // Characters as the server counts them (code points), not UTF-16 units.
      const length = [...field.value].length;
      const over = length - limit;
      counter.textContent =
        over > 0
          ? `${length} / ${limit} characters: ${over} over the limit, shorten it to save.`
          : `${length} / ${limit} characters`;
      counter.classList.toggle("liner-notes-count--over", over > 0);
      // Only the invalid state this count set is its to lift: Wagtail marks fields with
      // errors of their own invalid too.
      if (over > 0) {
        field.setAttribute("aria-invalid", "true");
        field.dataset.overLimit = "";
      } else if ("overLimit" in field.dataset) {
        field.removeAttribute("aria-invalid");
        delete field.dataset.overLimit;
      }
    };
    field.addEventListener("input", update);
    field.after(counter);
    update();
  }

  function countWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(LIMITED)) count(node);
    node.querySelectorAll(LIMITED).forEach(count);
  }

  function start() {
    const form = document.querySelector("form[data-edit-form]");
    if (!form) return;
    countWithin(form);
    new MutationObserver((mutations) => {
      mutations.forEach((mutation) => mutation.addedNodes.forEach(countWithin));
    }).observe(form, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
