"""A WordPress export of generated reviews, for timing `import_reviews` on a large blog.

    python bench/wordpress_export.py 5000 > /tmp/blog.xml
    /usr/bin/time -v python manage.py import_reviews /tmp/blog.xml   # time, peak memory

Each post reviews a score in the way the importer reads: an intro, a few quoted tracks,
a closing paragraph, and two comments, one answering the other.
"""

import random
import sys
from html import escape

TRACK_WORDS = ["Night", "Glass", "River", "Signal", "Ember", "Static", "Orbit", "Tide"]
OPENINGS = ["drifts in on", "leans on", "is built from", "keeps returning to"]
TEXTURES = ["a low drone", "muted brass", "a single piano line", "bowed strings"]


def post(number, rng):
    tracks = [f"{rng.choice(TRACK_WORDS)} {rng.choice(TRACK_WORDS)} {n}" for n in range(1, 5)]
    paragraphs = [f"Film {number} has a score that stays close to its characters."]
    paragraphs += [f"“{track}” {rng.choice(OPENINGS)} {rng.choice(TEXTURES)}." for track in tracks]
    paragraphs.append("Overall, a score that earns its quiet moments.")
    content = "\n\n".join(paragraphs)
    return f"""
  <item>
    <title>Review: Film {number} ({1990 + number % 35})</title>
    <link>https://blog.example/{number}/film-{number}-review/</link>
    <guid isPermaLink="false">https://blog.example/?p={number}</guid>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <wp:post_id>{number}</wp:post_id>
    <wp:post_date_gmt>2015-01-01 10:00:00</wp:post_date_gmt>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <category domain="post_tag" nicename="scores"><![CDATA[scores]]></category>
    <wp:comment>
      <wp:comment_id>1</wp:comment_id>
      <wp:comment_author>{escape("Reader")}</wp:comment_author>
      <wp:comment_author_email>reader@example.com</wp:comment_author_email>
      <wp:comment_date_gmt>2015-01-02 10:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Thanks for this one.]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>2</wp:comment_id>
      <wp:comment_author>Blog</wp:comment_author>
      <wp:comment_date_gmt>2015-01-03 10:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Glad you liked it.]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_parent>1</wp:comment_parent>
    </wp:comment>
  </item>"""


def main(count):
    rng = random.Random(count)  # noqa: S311 (the same export for the same count)
    out = sys.stdout
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
    )
    for number in range(1, count + 1):
        out.write(post(number, rng))
    out.write("\n</channel>\n</rss>\n")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
