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
