"""Single reviews are read from plain text, Markdown and HTML (WordPress's two ways of
storing a post included), without the blog's boilerplate, emphasis and links kept."""

import pytest

from importer.readers import UnreadableReview, read_review

BOILERPLATE = """
Leave a Reply

Your email address will not be published. Required fields are marked *

Post Comment

Share this:

Related
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_text_takes_its_first_line_as_the_headline(tmp_path):
    path = write(
        tmp_path,
        "her.txt",
        "Review: Her (2013)\n\nFirst paragraph,\nover two lines.\n\n“A” <b>is</b> quiet.\n"
        + BOILERPLATE,
    )

    assert read_review(path) == (
        "Review: Her (2013)",
        ["First paragraph, over two lines.", "“A” &lt;b&gt;is&lt;/b&gt; quiet."],
    )


def test_markdown_keeps_emphasis_and_links(tmp_path):
    path = write(
        tmp_path,
        "her.md",
        "# Her (2013) soundtrack review\n\nIt is *quiet* and **warm**, see "
        "[the film](https://example.com/her).\n",
    )

    headline, paragraphs = read_review(path)

    assert headline == "Her (2013) soundtrack review"
    assert paragraphs == [
        'It is <i>quiet</i> and <b>warm</b>, see <a href="https://example.com/her">the film</a>.'
    ]


def test_wordpress_content_without_paragraph_tags_is_read_by_blank_lines(tmp_path):
    path = write(
        tmp_path,
        "post.html",
        "<title>“Her” Soundtrack Review: warm</title>\n"
        "The first paragraph, with <em>emphasis</em>.\n\n"
        "A second, with <span style='color:red'>a span</span> and "
        "<script>alert(1)</script><a href='javascript:x()'>a bad link</a>.\n"
        "<div class='sharedaddy'>Share this:</div>",
    )

    headline, paragraphs = read_review(path)

    assert headline == "“Her” Soundtrack Review: warm"
    assert paragraphs == [
        "The first paragraph, with <i>emphasis</i>.",
        "A second, with a span and <a>a bad link</a>.",
    ]


def test_block_editor_html_is_read_by_its_paragraphs(tmp_path):
    path = write(
        tmp_path,
        "post.html",
        "<h1>Review: Her (2013)</h1>\n<!-- wp:paragraph -->\n<p>One, <strong>bold</strong>.</p>\n"
        "<!-- /wp:paragraph -->\n<!-- wp:paragraph -->\n<p>Two.</p>\n<!-- /wp:paragraph -->\n"
        "<p>Leave a Reply</p>",
    )

    assert read_review(path) == ("Review: Her (2013)", ["One, <b>bold</b>.", "Two."])


def test_a_format_can_be_forced(tmp_path):
    path = write(tmp_path, "review.post", "Headline\n\nText.")

    with pytest.raises(UnreadableReview, match="not a .txt, .md or .html file"):
        read_review(path)
    assert read_review(path, "text") == ("Headline", ["Text."])


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"\xff\xfe\x00bad", "not UTF-8 text"),
        (b"Only a headline", "no paragraphs to read"),
    ],
)
def test_an_unreadable_file_says_why(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    with pytest.raises(UnreadableReview, match=reason):
        read_review(path)


def test_lists_quotes_unclosed_paragraphs_and_blank_lines_are_all_paragraphs(tmp_path):
    path = write(
        tmp_path,
        "mixed.html",
        "<h1>Review: Dune (2021)</h1><p>Intro.<p>Second, unclosed."
        "<ul><li>“Leaving Caladan”: bagpipes</li></ul>"
        "<blockquote>“Proven Lands” broods.</blockquote>\n"
        "Classic editor text.\n\nAnd more of it.",
    )

    assert read_review(path)[1] == [
        "Intro.",
        "Second, unclosed.",
        "“Leaving Caladan”: bagpipes",
        "“Proven Lands” broods.",
        "Classic editor text.",
        "And more of it.",
    ]


def test_wordpress_shortcodes_go_and_captions_with_them(tmp_path):
    path = write(
        tmp_path,
        "post.html",
        '<title>Review: Drive (2011)</title>[caption id="attachment_9" width="300"]'
        '<img src="a.jpg"> A still[/caption]\n\n[gallery ids="1,2"]“Nightcall” glows.',
    )

    assert read_review(path)[1] == ["“Nightcall” glows."]


def test_figures_embeds_and_headings_go_unless_a_heading_names_a_track(tmp_path):
    path = write(
        tmp_path,
        "post.html",
        "<h1>Arrival soundtrack review</h1><p>Intro.</p>"
        '<!-- wp:image --><figure class="wp-block-image"><img src="ink.jpg"/>'
        "<figcaption>The “ink” the heptapods write.</figcaption></figure>"
        "<h2>Standout tracks</h2><h3>1. “Heptapod B”</h3><p>Voices on voices.</p>"
        '<figure class="wp-block-embed"><div>\nhttps://video.example/watch?v=1\n</div></figure>'
        '<p><iframe src="https://player.example/1"></iframe></p>\n\n'
        "https://video.example/watch?v=2\n\n"
        "<p>What do you think? Let me know in the comments!</p>",
    )

    assert read_review(path)[1] == ["Intro.", "1. “Heptapod B”", "Voices on voices."]


def test_markdown_lists_headings_and_tracklists(tmp_path):
    path = write(
        tmp_path,
        "interstellar.md",
        "# Interstellar (2014) review\n\nThe ones I keep:\n\n"
        '1. "Dust Storm" – 3:55\n2. "Corn Chase" (2:06)\n\n'
        "## The big moments\n\n"
        "Notes:\n- organ everywhere\n- clocks ticking\n\n"
        '### "Docking"\n\nThe best thing on it.',
    )

    assert read_review(path)[1] == [
        "The ones I keep:",
        "Notes:",
        "organ everywhere",
        "clocks ticking",
        '"Docking"',
        "The best thing on it.",
    ]


def test_a_short_line_that_ends_in_a_time_is_kept(tmp_path):
    path = write(tmp_path, "t.txt", "Headline\n\nIt peaks at 2:30\n\n“A” is fine.")

    assert read_review(path)[1] == ["It peaks at 2:30", "“A” is fine."]


def test_classic_tracklist_lines_markdown_images_frames_and_signatures_go(tmp_path):
    post = write(
        tmp_path,
        "post.html",
        "<h1>Review: Dunkirk (2017)</h1>Intro.\n\n<b>Tracklist</b>\n"
        '1. "Mole Pier" - 8:14<br />\n2. "Tide Out" - 4:21\n\n“Mole Pier” ticks.\n\n— Sam',
    )
    notes = write(
        tmp_path,
        "notes.md",
        "# Review: Dunkirk (2017)\n\nIntro.\n\n![A ship](https://x.example/ship.jpg)\n\n"
        '<iframe src="https://player.example/1"></iframe>\n\n“Mole Pier” ticks.\n\nCheers, Sam',
    )

    assert read_review(post)[1] == ["Intro.", "“Mole Pier” ticks."]
    assert read_review(notes)[1] == ["Intro.", "“Mole Pier” ticks."]
