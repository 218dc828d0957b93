"""WordPress exports (WXR 1.2) for the importer's tests, written from a few facts."""

from html import escape

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Scores at Night</title>
  <link>https://scores.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>scores</wp:category_nicename><wp:cat_name><![CDATA[Scores]]></wp:cat_name></wp:category>
"""
FOOTER = "</channel>\n</rss>\n"


def comment(
    comment_id, author, content, approved="1", parent="0", email="", url="", kind="comment"
):
    return f"""
    <wp:comment>
      <wp:comment_id>{comment_id}</wp:comment_id>
      <wp:comment_author><![CDATA[{author}]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[{email}]]></wp:comment_author_email>
      <wp:comment_author_url>{escape(url)}</wp:comment_author_url>
      <wp:comment_author_IP><![CDATA[203.0.113.4]]></wp:comment_author_IP>
      <wp:comment_date_gmt><![CDATA[2014-02-0{comment_id} 10:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[{content}]]></wp:comment_content>
      <wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
      <wp:comment_type><![CDATA[{kind}]]></wp:comment_type>
      <wp:comment_parent>{parent}</wp:comment_parent>
    </wp:comment>"""


def item(
    post_id,
    title,
    content,
    post_type="post",
    status="publish",
    slug="",
    terms=(),
    thumbnail_id="",
    comments=(),
    attachment_url="",
    password="",
):
    categories = "".join(
        f'<category domain="{domain}" nicename="{name.lower()}"><![CDATA[{name}]]></category>'
        for domain, name in terms
    )
    meta = (
        f"<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>"
        f"<wp:meta_value><![CDATA[{thumbnail_id}]]></wp:meta_value></wp:postmeta>"
        if thumbnail_id
        else ""
    )
    attachment = (
        f"<wp:attachment_url>{attachment_url}</wp:attachment_url>" if attachment_url else ""
    )
    return f"""
  <item>
    <title>{escape(title)}</title>
    <link>https://scores.example/2014/02/{slug}/</link>
    <guid isPermaLink="false">https://scores.example/?p={post_id}</guid>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_date_gmt><![CDATA[2014-02-01 09:30:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[{slug}]]></wp:post_name>
    <wp:status><![CDATA[{status}]]></wp:status>
    <wp:post_type><![CDATA[{post_type}]]></wp:post_type>
    <wp:post_password><![CDATA[{password}]]></wp:post_password>
    {attachment}{categories}{meta}{"".join(comments)}
  </item>"""


def export(*items):
    return HEADER + "".join(items) + FOOTER


HER_POST = """<!-- wp:paragraph -->
<p>Some scores sit politely under the pictures; this one is <em>woven</em> through them.</p>
<!-- /wp:paragraph -->
<!-- wp:paragraph -->
<p>“Sleepwalker,” opens the record in a curious mood.</p>
<!-- /wp:paragraph -->
<!-- wp:paragraph -->
<p>“Photograph” is brief in the film.</p>
<!-- /wp:paragraph -->
<!-- wp:paragraph -->
<p>Overall, it serves the story.</p>
<!-- /wp:paragraph -->
<p>Leave a Reply</p>"""

MOON_POST = """Clint Mansell keeps it small and cold.

"Welcome to Lunar Industries" repeats until it aches.

In the end, a loop worth living in."""


def wordpress_export(her_content=HER_POST):
    """Two posts (one published, with comments and a featured image; one draft), an
    attachment and a page."""
    return export(
        item(
            10,
            "Attachment",
            "",
            post_type="attachment",
            attachment_url="https://scores.example/wp-content/uploads/2014/02/her.png",
        ),
        item(
            1,
            "“Her” Soundtrack Review: warm static",
            her_content,
            slug="her-soundtrack-review",
            terms=[("category", "Scores"), ("post_tag", "melancholy")],
            thumbnail_id="10",
            comments=[
                comment(
                    1,
                    "Maya",
                    "<p>Lovely review.</p><p>Second thought.</p>",
                    email="maya@example.com",
                    url="https://maya.example",
                ),
                comment(2, "Scores at Night", "Thank you!", parent="1"),
                comment(3, "Tomasz", "An answer to an answer.", parent="2"),
                comment(4, "Jo", "Waiting for approval.", approved="0"),
                comment(5, "Cheap Pills", "Buy now", approved="spam"),
                comment(6, "Other blog", "Pingback", kind="pingback"),
            ],
        ),
        item(2, "Review: Moon (2009)", MOON_POST, status="draft", slug="moon-review"),
        item(3, "About this blog", "<p>Hello.</p>", post_type="page", slug="about"),
    )
