// Renders API JSON as HTML fragments. Nothing here is content: every word a reader
// sees comes from the API, apart from labels such as "Music by".
import { html, trusted } from "./html.js";

// Links stay on this frontend: the API's html_url is the page's address here.
const pathOf = (url) => new URL(url).pathname;

const listingUrl = (params) => `/?${new URLSearchParams(params)}`;

function rating(stars) {
  if (stars === null) return "";
  const full = Math.floor(stars);
  const half = stars - full >= 0.5;
  return html`<span class="rating" title="${stars} out of 5">
    <span aria-hidden="true">${"★".repeat(full)}${half && "½"}</span>
    <span class="rating-value">${stars} / 5</span>
  </span>`;
}

function image(rendition, className) {
  return (
    rendition &&
    html`<img class="${className}" src="${rendition.url}" alt="${rendition.alt}"
      width="${rendition.width}" height="${rendition.height}">`
  );
}

function filmLine(film) {
  return html`${film.title} (${film.release_year}), music by ${film.composers.join(", ")}`;
}

export function reviewListView({ items }, { films, tags }, filters) {
  const filmChoice = (film) =>
    html`<option value="${film.id}" ${String(film.id) === filters.film && "selected"}>
      ${film.title} (${film.release_year}) · ${film.review_count}</option>`;
  const tagChoice = (tag) =>
    html`<option value="${tag.name}" ${tag.name === filters.tag && "selected"}>
      ${tag.name} · ${tag.review_count}</option>`;
  return html`
    <h1>Reviews</h1>
    <form class="filters" action="/" method="get">
      <label>Film <select name="film"><option value="">All films</option>${films.map(filmChoice)}</select></label>
      <label>Tag <select name="tag"><option value="">All tags</option>${tags.map(tagChoice)}</select></label>
      <button type="submit">Filter</button>
      ${(filters.film || filters.tag) && html`<a href="/">Clear filters</a>`}
    </form>
    ${items.length === 0 && html`<p class="status">No reviews match these filters.</p>`}
    <ol class="review-list">${items.map(reviewCard)}</ol>`;
}

function reviewCard(review) {
  return html`<li class="review-card">
    ${image(review.hero_image_card, "review-card-image")}
    <div>
      <p class="kicker"><a href="${listingUrl({ film: review.film.id })}">${filmLine(review.film)}</a></p>
      <h2><a href="${pathOf(review.meta.html_url)}">${review.title}</a></h2>
      ${rating(review.rating)}
      <p class="teaser">${review.teaser}</p>
      ${tagList(review.tags)}
    </div>
  </li>`;
}

function tagList(tags) {
  const tag = (name) => html`<li><a href="${listingUrl({ tag: name })}">${name}</a></li>`;
  return tags.length > 0 && html`<ul class="tags">${tags.map(tag)}</ul>`;
}

// A draft in preview may not have its film yet.
export function reviewView(review) {
  const { film, reviewer, soundtrack } = review;
  return html`<article class="review">
    ${image(review.hero_image_wide, "hero")}
    <header class="review-header">
      ${film && html`<p class="kicker">${filmLine(film)}</p>`}
      <h1>${review.title}</h1>
      <p class="teaser">${review.teaser}</p>
      <p class="byline">
        ${reviewer && html`By ${reviewer.name} · `}${review.reading_time_minutes} min read
        ${rating(review.rating)}
      </p>
      ${tagList(review.tags)}
    </header>
    ${film && html`<aside class="film-card" aria-label="About the film">
      ${image(film.poster, "poster")}
      <h2>${film.title} <span class="year">(${film.release_year})</span></h2>
      <dl>
        <dt>Directed by</dt><dd>${film.directors.join(", ")}</dd>
        <dt>Music by</dt><dd>${film.composers.join(", ")}</dd>
        ${film.cast.length > 0 && html`<dt>Starring</dt>
          <dd><ul>${film.cast.map((member) => html`<li>${member.name}${member.character && html` as ${member.character}`}</li>`)}</ul></dd>`}
        ${soundtrack.album_title && html`<dt>Album</dt>
          <dd>${soundtrack.album_title}${soundtrack.label && html`, ${soundtrack.label}`}${soundtrack.release_year && html` (${soundtrack.release_year})`}</dd>`}
      </dl>
    </aside>`}
    <div class="review-body">${review.body.map((block) => bodyBlocks[block.type](block))}</div>
  </article>`;
}

// One renderer per body block type: the API's contract is {type, id, value}.
const bodyBlocks = {
  intro: ({ value }) => html`<section class="intro">${trusted(value)}</section>`,

  track_commentary: ({ id, value: track }) => html`<section class="track-card" id="track-${id}">
    <header>
      ${track.track_number !== null && html`<span class="track-number">${track.track_number}</span>`}
      <h2>${track.track_title}</h2>
      ${track.duration && html`<span class="duration">${track.duration}</span>`}
    </header>
    ${track.artists.length > 0 && html`<p class="artists">${track.artists.join(", ")}</p>`}
    ${track.scene && html`<p class="scene">In the film: ${track.scene}</p>`}
    <div class="commentary">${trusted(track.commentary)}</div>
    ${track.quote && html`<blockquote>${track.quote}</blockquote>`}
    ${track.listening_link && html`<p><a class="listen" href="${track.listening_link}">Listen to ${track.track_title}</a></p>`}
  </section>`,

  conclusion: ({ value }) => html`<section class="conclusion">
    <h2>In the end</h2>
    ${trusted(value.text)}
    ${value.verdict && html`<p class="verdict">${value.verdict}</p>`}
  </section>`,
};

