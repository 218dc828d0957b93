// The Liner Notes API, as this frontend uses it. Each function resolves to the API's
// JSON or rejects with an ApiError whose message can be shown to a reader as it is.
import { API_URL } from "./config.js";

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// A reply the API refused, with its messages per field: {"email": ["…"], …}.
export class ReplyRefused extends ApiError {
  constructor(message, errors) {
    super(message, 400);
    this.errors = errors;
  }
}

const UNREACHABLE = "The review service cannot be reached. Try again in a moment.";

async function get(path, params = {}) {
  const url = new URL(path, API_URL);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, value);
  }
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch {
    throw new ApiError(UNREACHABLE, 0);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    // The API explains every 4xx in {"message": "…"}.
    throw new ApiError(body.message ?? `The review service answered ${response.status}.`, response.status);
  }
  return body;
}

const REVIEWS = { type: "content.FilmReviewPage" };

// Newest first, with what a listing card shows. film is a film id, tag a tag name.
export function listReviews({ film, tag } = {}) {
  return get("pages/", {
    ...REVIEWS,
    fields: "film,rating,teaser,tags,hero_image_card",
    order: "-first_published_at",
    limit: 20,
    film,
    tag,
  });
}

// Every item of a listing, page after page: meta.next is the next page's URL.
async function everyItem(path, params) {
  let page = await get(path, { ...params, limit: 100 });
  const items = [...page.items];
  while (page.meta.next) {
    page = await get(page.meta.next);
    items.push(...page.items);
  }
  return items;
}

// The films and tags to filter by, each with its count of reviews: the API's taxonomy
// endpoints list only those that published reviews have.
export async function listFilterChoices() {
  const [films, tags] = await Promise.all([
    everyItem("films/", { order: "title" }),
    everyItem("tags/", { order: "name" }),
  ]);
  return { films, tags };
}

// The live page at a frontend path such as /reviews/her/. The API answers with a
// redirect to the page's detail URL, which fetch follows.
export function findPage(path) {
  return get("pages/find/", { html_path: path });
}

// A draft, from the content_type and token that the admin's preview put in our URL.
export function getPreview(contentType, token) {
  return get("page_preview/", { content_type: contentType, token });
}

// Wagtail's user bar for that draft, as {html}: in the admin's preview panel it runs the
// editor's content checks on the draft as this frontend renders it.
export function getPreviewUserbar(contentType, token, inPreviewPanel) {
  return get("page_preview/userbar/", {
    content_type: contentType,
    token,
    in_preview_panel: String(inPreviewPanel),
  });
}

// The published replies of a live review, oldest first, every page of them.
export function listReplies(reviewId) {
  return everyItem("replies/", { page: reviewId });
}

// Sends a reader's reply: {page, name, email, body, website?, parent?, honeypot?,
// seconds_on_form?}. Resolves once it waits for moderation; rejects with ReplyRefused
// for a reply with errors, ApiError for anything else (429 over the rate limit).
export async function postReply(reply) {
  let response;
  try {
    response = await fetch(new URL("replies/", API_URL), {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(reply),
    });
  } catch {
    throw new ApiError(UNREACHABLE, 0);
  }
  const body = await response.json().catch(() => ({}));
  if (response.status === 400 && body.errors) throw new ReplyRefused(body.message, body.errors);
  if (response.status === 429) {
    const minutes = Math.ceil(Number(response.headers.get("Retry-After") ?? 60) / 60);
    const wait = minutes <= 1 ? "a minute" : `about ${minutes} minutes`;
    throw new ApiError(`You have sent several replies in a short time. Try again in ${wait}.`, 429);
  }
  if (!response.ok) {
    throw new ApiError(body.message ?? `The review service answered ${response.status}.`, response.status);
  }
  return body;
}
