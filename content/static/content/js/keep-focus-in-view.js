/*
 * A field that takes the focus is never left behind the sticky save bar.
 *
 * Wagtail focuses a new block's first field as it adds it, while the block is still
 * opening (an animation of about a quarter of a second), and the field then ends under
 * the bar at the foot of the window. For a moment after a field takes the focus, each
 * frame scrolls it clear of the bar if it is behind it.
 */
(() => {
  const CLEARANCE_PX = 24;
  const SETTLING_MS = 600;

  // Fields, not rich text: a tall editor's bottom may rightly be under the bar.
  const FIELDS = "input:not([type=hidden]), textarea, select";

  function revealFocusedField() {
    const form = document.querySelector("form[data-edit-form]");
    const bar = form?.querySelector("footer");
    const field = document.activeElement;
    if (!bar || !field?.matches(FIELDS) || !form.contains(field) || bar.contains(field)) {
      return;
    }
    const barHeight = window.innerHeight - bar.getBoundingClientRect().top;
    if (field.getBoundingClientRect().bottom + CLEARANCE_PX > window.innerHeight - barHeight) {
      // The admin scrolls a container of its own, not the window: scrollIntoView finds it.
      field.style.scrollMarginBottom = `${barHeight + CLEARANCE_PX}px`;
      field.scrollIntoView({ block: "nearest" });
    }
  }

  document.addEventListener("focusin", () => {
    const until = performance.now() + SETTLING_MS;
    const step = () => {
      revealFocusedField();
      if (performance.now() < until) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
})();
