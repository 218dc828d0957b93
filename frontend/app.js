// Decides what this address shows, fetches it from the API and renders it:
//   /?content_type=…&token=…  a draft, opened from the admin's preview
//   /  (and /reviews/)        the review list; ?film=<id> and ?tag=<name> filter it
//   any other path            the live page at that path, e.g. /reviews/her/
import {
  ApiError,
  ReplyRefused,
  findPage,
  getPreview,
  getPreviewUserbar,
  listFilterChoices,
  listReplies,
  listReviews,
  postReply,
} from "./api.js";
import { API_URL } from "./config.js";
import { mount } from "./html.js";
import { addWagtailUserbar, keepPlaceInLivePreview } from "./preview.js";
import {
  errorView,
  pageView,
  repliesView,
  replyAwaitingModerationView,
  reviewListView,
  reviewView,
  sentence,
} from "./views.js";

const app = document.getElementById("app");
const params = new URLSearchParams(location.search);

function show(fragment, title) {
  mount(app, fragment);
  document.title = title ? `${title} · Liner Notes` : "Liner Notes";
}

function showPage(page) {
  if (page.meta.type === "content.FilmReviewPage") show(reviewView(page), page.title);
  else show(pageView(page), page.title);
}

async function showPreview() {
  document.querySelector(".preview-banner").hidden = false;
  try {
    showPage(await getPreview(params.get("content_type"), params.get("token")));
    keepPlaceInLivePreview(new URL(API_URL).origin);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    show(errorView("This preview cannot be shown", error.message), "Preview");
    return;
  }
  // After the draft is on the page, which the user bar's checks read. Without it the
  // preview still shows; only the editor's Checks panel stays empty.
  const inPreviewPanel = window.parent !== window;
  try {
    const userbar = await getPreviewUserbar(params.get("content_type"), params.get("token"), inPreviewPanel);
    addWagtailUserbar(userbar.html);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    console.warn(`Wagtail's user bar is not available: ${error.message}`);
  }
}

async function showReviewList() {
  const filters = { film: params.get("film") ?? "", tag: params.get("tag") ?? "" };
  try {
    const [reviews, choices] = await Promise.all([listReviews(filters), listFilterChoices()]);
    show(reviewListView(reviews, choices, filters), "Reviews");
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    show(errorView("The reviews cannot be listed", error.message));
  }
}

// A page found at an old address (it moved, or its slug changed: the API follows
// Wagtail's redirects) takes its own address, and search engines learn it from the
// canonical link.
function settleAtAddressOf(page) {
  const address = new URL(page.meta.html_url);
  if (address.pathname !== location.pathname) {
    history.replaceState(null, "", address.pathname + location.search + location.hash);
  }
  let canonical = document.querySelector('link[rel="canonical"]');
  if (!canonical) {
    canonical = document.createElement("link");
    canonical.rel = "canonical";
    document.head.append(canonical);
  }
  canonical.href = address.href;
}

// Under a live review: its published replies and the form to send one.
async function showReplies(review) {
  const section = document.createElement("section");
  section.className = "replies";
  section.setAttribute("aria-labelledby", "replies-heading");
  section.innerHTML = '<p class="status">Loading replies…</p>';
  app.append(section);
  try {
    mount(section, repliesView(review, await listReplies(review.id)));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    mount(section, errorView("The replies cannot be shown", error.message));
    return;
  }
  const form = section.querySelector(".reply-form");
  if (form) handleReplyForm(form, review);
}

function handleReplyForm(form, review) {
  let shownAt = Date.now();
  let parent = null;
  let opener = null;
  let sending = false;
  const replyingTo = form.querySelector("#reply-replying-to");
  const cancel = form.querySelector(".cancel-reply");
  const heading = form.querySelector("#reply-form-heading");
  const sent = document.createElement("p");
  sent.className = "reply-sent";
  sent.setAttribute("role", "status");
  sent.tabIndex = -1;
  sent.hidden = true;
  form.before(sent);

  // Answering a reply, or (button null) the review; focus goes where the reader continues.
  const answer = (button) => {
    parent = button ? Number(button.dataset.replyTo) : null;
    cancel.hidden = parent === null;
    replyingTo.textContent = button ? `Replying to ${button.dataset.name}.` : "";
    heading.textContent = button ? `Reply to ${button.dataset.name}` : "Leave a Reply";
    if (button) {
      opener = button;
      form.querySelector("textarea").focus();
    }
  };
  for (const button of form.closest(".replies").querySelectorAll(".reply-to")) {
    button.addEventListener("click", () => answer(button));
  }
  cancel.addEventListener("click", () => {
    const back = opener;
    answer(null);
    back?.focus();
  });

  // The thanks are for the reply sent, not the one being written.
  form.addEventListener("input", () => {
    sent.hidden = true;
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    showReplyErrors(form, {});
    sent.hidden = true;
    const fields = new FormData(form);
    const reply = {
      page: review.id,
      name: fields.get("name"),
      email: fields.get("email"),
      body: fields.get("body"),
      seconds_on_form: (Date.now() - shownAt) / 1000,
    };
    if (fields.get("website")) reply.website = fields.get("website");
    if (parent !== null) reply.parent = parent;
    if (fields.get("reply_trap")) reply.honeypot = fields.get("reply_trap");
    try {
      await postReply(reply);
      // The reader may write another: the form keeps who they are, not what they wrote.
      mount(sent, replyAwaitingModerationView());
      sent.hidden = false;
      form.querySelector("textarea").value = "";
      answer(null);
      shownAt = Date.now();
      sent.focus();
    } catch (error) {
      if (error instanceof ReplyRefused) showReplyErrors(form, error.errors);
      else if (error instanceof ApiError) showReplyErrors(form, { non_field_errors: [error.message] });
      else throw error;
    } finally {
      sending = false;
    }
  });
}

// Each message beside its field; the others (and those for fields the form does not
// show) above the form. The first field in error takes the focus.
function showReplyErrors(form, errors) {
  const general = [];
  for (const element of form.querySelectorAll(".field-error")) {
    element.hidden = true;
    element.textContent = "";
  }
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const [name, messages] of Object.entries(errors)) {
    const input = form.querySelector(`#reply-${name}`);
    const text = messages.map(sentence).join(" ");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      const element = form.querySelector(`#reply-${name}-error`);
      element.textContent = text;
      element.hidden = false;
    } else {
      general.push(text);
    }
  }
  const summary = form.querySelector(".form-error");
  summary.textContent = general.join(" ");
  summary.hidden = general.length === 0;
  if (general.length > 0) summary.focus();
  else form.querySelector("[aria-invalid]")?.focus();
}

async function showLivePage() {
  try {
    const page = await findPage(location.pathname);
    settleAtAddressOf(page);
    showPage(page);
    if (page.meta.type === "content.FilmReviewPage") showReplies(page);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 404) show(errorView("No review here", "Nothing is published at this address."), "Not found");
    else show(errorView("This page cannot be shown", error.message));
  }
}

if (params.has("token") || params.has("content_type")) showPreview();
else if (location.pathname === "/" || location.pathname === "/reviews/") showReviewList();
else showLivePage();
