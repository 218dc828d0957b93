/*
 * Rich text reaches the form on time, however soon after typing it is saved.
 *
 * Wagtail's rich text editor (Draftail) copies what the editor holds into the hidden
 * input the form posts only 250 ms after the last change (a debounced setTimeout), and
 * nothing copies it when the form is submitted: Save draft, Publish or Ctrl/Cmd+S
 * pressed within that quarter second post the text as it was before the last words.
 *
 * Whenever the browser builds a form's data (a submission, by any button, shortcut or
 * form.submit(); `new FormData(form)`, as Wagtail's autosave, preview and unsaved-changes
 * check do), this copies each editor's state into its input and into that data, as
 * Draftail would have: serialised, and without the comment highlights Wagtail keeps
 * in the editor but never saves.
 */
(() => {
  const COMMENT_STYLE = "COMMENT-";

  function isEmpty(raw) {
    return raw.blocks.every(
      (block) =>
        block.text.trim().length === 0 &&
        block.entityRanges.length === 0 &&
        block.inlineStyleRanges.length === 0,
    );
  }

  /** The value Draftail will give the input, or undefined when it is not an editor's. */
  function editorValue(input) {
    const editor = input.draftailEditor;
    if (!editor || typeof editor.getEditorState !== "function" || !window.Draftail) {
      return undefined;
    }
    const raw = window.Draftail.serialiseEditorStateToRaw(editor.getEditorState());
    if (!raw) {
      return null;
    }
    const saved = new Set(
      (editor.props.inlineStyles || [])
        .map((style) => style.type)
        .filter((type) => !type.startsWith(COMMENT_STYLE)),
    );
    for (const block of raw.blocks) {
      block.inlineStyleRanges = block.inlineStyleRanges.filter((range) =>
        saved.has(range.style),
      );
    }
    return isEmpty(raw) ? null : raw;
  }

  document.addEventListener("formdata", (event) => {
    for (const input of event.target.elements) {
      const raw = editorValue(input);
      if (raw === undefined) continue;
      const value = JSON.stringify(raw);
      if (value === input.value) continue;
      input.rawContentState = raw;
      input.value = value;
      if (input.name && !input.disabled) {
        event.formData.set(input.name, value);
      }
    }
  });
})();
