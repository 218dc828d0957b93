/*
 * What an editor types while an autosave is on its way is autosaved too.
 *
 * When an autosave succeeds, Wagtail's unsaved-changes check takes the form as it is
 * then as saved: a change made while the request was on its way is counted as saved,
 * the indicator says "Saved", nothing saves it again, and leaving the page does not warn.
 * With drafts that save in any state, autosave runs all through the writing of a review,
 * and this happens often. Here, when an autosave succeeds, the check is told what that
 * save really held, so that it sees the later change and Wagtail autosaves it.
 */
(() => {
  let sent = null;

  function unsavedChangesCheck() {
    const element = document.querySelector("form[data-edit-form][data-controller~='w-unsaved']");
    return element && window.wagtail?.app?.getControllerForElementAndIdentifier(element, "w-unsaved");
  }

  function without(formData, names) {
    const fields = new URLSearchParams(formData);
    names.forEach((name) => fields.delete(name));
    return fields.toString();
  }

  // The form as the autosave on its way sends it, as the check reads forms.
  document.addEventListener("w-autosave:save", () => {
    sent = unsavedChangesCheck()?.formData ?? null;
  });

  document.addEventListener("w-autosave:success", (event) => {
    const check = unsavedChangesCheck();
    if (!check || sent === null) return;
    // Fields the response itself filled in (the ids of new inline rows) are not edits.
    const updated = Object.keys(event.detail?.response?.field_updates ?? {});
    if (without(check.formData, updated) !== without(sent, updated)) {
      check.initialFormData = sent;
      check.previousFormData = sent;
    }
    sent = null;
  });
})();
