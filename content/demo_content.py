"""The demo reviews that ``manage.py load_demo`` creates, written for Liner Notes.

Titles, names and years are facts; every sentence is our own. Track numbers and
durations are left out where we have not checked them against the album.
"""

REVIEWERS = [
    {
        "name": "Ines Okafor",
        "bio": "Ines writes about film music and the people who make it. "
        "She listens to every score twice: once with the film, once without.",
        "colours": ("#3b4a6b", "#e0b872"),
    },
    {
        "name": "Tomás Reyes",
        "bio": "Tomás came to film scores from electronic music and still hears "
        "them as records first.",
        "colours": ("#2f5d50", "#d9d2c5"),
    },
]

FILMS = [
    {
        "title": "Her",
        "release_year": 2013,
        "directors": ["Spike Jonze"],
        "composers": ["Arcade Fire", "Owen Pallett"],
        "cast": [
            ("Joaquin Phoenix", "Theodore Twombly"),
            ("Scarlett Johansson", "Samantha (voice)"),
            ("Amy Adams", "Amy"),
            ("Rooney Mara", "Catherine"),
        ],
        "imdb_id": "tt1798709",
        "colours": ("#c4453a", "#f2c6a0"),
    },
    {
        "title": "Arrival",
        "release_year": 2016,
        "directors": ["Denis Villeneuve"],
        "composers": ["Jóhann Jóhannsson"],
        "cast": [
            ("Amy Adams", "Louise Banks"),
            ("Jeremy Renner", "Ian Donnelly"),
            ("Forest Whitaker", "Colonel Weber"),
        ],
        "imdb_id": "tt2543164",
        "colours": ("#1f2a2e", "#8fa3a6"),
    },
    {
        "title": "The Social Network",
        "release_year": 2010,
        "directors": ["David Fincher"],
        "composers": ["Trent Reznor", "Atticus Ross"],
        "cast": [
            ("Jesse Eisenberg", "Mark Zuckerberg"),
            ("Andrew Garfield", "Eduardo Saverin"),
            ("Justin Timberlake", "Sean Parker"),
        ],
        "imdb_id": "tt1285016",
        "colours": ("#0e1a2b", "#4f7cac"),
    },
]


def track(title, commentary, **fields):
    return {
        "type": "track_commentary",
        "value": {"track_title": title, "commentary": commentary, **fields},
    }


