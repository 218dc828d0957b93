// What a static-site build does with the types openapi-typescript generates from
// /api/schema/: page through every review by cursor, and walk each review's body.
// It must compile with `tsc --strict` without a cast or a non-null assertion
// (tests/api/test_typescript.py), so that the document's types are enough on their own.
import type { components, paths } from "./api";

type Listing =
  paths["/api/v2/pages/"]["get"]["responses"][200]["content"]["application/json"];
type ListedPage = components["schemas"]["PageInListing"];
type Review = components["schemas"]["FilmReviewPageInListing"];
type BodyBlock = NonNullable<Review["body"]>[number];
type Tags = paths["/api/v2/tags/"]["get"]["responses"][200]["content"]["application/json"];

// meta.type tells page types apart.
function isReview(page: ListedPage): page is Review {
  return page.meta.type === "content.FilmReviewPage";
}

function describe(block: BodyBlock): string {
  switch (block.type) {
    case "intro":
      return `intro (${block.value.length} characters of HTML)`;
    case "track_commentary": {
      const { track_number, track_title, duration_seconds } = block.value;
      const number = track_number === null ? "" : `${track_number}. `;
      const length = duration_seconds === null ? "" : ` (${duration_seconds} s)`;
      return `${number}${track_title}${length}`;
    }
    case "conclusion":
      return `conclusion: ${block.value.verdict ?? "no verdict"}`;
  }
}

export async function buildEveryReview(apiUrl: string): Promise<Map<string, string[]>> {
  const pages = new Map<string, string[]>();
  const query = new URLSearchParams({
    type: "content.FilmReviewPage",
    fields: "body,film(title,composers)",
    limit: "100",
  });
  let next: string | null = `${apiUrl}/api/v2/pages/?${query}`;
  while (next !== null) {
    const response = await fetch(next, { headers: { "Accept-Encoding": "br, gzip" } });
    const listing: Listing = await response.json();
    for (const page of listing.items) {
      if (!isReview(page)) continue;
      const title = page.film?.title ?? page.title ?? `review ${page.id}`;
      const composers = page.film?.composers?.join(", ") ?? "";
      const lines = (page.body ?? []).map(describe);
      pages.set(page.meta.html_url ?? `/reviews/${page.id}/`, [`${title} — ${composers}`, ...lines]);
    }
    next = listing.meta.next;
  }
  return pages;
}

export async function tagMenu(apiUrl: string): Promise<string[]> {
  const response = await fetch(`${apiUrl}/api/v2/tags/?order=-review_count`);
  const tags: Tags = await response.json();
  return tags.items.map((tag) => `${tag.name} (${tag.review_count})`);
}