// Pages other than reviews: the home page and review sections.
export function pageView(page) {
  return html`<h1>${page.title}</h1>${page.introduction && html`<p class="teaser">${page.introduction}</p>`}`;
}

// Readers' replies under a review: published ones threaded one level deep, then the
// form while the review takes replies. Every value from readers is escaped by html``.
export function repliesView(review, replies) {
  const answers = (reply) => replies.filter((answer) => answer.parent === reply.id);
  const topLevel = replies.filter((reply) => reply.parent === null);
  const count = replies.length;
  return html`<h2 id="replies-heading">${count === 0 ? "Replies" : `${count} ${count === 1 ? "reply" : "replies"}`}</h2>
    ${count === 0 && html`<p class="status">No replies yet.</p>`}
    <ol class="reply-list">${topLevel.map((reply) => replyItem(reply, answers(reply), review.replies_open))}</ol>
    ${review.replies_open ? replyFormView() : html`<p class="status">Replies are closed for this review.</p>`}`;
}

function replyItem(reply, answers, canAnswer) {
  return html`<li class="reply${reply.is_staff ? " reply-staff" : ""}" id="reply-${reply.id}">
    ${replyContent(reply)}
    ${canAnswer && html`<button type="button" class="reply-to" data-reply-to="${reply.id}" data-name="${reply.name}">Reply to ${reply.name}</button>`}
    ${answers.length > 0 && html`<ol class="reply-list reply-answers">${answers.map((answer) => html`<li class="reply${answer.is_staff ? " reply-staff" : ""}" id="reply-${answer.id}">${replyContent(answer)}</li>`)}</ol>`}
  </li>`;
}

function replyContent(reply) {
  const posted = new Date(reply.created_at);
  const name = reply.website
    ? html`<a href="${reply.website}" rel="nofollow ugc noopener">${reply.name}</a>`
    : reply.name;
  // Plain text: a blank line between paragraphs, a line break within one.
  const paragraphs = reply.body.split("\n\n").map(
    (paragraph) => html`<p>${paragraph.split("\n").map((line, i) => html`${i > 0 && trusted("<br>")}${line}`)}</p>`,
  );
  return html`<p class="reply-meta"><strong class="reply-name">${name}</strong>
      ${reply.is_staff && html`<span class="staff-badge">Staff</span>`}
      <time datetime="${reply.created_at}">${posted.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}</time></p>
    <div class="reply-body">${paragraphs}</div>`;
}

// The fields keep what the API calls them; errors for each show beneath it.
function replyFormView() {
  const field = (name, label, input, note) => html`<p class="field">
    <label for="reply-${name}">${label}</label>
    ${input}
    ${note && html`<small id="reply-${name}-note">${note}</small>`}
    <span class="field-error" id="reply-${name}-error" hidden></span>
  </p>`;
  const required = trusted('<span class="required" aria-hidden="true">*</span>');
  return html`<form class="reply-form" novalidate>
    <h3 id="reply-form-heading">Leave a Reply</h3>
    <p class="replying-to" aria-live="polite"><span id="reply-replying-to"></span> <button type="button" class="cancel-reply" hidden>Cancel</button></p>
    <p class="form-note">Your email address will not be published. Required fields are marked <span class="required">*</span></p>
    <p class="form-error" role="alert" tabindex="-1" hidden></p>
    ${field("body", html`Reply ${required}`, html`<textarea id="reply-body" name="body" rows="6" required aria-describedby="reply-replying-to reply-body-error"></textarea>`)}
    ${field("name", html`Name ${required}`, html`<input id="reply-name" name="name" autocomplete="name" required aria-describedby="reply-name-error">`)}
    ${field("email", html`Email ${required}`, html`<input id="reply-email" name="email" type="email" autocomplete="email" required aria-describedby="reply-email-note reply-email-error">`, "Your email address will not be published.")}
    ${field("website", "Website", html`<input id="reply-website" name="website" type="url" autocomplete="url" aria-describedby="reply-website-error">`)}
    <p class="trap" aria-hidden="true"><label>Leave this field empty <input name="reply_trap" tabindex="-1" autocomplete="off"></label></p>
    <p><button type="submit">Post Reply</button></p>
  </form>`;
}

export function replyAwaitingModerationView() {
  return html`Thank you. Your reply awaits moderation: it will appear here once an editor approves it.`;
}

// The API's messages are terse ("token is required"); readers get a sentence.
export function sentence(message) {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function errorView(title, message) {
  return html`<div class="error" role="alert">
    <h1>${title}</h1>
    <p>${sentence(message)}</p>
    <p><a href="/">See all reviews</a></p>
  </div>`;
}