REVIEWS = [
    {
        "slug": "her-arcade-fire-owen-pallett",
        "title": "Her: a score that keeps the lovers company",
        "film": ("Her", 2013),
        "reviewer": "Ines Okafor",
        "teaser": "Arcade Fire and Owen Pallett write music that lives inside Spike Jonze's "
        "film and lifts it, as varied as the city around its two lovers.",
        "rating": "4.5",
        "colours": ("#f2c6a0", "#c4453a"),
        "tags": ["bittersweet", "romantic", "ambient"],
        "album": {"title": "Her (Original Score)"},
        "body": [
            {
                "type": "intro",
                "value": "<p>Some scores sit politely under the pictures. This one is threaded "
                "through the film so tightly that it is hard to say where a scene ends and "
                "the music begins, and more than once it is the music that carries the film "
                "to a place the images alone would not reach.</p>"
                "<p>On paper the story is a small one: a romance between Theodore, a man who "
                "writes other people's letters, and Samantha, the voice of the operating "
                "system he falls for.</p>"
                "<p>Around the two of them, though, Spike Jonze builds a warm and crowded "
                "world, and Arcade Fire and Owen Pallett answer it in kind. Piano, strings, "
                "synthesisers and hushed guitars all get their turn, and the record moves "
                "between moods as freely as the city does.</p>",
            },
            track(
                "Sleepwalker",
                "<p>The record starts in an odd, half-awake state: a few notes circle "
                "without settling, curious rather than sad, as if the music has not yet "
                "decided what kind of story it is in.</p>",
            ),
            track(
                "Some Other Places",
                "<p>Here the feelings start to tangle. There is tenderness, some nerves, "
                "a flicker of longing, all of the things that come with falling for "
                "someone, played at once and without fuss.</p>",
            ),
            track(
                "Photograph",
                "<p>It passes quickly in the film, which is a shame, because on the album "
                "it has room to unfold. Long, held chords open it, then everything stops "
                "for a breath in the middle.</p>"
                "<p>After that pause the piece turns towards something bigger and quicker. "
                "Notes that are nearly arpeggios pile up one on another and carry it to a "
                "slow, patient close.</p>",
                quote="Everything stops for a breath in the middle.",
            ),
            track(
                "We Are All Leaving",
                "<p>The plainest piece on the record, and maybe the most honest. It says "
                "what it means directly, and what it paints is lonely and a little uncanny: "
                "a portrait of being alone in a crowd of connected people.</p>",
            ),
            track(
                "Dimensions",
                "<p>This one looks at the story from a different side. It begins slowly, "
                "unsure of itself, then finds its feet and walks on steadily.</p>",
            ),
            track(
                "Loneliness #3 (Night Talking)",
                "<p>A close relative of \u201cDimensions\u201d. Empty space hangs around "
                "every phrase, and at the end the notes fall in on themselves, like a "
                "conversation that stops because nobody is left to answer.</p>",
            ),
            {
                "type": "conclusion",
                "value": {
                    "text": "<p>Every track here does its job for the story, and every one of "
                    "them also stands up on its own, away from the screen. What they leave "
                    "behind is bittersweet, with a hopeful note now and then.</p>",
                    "verdict": "Bittersweet, and now and then hopeful.",
                },
            },
        ],
    },
    {
        "slug": "arrival-johann-johannsson",
        "title": "Arrival: voices from somewhere else",
        "film": ("Arrival", 2016),
        "reviewer": "Tomás Reyes",
        "teaser": "Jóhann Jóhannsson turns human voices and slow drones into the sound of "
        "first contact, and of grief.",
        "rating": "4.0",
        "colours": ("#8fa3a6", "#1f2a2e"),
        "tags": ["eerie", "minimalist", "choral"],
        "album": {
            "title": "Arrival (Original Motion Picture Soundtrack)",
            "label": "Deutsche Grammophon",
            "release_year": 2016,
        },
        "body": [
            {
                "type": "intro",
                "value": "<p>Jóhann Jóhannsson builds this score out of breath and bowed "
                "strings. Voices rise and fall like weather, and the line between an "
                "instrument and a person is never quite clear.</p>"
                "<p>It suits a film about learning to hear something entirely foreign, "
                "and about a linguist whose sense of time comes loose.</p>",
            },
            track(
                "Heptapod B",
                "<p>Layered voices chatter, hum and overlap until they sound like a "
                "language you almost understand. It is the score's calling card and its "
                "strangest idea.</p>",
            ),
            track(
                "First Encounter",
                "<p>Low drones that seem to push against the floor. The music does not "
                "tell you what to feel; it only makes the room bigger and darker.</p>",
            ),
            track(
                "Kangaru",
                "<p>Lighter on its feet, with a faint pulse under the voices, like "
                "a joke that only works once you speak the language.</p>",
            ),
            track(
                "Non-Zero-Sum Game",
                "<p>The closest thing to release the record allows: the drones open up "
                "and the voices sound, for once, like they are on our side.</p>",
            ),
            {
                "type": "conclusion",
                "value": {
                    "text": "<p>Not music to hum, but music that changes how a room sounds "
                    "while it plays.</p>",
                    "verdict": "Cold to the touch, warm at the core.",
                },
            },
        ],
    },
    {
        "slug": "the-social-network-reznor-ross",
        "title": "The Social Network: anxiety with a pulse",
        "film": ("The Social Network", 2010),
        "reviewer": "Tomás Reyes",
        "teaser": "Trent Reznor and Atticus Ross score a story about code and betrayal "
        "with hums, hiss and one unforgettable piano line.",
        "rating": "5.0",
        "colours": ("#4f7cac", "#0e1a2b"),
        "tags": ["electronic", "tense", "melancholy"],
        "album": {
            "title": "The Social Network (Soundtrack from the Motion Picture)",
            "label": "The Null Corporation",
            "release_year": 2010,
        },
        "body": [
            {
                "type": "intro",
                "value": "<p>Trent Reznor and Atticus Ross treat a campus drama like a "
                "thriller. Synthesisers buzz under everything, and the quiet moments are "
                "the most unsettling of all.</p>",
            },
            track(
                "Hand Covers Bruise",
                "<p>A lonely piano melody over a low, fizzing drone. It feels like "
                "walking home after saying the wrong thing, and it returns in the film "
                "whenever someone is left behind.</p>",
                track_number=1,
            ),
            track(
                "In Motion",
                "<p>Pulses stack up and the tempo never lets go: the sound of an idea "
                "becoming a company overnight.</p>",
                track_number=2,
            ),
            track(
                "In the Hall of the Mountain King",
                "<p>Grieg's tune, rebuilt from grinding synthesisers for the rowing race. "
                "It is funny and menacing at the same time.</p>",
                artists=["Edvard Grieg"],
                scene="The Henley Royal Regatta",
            ),
            {
                "type": "conclusion",
                "value": {
                    "text": "<p>Few scores sound this much like their decade. It still feels "
                    "current, and it still makes a quiet room feel crowded.</p>",
                    "verdict": "The sound of a restless decade.",
                },
            },
        ],
    },
]
