// Decides what this address shows, fetches it from the API and renders it:
//   /?content_type=…&token=…  a draft, opened from the admin's preview
//   /  (and /reviews/)        the review list; ?film=<id> and ?tag=<name> filter it
//   any other path            the live page at that path, e.g. /reviews/her/
import {
  ApiError,
  findPage,
  getPreview,
  getPreviewUserbar,
  listFilterChoices,
  listReviews,
} from "./api.js";
import { API_URL } from "./config.js";
import { mount } from "./html.js";
import { addWagtailUserbar, keepPlaceInLivePreview } from "./preview.js";
import { errorView, pageView, reviewListView, reviewView } from "./views.js";

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

async function showLivePage() {
  try {
    const page = await findPage(location.pathname);
    settleAtAddressOf(page);
    showPage(page);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 404) show(errorView("No review here", "Nothing is published at this address."), "Not found");
    else show(errorView("This page cannot be shown", error.message));
  }
}

if (params.has("token") || params.has("content_type")) showPreview();
else if (location.pathname === "/" || location.pathname === "/reviews/") showReviewList();
else showLivePage();
