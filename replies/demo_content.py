"""The demo's replies: a short conversation under each demo review, one reply waiting for
moderation. Every sentence is the project's own."""

from django.dispatch import receiver

from content.signals import demo_content_loaded

from .models import Reply

# By review slug: (name, email, text, status), and answers from the staff under a reply.
DEMO_REPLIES = {
    "her-arcade-fire-owen-pallett": [
        {
            "name": "Maya Lindqvist",
            "email": "maya@example.com",
            "body": "I put this record on for long train rides. “Photograph” is over "
            "before I notice it has started, and I think that is the point.",
            "answers": [
                {
                    "name": "Liner Notes",
                    "body": "Thanks, Maya. Try it on headphones: the pause in the middle "
                    "feels twice as long, in a good way.",
                    "is_staff": True,
                },
            ],
        },
        {
            "name": "Tomasz Wrona",
            "email": "tomasz@example.org",
            "website": "https://tomasz.example.org",
            "body": "A fair review, though I would give it the full five stars.\n\n"
            "The string writing does a lot of quiet work here that is easy to miss.",
        },
        {
            "name": "Jo",
            "email": "jo@example.net",
            "body": "Does anyone know whether a vinyl pressing of the score exists? I have "
            "only found it to stream.",
            "status": Reply.Status.PENDING,
        },
    ],
    "arrival-johann-johannsson": [
        {
            "name": "Ruth Osei",
            "email": "ruth@example.com",
            "body": "The layered voices in “Heptapod B” still make the hair on my arms "
            "stand up. I am glad the review starts there.",
        },
    ],
    "the-social-network-reznor-ross": [
        {
            "name": "Dev Patel-Morris",
            "email": "dev@example.org",
            "body": "“Hand Covers Bruise” is the track that got me listening to film "
            "scores at all.",
        },
    ],
}


@receiver(demo_content_loaded)
def add_demo_replies(sender, reviews, report, **kwargs):
    for slug, replies in DEMO_REPLIES.items():
        if slug in reviews:
            for data in replies:
                add_reply(reviews[slug], data, parent=None, report=report)


def add_reply(review, data, parent, report):
    fields = {key: value for key, value in data.items() if key != "answers"}
    fields.setdefault("status", Reply.Status.APPROVED)
    reply, created = Reply.objects.get_or_create(
        page=review,
        parent=parent,
        name=fields.pop("name"),
        body=fields.pop("body"),
        defaults=fields,
    )
    report(created, f"reply by {reply.name} ({reply.get_status_display().lower()})")
    for answer in data.get("answers", ()):
        add_reply(review, answer, parent=reply, report=report)
