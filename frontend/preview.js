// Wagtail's live preview panel shows this frontend in an iframe and reloads it after
// each edit. It then asks the old page for its scroll position and gives it to the
// new one, so the editor keeps their place; this is our side of that conversation.
export function keepPlaceInLivePreview(adminOrigin) {
  if (window.parent === window) return;
  const tellAdmin = (message) =>
    window.parent.postMessage({ wagtail: { ...message, origin: location.origin } }, adminOrigin);

  window.addEventListener("message", (event) => {
    if (event.origin !== adminOrigin) return;
    const message = event.data?.wagtail;
    if (message?.type === "w-preview:get-scroll-position") {
      tellAdmin({ type: "w-preview:set-scroll-position", x: window.scrollX, y: window.scrollY });
    } else if (message?.type === "w-preview:set-scroll-position") {
      window.scrollTo({ left: message.x, top: message.y, behavior: "instant" });
    }
  });
  tellAdmin({ type: "w-preview:request-scroll" });
}

// The editor's Checks panel (accessibility issues, word count, reading time) reads
// them from the page in the preview iframe, through Wagtail's user bar: its script runs
// axe here and tells the admin it is ready; the admin's axe then checks this page and
// reads the text of its <main>. The CMS renders the user bar with absolute URLs; its
// scripts must run in order (vendor.js before userbar.js), which scripts put in by
// innerHTML never do.
export function addWagtailUserbar(markup) {
  const template = document.createElement("template");
  template.innerHTML = markup;
  const inertScripts = [...template.content.querySelectorAll("script")];
  inertScripts.forEach((script) => script.remove());
  document.body.append(template.content);
  for (const inert of inertScripts) {
    const script = document.createElement("script");
    for (const { name, value } of inert.attributes) script.setAttribute(name, value);
    script.text = inert.text;
    script.async = false;
    document.body.append(script);
  }
}
