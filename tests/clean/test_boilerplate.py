from __future__ import annotations

import numpy as np
import pytest

from storyline.clean.boilerplate import (
    _best_copy,
    article_stretch,
    classify_lines,
    comment_thread_start,
)
from storyline.clean.linefeatures import title_index
from storyline.clean.linegroups import (
    inline_headlines,
    live_entries,
    story_lists,
    text_tables,
    wire_ledes,
)
from storyline.clean.linerules import (
    TERMINAL,
    first_headline,
    is_headline,
    rule_reason,
    words,
)

PAGE = [
    "Example Daily Blogs",
    "World",
    "Ministers agree to meet again on the river dispute",
    "Updated: 3 Mar 2019 10:15",
    "Share",
    "The foreign ministers of the two countries agreed on Tuesday to hold another round of talks.",
    "The foreign ministers of the two countries agreed on Tuesday to hold another round of talks.",
    "Negotiators said the next meeting would take place in the capital before the end of the month.",
    "© Photo/Jane Doe",
    "Tags",
    "Diplomacy Water",
    "Подпишитесь на рассылку",
]


def _verdicts() -> dict[str, str]:
    _, verdicts = classify_lines(PAGE)
    return {v.text: v.reason for v in verdicts if not v.keep}


def test_classify_lines_finds_the_headline() -> None:
    title, _ = classify_lines(PAGE)
    assert title == "Ministers agree to meet again on the river dispute"


def test_classify_lines_drops_chrome_before_the_headline() -> None:
    dropped = _verdicts()
    assert dropped["Example Daily Blogs"] in ("interface", "before_title")
    assert dropped["World"] == "before_title"


def test_classify_lines_drops_stamps_credits_and_interface() -> None:
    dropped = _verdicts()
    assert dropped["Updated: 3 Mar 2019 10:15"] == "date_stamp"
    assert dropped["Share"] == "interface"
    assert dropped["© Photo/Jane Doe"] == "photo_credit"
    assert dropped["Подпишитесь на рассылку"] == "foreign_script"


def test_classify_lines_drops_trailing_short_lines_and_duplicates() -> None:
    dropped = _verdicts()
    assert dropped["Diplomacy Water"] == "after_body"
    _, verdicts = classify_lines(PAGE)
    kept = [v.text for v in verdicts if v.keep]
    assert kept.count(PAGE[5]) == 1
    assert PAGE[7] in kept


def test_classify_lines_keeps_text_without_headline() -> None:
    lines = ["A long opening paragraph of running text that explains what happened yesterday.",
             "Another paragraph follows with more detail about the event and its consequences."]
    title, verdicts = classify_lines(lines)
    assert title is None
    assert all(v.keep for v in verdicts)


def test_captions_and_reporting_credits_are_dropped_at_any_length() -> None:
    chrome = [
        "FILE PHOTO: Farmers harvest wheat near the river in the northern province, May 2, 2019. "
        "REUTERS/Jane Doe",
        "The new bridge over the estuary seen from the air. (NASA/JPL-Caltech)",
        "Media captionThe minister arriving at the summit venue",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Our correspondent Jane Doe contributed to this report.",
        "Sam on September 20, 2018 at 10:07 am said:",
        "Protesters marched through the city centre on Sunday (Image: Example Agency)",
    ]
    prose = [
        "The ministers met in the capital on Monday and agreed to resume talks, AP reported.",
        "Both sides signed the accord after a long night of talks, the officials told AFP.",
        "She said the photo was taken by a neighbour who saw the flood reach the square.",
    ]
    assert [rule_reason(line) for line in chrome] == ["caption"] * len(chrome)
    assert [rule_reason(line) for line in prose] == [None] * len(prose)
    _, verdicts = classify_lines([PAGE[2], PAGE[5], chrome[0], PAGE[7]])
    assert [v.reason for v in verdicts] == ["title", "", "caption", ""]
    # a reporting credit is a caption to the model, and named for what it is in the audit
    _, verdicts = classify_lines([PAGE[2], PAGE[5], chrome[3], PAGE[7], chrome[4]])
    assert [v.reason for v in verdicts] == ["title", "", "reporting_credit", "",
                                            "reporting_credit"]


def test_sentences_that_mention_photos_or_credits_are_not_captions() -> None:
    sentences = [
        "Rising energy prices contributed to this year's surge in inflation, the bank said.",
        "Police released a file photo of the suspect on Tuesday.",
        "File-sharing services have been ordered to remove the songs.",
        "Reporting by The Times last year found that the firm paid no tax in those years.",
        "Writing by hand improves memory, the researchers found.",
        "In a statement released late on Tuesday, Mr. Bloomberg said:",
        "Speaking on May 2, 2018 at 10:07 am, the president said:",
    ]
    assert [rule_reason(line) for line in sentences] == [None] * len(sentences)


def test_skip_links_and_login_widgets_are_interface_not_headlines() -> None:
    for line in ("Skip to main content", "Jump to navigation", "Find us on Facebook",
                 "Keep Me Logged In"):
        assert rule_reason(line) == "interface", line
    for line in ("Gold prices jump to record high", "Ministers skip to the vote"):
        assert rule_reason(line) is None, line
    lines = ["Skip to main content", "Floods close the coastal road for a second day",
             "Flooding closed the coastal road on Monday after two days of rain, officials said."]
    assert title_index(lines) == 1


def test_a_bulleted_line_is_no_headline() -> None:
    lines = ["* Click the link to see the full calendar of the season races",
             "Floods close the coastal road for a second day",
             "Flooding closed the coastal road on Monday after two days of rain, officials said."]
    assert not is_headline(lines[0]) and is_headline(lines[1])
    assert title_index(lines) == 1


def test_gallery_counters_and_image_credits_are_chrome() -> None:
    for line in ("Image 1 of 5", "Photo 3/12", "Slide 4 of 10"):
        assert rule_reason(line) == "interface", line
    for line in ("(Image credit: Example Space Agency)", "Photo credit: Jane Doe"):
        assert rule_reason(line) == "photo_credit", line
    for line in ("The image of 5 ministers at the table went round the world.",
                 "She gave the photographer credit for the idea."):
        assert rule_reason(line) is None, line


def test_reader_comments_below_the_article_are_dropped() -> None:
    comments = ["Comments", "Sam on September 20, 2018 at 10:07 am said:",
                "The ministers should have agreed to meet much sooner than this, in my view.",
                "Thanks for the detailed write-up of the talks, it was very helpful to read."]
    lines = [PAGE[2], PAGE[5], PAGE[7], *comments]
    assert comment_thread_start(lines) == 4
    _, verdicts = classify_lines(lines)
    assert [v.reason for v in verdicts][4:] == ["caption", "comment", "comment"]
    assert [v.keep for v in verdicts][1:3] == [True, True]
    thread = [PAGE[5], "12 thoughts on “Ministers agree to meet again”", PAGE[7]]
    assert comment_thread_start(thread) == 1


@pytest.mark.parametrize("lines", [
    # a comment count above the article: no paragraph of the article stands above it
    ["12 thoughts on “Ministers agree”", PAGE[5], PAGE[7]],
    # ... nor does a cookie notice count as one
    ["We use cookies to improve your experience on our website and to show you relevant ads.",
     "12 Comments on “Ministers agree”", PAGE[5], PAGE[7]],
    # paragraphs and subheads that count responses
    [PAGE[5], "300 responses to the consultation were received, the ministry said.", PAGE[7]],
    [PAGE[5], "300 responses to the consultation were received by the council", PAGE[7]],
    [PAGE[5], "5 responses to the housing crisis that actually work", PAGE[7]],
    [PAGE[5], "300 responses to “the consultation” arrived before the deadline, she said.",
     PAGE[7]],
    # a story quoting a forum post: no comment section's heading above the dated line
    [PAGE[5], "A user on June 4, 2017 at 9:12 pm wrote:", PAGE[7]],
])
def test_article_text_that_looks_like_a_comment_thread_opens_none(lines: list[str]) -> None:
    assert comment_thread_start(lines) is None
    _, verdicts = classify_lines(lines)
    assert "comment" not in [v.reason for v in verdicts]


def test_words_and_sentence_endings_of_other_scripts() -> None:
    assert words("Kindle for PCの起動") == ["Kindle", "for", "PC", "の", "起", "動"]
    assert words("don't stop-gap 12") == ["don't", "stop-gap"]
    for line in ("これが非常に困ったもの。", "你好吗？", "هل هذا صحيح؟", "यह सही है।",
                 "「終わり。」"):
        assert TERMINAL.search(line), line
    assert not TERMINAL.search("Kindle for PCの起動ホットキー")


def test_article_stretch_is_the_run_the_model_believes_in() -> None:
    p = np.array([0.02, 0.9, 0.15, 0.95, 0.9, 0.02, 0.15])
    assert article_stretch(p, 0.5, [False] * 7).tolist() == [
        False, True, True, True, True, False, False]
    # nothing believed: no stretch; a settled line (a repeat, a rule) weighs against it
    assert not article_stretch(np.full(5, 0.01), 0.5, [False] * 5).any()
    assert not article_stretch(np.array([]), 0.5, []).any()
    settled = article_stretch(np.array([0.9, 0.5, 0.9]), 0.5, [False, True, False])
    assert settled.tolist() == [True, True, True]
    weak = article_stretch(np.array([0.6, 0.5, 0.5, 0.55]), 0.5, [False, True, True, False])
    assert weak.tolist() == [True, False, False, False]


def test_the_headline_is_the_line_above_the_article_that_says_what_it_says() -> None:
    body = ["Floods closed the coastal road on Monday after two days of heavy rain, officials "
            "said in a statement.",
            "The coastal road will stay closed until engineers have checked the bridges, the "
            "officials added on Tuesday."]
    page = ["Jump directly to the content", "Place a Classified Ad", "Weather and Traffic",
            "Floods close the coastal road for a second day", "By Jane Doe", *body,
            "Markets rally as oil prices fall sharply"]
    assert first_headline(page) == 1
    assert title_index(page) == 3
    # a standfirst that copies the lede is longer than a headline; the headline wins
    lede = ("Engineers say floods closed the coastal road on Monday after two days of heavy "
            "rain and officials warned")
    assert title_index(["Floods close the coastal road for a second day", lede, *body]) == 0
    # no line above the article shares its words: the first headline-like line, if any
    assert title_index(["Markets rally as oil prices fall sharply", *body]) == 0
    assert title_index(body) is None


def test_the_headline_may_ask_follow_a_cookie_notice_or_sit_under_a_breadcrumb() -> None:
    body = ["Floods closed the coastal road on Monday after two days of heavy rain, officials "
            "said in a statement.",
            "The coastal road will stay closed until engineers have checked the bridges, the "
            "officials added on Tuesday."]
    headline = "Floods close the coastal road for a second day"
    # a cookie notice opens the densest stretch of sentences; the headline stands inside it
    cookie = ("We use cookies and similar technologies to improve your experience on our website "
              "and to show you personalised content.")
    assert title_index(["News Sport Business Culture Travel", cookie, headline, *body]) == 2
    # a question is a headline to the headline finder
    assert title_index(["Home", "Will the floods close the coastal road again?", *body]) == 1
    # a breadcrumb trail is no headline
    assert not is_headline("Home > News > Coastal roads")
    assert not is_headline("Home › News › Coastal roads")


def test_a_repeated_line_is_judged_by_its_best_copy_and_kept_at_its_first_place() -> None:
    lines = ["Lede printed twice by the scraper.", "Menu", "Lede printed twice by the scraper.",
             "menu", "Body."]
    got = _best_copy(lines, np.array([0.4, 0.1, 0.9, 0.05, 0.8]))
    assert got.tolist() == [0.9, 0.1, 0.9, 0.05, 0.8]


AGENCY_STORY = [
    "WASHINGTON (AP) — Lawmakers on Tuesday approved a bill that funds the river commission "
    "for another two years, ending a month of talks.",
    "Senate leaders say three bridges could close by spring without new funding",
    "The bill now goes to the president, who is expected to sign it before the weekend.",
    "“This is a good day for the valley,” the committee chairwoman said after the vote.",
    "Budget talks",
    "The commission has asked for more money every year since the floods of 2019, officials "
    "said.",
]


def test_agency_copy_drops_other_stories_headlines_set_between_its_paragraphs() -> None:
    assert inline_headlines(AGENCY_STORY) == [1]
    _, verdicts = classify_lines(AGENCY_STORY)
    assert not verdicts[1].keep and verdicts[1].reason in ("classifier", "inline_headline")
    # without an agency's dateline the same line may be a feature's subhead: the model decides
    feature = ["Lawmakers on Tuesday" + AGENCY_STORY[0].split("(AP) — Lawmakers on Tuesday")[1],
               *AGENCY_STORY[1:]]
    assert inline_headlines(feature) == []
    # a short crosshead, a quotation, a line that ends a sentence are not headlines
    assert 4 not in inline_headlines(AGENCY_STORY)
    quoted = [*AGENCY_STORY[:1], "“Senate leaders say three bridges could close by spring”",
              *AGENCY_STORY[2:]]
    assert inline_headlines(quoted) == []


def test_agency_copy_keeps_a_paragraph_that_ends_in_a_market_code() -> None:
    coded = ("The dollar index, which measures the greenback against six currencies, slipped "
             "0.2%, making oil cheaper for holders of other currencies. [USD/FRX]")
    lines = [AGENCY_STORY[0], coded, AGENCY_STORY[2]]
    assert inline_headlines(lines) == []


@pytest.mark.parametrize("paragraph", [
    "The commission also discussed the state of the levees where thousands of homes remain "
    "at risk the chairwoman added",
    "Three states will share the cost of the repairs according to the bill",
])
def test_agency_copy_keeps_a_paragraph_that_lost_its_full_stop(paragraph: str) -> None:
    # a scraper that strips punctuation leaves a paragraph headline-shaped; one that reports
    # in the past tense is no other story's headline (those say "says")
    lines = [AGENCY_STORY[0], paragraph, AGENCY_STORY[2]]
    assert inline_headlines(lines) == []


def test_extracted_agency_copy_loses_inline_headlines_too() -> None:
    _, verdicts = classify_lines(AGENCY_STORY, extracted=True)
    assert [v.reason for v in verdicts] == ["", "inline_headline", "", "", "", ""]


def test_a_paragraph_opening_with_an_agency_dateline_is_kept() -> None:
    lines = [
        "Talks on the river dispute to resume",
        "© Photo/Jane Doe",
        "MOSCOW, March 3. /TASS/. The ministers of the two countries will meet again in April, "
        "the foreign ministry said on Tuesday.",
        "Negotiators said the next meeting would take place in the capital.",
    ]
    assert wire_ledes(lines) == [2]
    assert [v.keep for v in classify_lines(lines)[1]][2] is True
    assert wire_ledes(["MOSCOW, March 3. /TASS/.", "WASHINGTON (AP) — officials"]) == []


PARAGRAPH = ("The foreign ministers of the two countries agreed on Tuesday to hold another "
             "round of talks on the river dispute in the capital before the end of the month.")


def test_clean_text_keeps_every_line_but_repeats_and_takes_the_headline() -> None:
    lines = [
        "Ministers agree to meet again on the river dispute",
        PARAGRAPH,
        "Player",
        "Chad Thomas",
        PARAGRAPH,
    ]
    title, verdicts = classify_lines(lines, clean_text=True)
    assert title == lines[0]
    assert [(v.keep, v.reason) for v in verdicts] == [
        (False, "title"), (True, ""), (True, ""), (True, ""), (False, "duplicate")]
    title, verdicts = classify_lines(lines[1:4], clean_text=True)
    assert title is None and all(v.keep for v in verdicts)


def test_a_source_tag_under_the_headline_is_dropped_as_such() -> None:
    lines = ["Ministers agree to meet again on the river dispute", "(MENAFN- Gulf Times)",
             PARAGRAPH, "Negotiators said the next meeting would take place in the capital."]
    title, verdicts = classify_lines(lines)
    assert title == lines[0]
    assert [(v.keep, v.reason) for v in verdicts][1:] == [
        (False, "source_tag"), (True, ""), (True, "")]


def test_a_short_paragraph_in_the_passive_is_no_date_stamp() -> None:
    from storyline.clean.linerules import rule_reason

    assert rule_reason("Her resignation letter was published on Friday.") is None
    assert rule_reason("The report has been posted online.") is None
    assert rule_reason("Published: 14 Feb 2019 09:00") == "date_stamp"
    assert rule_reason("This story was originally published on March 5, 2016.") == "date_stamp"
    assert rule_reason("Last updated: 12:03 UTC") == "date_stamp"


@pytest.mark.parametrize("line", [
    "The company posted a $3.2 billion loss.",
    "Updated figures put the death toll at 57.",
    "The quake struck at 03:40 UTC.",
    "The new date is June 28, 2026.",
    "Lexora said its terms of service allow the use and that it would fight the copyright "
    "claims in court.",
])
def test_a_sentence_of_news_is_no_stamp_or_notice(line: str) -> None:
    from storyline.clean.linerules import rule_reason

    assert rule_reason(line) is None


@pytest.mark.parametrize("line", [
    "Riot police detain a protester near the parliament. (AP Photo/Ivo Petrov)",
    "Protesters gather outside parliament on Friday. Photograph: Lena Voss/Reuters",
    "Rescuers search the rubble. (Photo by Ozan Kose/AFP via Getty Images)",
    "Soldiers patrol a street in the town. Picture: Ivan Lis/EPA-EFE",
    "Soldiers patrol a street in the town. [Ivan Lis/Al Jazeera]",
    "Soldiers patrol a street in the town. | Ivan Lis/AP",
    "Soldiers patrol a street in the town. (IRNA photo)",
    "Image: Supplied",
])
def test_a_caption_ending_with_its_credit_is_a_caption(line: str) -> None:
    from storyline.clean.linerules import rule_reason

    assert rule_reason(line) in ("caption", "photo_credit")  # a short one: a credit


@pytest.mark.parametrize("line", [
    "Brent crude futures rose 96 cents, or 1.3%, to $74.10 a barrel by 1130 GMT. [O/R]",
    "Global equities also firmed, with the broadest index at its highest in a month. [MKTS/GLOB]",
    '"I am not going anywhere," she said. [Laughs/applause]',
    "Shares in the carmaker rose 4% on the news. (Photo)",
    "More than 60 scientists from 30 countries contributed to this report, the agency said.",
])
def test_a_sentence_ending_in_a_code_or_mentioning_a_report_is_no_caption(line: str) -> None:
    from storyline.clean.linerules import rule_reason

    assert rule_reason(line) is None


LIVE = [
    "Ceasefire talks live: leaders agree buffer zone",
    "14:32 GMT",
    "The president says the agreement will prevent a humanitarian crisis in the province, "
    "home to three million people.",
    "2:10pm",
    "The zone will be 15 to 20 km deep and patrolled jointly by both armies, the minister "
    "tells reporters after the talks.",
    "Details will be worked out by defence officials in the coming days, according to the "
    "ministry.",
    "13:45",
    "The two leaders have been talking for four hours at the residence on the coast, a "
    "spokesman said.",
    "Share this",
]


def test_a_live_blogs_entries_under_their_time_stamps_are_kept() -> None:
    assert live_entries(LIVE) == [2, 4, 5, 7]
    verdicts = classify_lines(LIVE)[1]
    assert [i for i, v in enumerate(verdicts) if v.keep] == [2, 4, 5, 7]


def test_times_over_headlines_are_no_live_blog() -> None:
    teasers = ["14:32", "Leaders agree buffer zone after four hours of talks",
               "14:10", "Markets rally as oil prices fall for a third day",
               "13:45", "Storm closes coastal road and two harbours"]
    assert live_entries(teasers) == []
    assert live_entries(LIVE[:6]) == []  # two stamped entries are not enough
    # a video list: durations in no order
    videos = ["More videos", "2:45", LIVE[2], "1:12", LIVE[4], "3:05", LIVE[7]]
    assert live_entries(videos) == []
    # a comment thread: names and "Reply" between the stamped comments
    thread = ["Jane_D", "14:32", LIVE[2], "Reply", "Bob", "14:40", LIVE[4], "Reply", "Al",
              "14:50", LIVE[7], "Reply"]
    assert live_entries(thread) == []
    # prices are no clock times, and a long line is not read as one
    assert live_entries(["3.50", LIVE[2], "2.99", LIVE[4], "1.50", LIVE[7]]) == []
    assert live_entries(["14:32" + " " * 100_000 + "x", LIVE[2]] * 3) == []


def test_a_live_entrys_buttons_and_stamp_do_not_break_the_run() -> None:
    entries = ["Storm live: trees down across the south", "9:05am", LIVE[2], "Share", "8:40am",
               LIVE[4], "Share", "Updated at 8.41am", "8:12am", LIVE[7], "Share"]
    assert live_entries(entries) == [2, 5, 9]
    # but a comment's "Reply" still does
    thread = ["14:32", LIVE[2], "Reply", "14:40", LIVE[4], "Reply", "14:50", LIVE[7], "Reply"]
    assert live_entries(thread) == []


def test_a_list_of_other_stories_under_its_heading_is_dropped() -> None:
    story = ["Election officials said on Monday that no candidate had won an outright majority, "
             "setting up a runoff between the two leading candidates next month.",
             "The challenger told supporters in the capital that he would win the second round "
             "and called on other parties to back him.",
             "The president's campaign said it expected to win back undecided voters in the "
             "north, where turnout was lowest."]
    lines = [PAGE[2], *story, "Most read", "1. Police arrest 40 after clashes in the capital",
             "2. Army chief sacked over border attack", "3. Minister expels French ambassador"]
    verdicts = classify_lines(lines)[1]
    assert [v.reason for v in verdicts[4:]] == ["story_list"] * 4
    assert story_lists(lines) == [4, 5, 6, 7]
    # one headline is no list; a paragraph after the heading is the story's own
    assert story_lists(lines[:6]) == []
    # an article's own lists: a ratings story's top rows, a roundup's items
    assert story_lists(["Most read", "1. The King's Christmas Message - 7.1m (BBC One/ITV1)",
                        "2. Call the Midwife - 5.6m (BBC One)"]) == []
    assert story_lists(["In other news", "- The library will reopen on Monday after repairs.",
                        "- The council will freeze parking charges until April."]) == []
    assert story_lists([*lines[:3], "Related coverage", story[2], story[0]]) == []


def test_a_live_entry_may_be_one_short_sentence() -> None:
    entries = ["Storm live: flooding closes motorway", "10:42 GMT",
               "The motorway has been closed in both directions because of flooding, police said.",
               "10:15 GMT", "About 23,000 homes are without power across the south-west.",
               "It expects most to be reconnected by tonight.",
               "09:58 GMT", "The Met Office has extended its amber wind warning until 18:00.",
               "Share"]
    assert live_entries(entries) == [2, 4, 5, 7]
    # a headline under each time is still a teaser list, however many words it has
    assert live_entries(["14:32", "Leaders agree buffer zone after four hours of talks at the coast",
                         "14:10", "Markets rally as oil prices fall for a third day running",
                         "13:45", "Storm closes coastal road and two harbours in the north"]) == []


ELECTION = [
    "Millbrook re-elects mayor by 312 votes",
    "Incumbent mayor Ruth Okafor won a third term on Tuesday, defeating two challengers in a "
    "race that went to a recount in one ward.",
    "Final results:",
    "Candidate | Votes | Share",
    "Ruth Okafor | 5,118 | 48.6%",
    "Daniel Price | 4,806 | 45.6%",
    "Sue Lam | 611 | 5.8%",
    "Turnout was 41 percent, down from 47 percent four years ago, the county clerk said.",
]


def test_a_table_of_figures_set_as_text_is_kept_beside_the_article() -> None:
    assert text_tables(ELECTION) == [[3, 4, 5, 6]]
    verdicts = classify_lines(ELECTION)[1]
    assert all(verdicts[i].keep for i in (3, 4, 5, 6))
    # menus and footers: one line, or lines of other lengths, or no figures
    assert text_tables(["Home | News | Sport | Weather", "Privacy | Terms", "About | Contact"]) == []
    assert text_tables(["Home | News", "Sport | Weather", "About | Contact"]) == []
    assert text_tables(ELECTION[3:5]) == []  # two rows are not enough
    # set among chrome, a markets box is not the article's
    sidebar = ["Markets", "Index | Level | Change", "Dow | 35,102 | +0.4%", "FTSE | 7,512 | -0.2%",
               "Nikkei | 28,110 | +1.1%", "Subscribe", "Sign in"]
    verdicts = classify_lines(sidebar + ELECTION[:3] + ELECTION[7:])[1]
    assert not any(v.keep for v in verdicts[:len(sidebar)])


def test_the_headline_right_above_the_article_is_its_title_when_the_finder_found_none() -> None:
    from storyline.clean.boilerplate import LineVerdict, headline_above

    def v(text: str, reason: str = "") -> LineVerdict:
        return LineVerdict(text, not reason, reason)

    story = [v("The planning committee voted 7-2 against the scheme after a four-hour meeting."),
             v("The site has been empty since 2009.")]
    headline = "Council scraps plan for tower block on former gasworks site"
    assert headline_above([v("Accept all", "classifier"), v(headline, "classifier"),
                           v("Last modified: 14 February 2022", "date_stamp"), *story]) == headline
    # a menu, a label, a caption of two sentences, a line sharing no word, or chrome between
    for above in ("Whatsapp Facebook Pinterest Download Now",
                  "Filed Under: planning, council, housing, gasworks",
                  "The old gasworks site in 2009. Photograph by Ann Lee",
                  "Ten things to do in the city this weekend"):
        assert headline_above([v(above, "classifier"), *story]) is None, above
    assert headline_above([v(headline, "classifier"), v("Share this", "interface"), *story]) is None


def test_the_closing_sentence_above_a_newsletter_prompt_stays() -> None:
    lines = ["Millbrook re-elects mayor by 312 votes",
             "Incumbent mayor Ruth Okafor won a third term on Tuesday, defeating two challengers "
             "in a race that went to a recount in one ward.",
             "Turnout was 41 percent, down from 47 percent four years ago, the county clerk said.",
             "Price said he would not challenge the result.",
             "Sign up for our daily newsletter", "Enter your email", "Comments are closed."]
    verdicts = classify_lines(lines)[1]
    assert [v.keep for v in verdicts[1:4]] == [True, True, True]
    assert not any(v.keep for v in verdicts[4:])


def test_agency_paragraphs_without_a_full_stop_are_no_inline_headlines() -> None:
    lede = ("MOSCOW, Nov 18 (Reuters) - Russia's central bank kept its key interest rate at 6.5% "
            "on Monday, saying inflation was slowing faster than it had expected.")
    close = "The bank will hold its next rate-setting meeting on Dec. 13, it said in a statement."
    for middle in ("Governor Elvira Kasimova said the bank saw room for further cuts in the "
                   "first half of next year…",
                   "About 1.2 lakh passengers travelled on the new line on Monday, the official "
                   "said. PTI ABC RDM",
                   "Analysts said the decision was in line with their forecasts for the quarter;"):
        assert inline_headlines([lede, middle, close]) == [], middle
    assert inline_headlines([lede, "Central bank of Turkey cuts rates for a fourth time", close]) == [1]


def test_standing_trailers_are_dropped_in_text_and_html() -> None:
    from storyline.clean.boilerplate import is_trailer

    for line in ("The post Customs revenue hits a record appeared first on Daily Ledger.",
                 "Our Standards: The Thomson Reuters Trust Principles.",
                 "To contact the reporter on this story: Ann Lee in London at alee@example.com"):
        assert is_trailer(line), line
    assert not is_trailer("The post office will close at noon, the council said.")
    for line in ("kimjh@yna.co.kr", "kimjh@yna.co.kr / (END)", "(desk@example.com)"):
        assert is_trailer(line), line
    assert not is_trailer("Write to desk@example.com with your questions about the storm.")
    for codes in ("Enditem", "(END)", "==Kyodo", "--IANS", "jbl/ach/dva", "dpa mab xx fbr",
                  "PTI ABC RDM"):
        assert is_trailer(codes), codes
    for note in ("This story has not been edited by our staff and is auto-generated from a "
                 "syndicated feed.",
                 "Anadolu Agency website contains only a portion of the news stories offered to "
                 "subscribers in the AA News Broadcasting System (HAS), and in summarized form."):
        assert is_trailer(note), note
    assert not is_trailer("PTI reported that the minister would resign.")
    assert not is_trailer("AR/VR") and not is_trailer("and the rest")
    lines = [ELECTION[1], ELECTION[7], "Our Standards: The Thomson Reuters Trust Principles."]
    assert [v.reason for v in classify_lines(lines)[1]][2] == "trailer"
    assert [v.reason for v in classify_lines(lines, extracted=True)[1]][2] == "trailer"


def test_a_desk_code_run_on_after_the_last_sentence_is_cut_off() -> None:
    from storyline.clean import clean
    from storyline.clean.boilerplate import split_desk_code
    from storyline.config import Settings
    from storyline.records import RawDoc

    assert split_desk_code("The talks end on Friday, officials said. Enditem") == (
        "The talks end on Friday, officials said.", "Enditem")
    assert split_desk_code('He said "no." (END)') == ('He said "no."', "(END)")
    assert split_desk_code("The speed limit is 50 km/h. --IANS") == (
        "The speed limit is 50 km/h.", "--IANS")
    assert split_desk_code("Talks end on Friday.Enditem") == ("Talks end on Friday.", "Enditem")
    assert split_desk_code("Talks end on Friday. --IANS sg/khz") == (
        "Talks end on Friday.", "--IANS sg/khz")
    assert split_desk_code("The seats rose to 1,07,000 from 51,348 in 2014. PTI ABC RDM") == (
        "The seats rose to 1,07,000 from 51,348 in 2014.", "PTI ABC RDM")
    # only after a sentence's end; AFP's initials could be a unit ("km/h") and are not cut
    for line in ("The Enditem brand", "Enditem", "The limit is 50 km/h"):
        assert split_desk_code(line) is None, line
    text = ("BEIJING, Jan. 5 (Xinhua) -- China and Turkey agreed on Tuesday to expand trade and "
            "energy cooperation, the foreign ministry said.\n\nThe two sides signed six "
            "agreements during the visit, officials said. Enditem")
    document = clean(RawDoc("x.txt", text, "text/plain"), Settings())
    assert document.text.endswith("officials said.")
    assert ("Enditem", "trailer") in [(r.text, r.reason) for r in document.removed]
    kept = clean(RawDoc("x.txt", text, "text/plain"), Settings(text_is_clean=True))
    assert kept.text.endswith("said. Enditem")  # text the caller vouches for is kept whole


def test_a_ticker_under_the_last_paragraph_is_not_the_articles_table() -> None:
    ticker = ["Dow Jones | 38,102.1 | -0.2%", "Nasdaq | 16,011.7 | +0.1%", "Brent | $84.20 | +1.3%"]
    lines = [ELECTION[0], ELECTION[1], ELECTION[7], *ticker, "Subscribe", "Sign in"]
    verdicts = classify_lines(lines)[1]
    assert not any(v.keep for v in verdicts[3:6])


def test_sentences_that_use_a_stamps_word_stay_in_html_text() -> None:
    from storyline.clean.boilerplate import dated_stamp

    for line in ("The bank posted a 12% rise in profit.", "Full results will be published on 5 May.",
                 "Shares posted their biggest gain since 2020."):
        assert not dated_stamp(line), line
    for line in ("Published May 9, 2022", "Updated at 1:23 p.m.", "Last updated: 12:03 UTC"):
        assert dated_stamp(line), line


def test_a_first_takes_label_and_promise_of_more_are_not_the_story() -> None:
    from storyline.clean import clean
    from storyline.clean.boilerplate import bare_title, is_trailer
    from storyline.config import Settings
    from storyline.records import RawDoc

    assert bare_title("URGENT: Turkey downs Russian jet") == "Turkey downs Russian jet"
    assert bare_title("UPDATE 2-Turkey says talks resume") == "Turkey says talks resume"
    assert bare_title("RPT-UPDATE 2-Turkey says talks will resume") == "Turkey says talks will resume"
    assert bare_title("BREAKING NEWS: Update: Turkey says talks will resume") == (
        "Turkey says talks will resume")
    # a label over a site name, a title bar, a headline that opens with the word: unchanged
    for title in ("Flash-flood warning issued", "Breaking Bad returns", "BREAKING",
                  "Developing countries meet in Geneva", "Breaking News - The Times of India",
                  "Breaking News | Al Jazeera", "Flash | Adobe ends support for its player",
                  "Update: the dam holds", None):
        assert bare_title(title) == title
    for line in ("More to follow.", "More to follow...", "(Developing story; check back for updates)",
                 "This is a breaking news story and will be updated.",
                 "This is a developing story. Check back for updates."):
        assert is_trailer(line), line
    for line in ("More to follow on Friday, when the ministers meet again in Ankara.",
                 "This is a developing story of resilience, the mayor told residents on Monday.",
                 "Breaking news story after story, the small newsroom has won three awards.",
                 "Come back for more next year, the owner urged visitors.",
                 "Developing story lines for the game took four years, the studio said."):
        assert not is_trailer(line), line
    text = ("URGENT: Turkey says it shot down a Russian warplane\n"
            "ANKARA (AFP) - Turkey's military said on Tuesday it had shot down a Russian "
            "warplane that violated its airspace near the Syrian border, officials said.\n"
            "More to follow.")
    document = clean(RawDoc("x.txt", text, "text/plain"), Settings())
    assert document.title == "Turkey says it shot down a Russian warplane"
    assert "follow" not in document.text
    assert ("More to follow.", "trailer") in [(r.text, r.reason) for r in document.removed]


def test_a_byline_alone_on_its_line_is_dropped_in_text_and_html() -> None:
    from storyline.clean.combine import CandidateLine, sort_lines
    from storyline.clean.linerules import is_byline

    for line in ("By Ann Lee", "By: Ann Lee", "By ANN LEE and TOM WEST", "By Ann Lee, Tom West",
                 "By Ann Lee, Example News", "By Ann Lee | Reuters", "By Kevin D. Williamson",
                 "By Pieter van der Berg"):
        assert is_byline(line), line
    for line in ("By The Numbers", "By a show of hands", "By Tuesday the river had fallen",
                 "By Tuesday, Ann Lee had left.", "by the way", "Bylines Matter Here",
                 "By 2030 Emissions Fall"):
        assert not is_byline(line), line
    lines = [ELECTION[0], "By Ann Lee", ELECTION[1], ELECTION[7]]
    verdicts = classify_lines(lines)[1]
    assert [v.reason for v in verdicts][1] == "byline" and not verdicts[1].keep
    assert [v.keep for v in verdicts][2:] == [True, True]
    kept, dropped = sort_lines([CandidateLine(t, True, True) for t in
                                (ELECTION[1], "By Ann Lee", ELECTION[7])], None)
    assert kept == [ELECTION[1], ELECTION[7]] and dropped == [("By Ann Lee", "byline")]


def test_a_key_fact_list_item_is_not_a_stamp_or_a_button() -> None:
    # a factbox's rows: their labels name the fact, the stamp or interface word is a noun of it
    for line in ("- Register of voters: 4.2 million", "* Runoff date: April 21",
                 "• Vote share: 41%", "- Market share: 12 percent"):
        assert rule_reason(line) is None, line
    # a row whose label is only the stamp's or the button's word stays chrome
    assert rule_reason("- Comments: 12") == "interface"
    assert rule_reason("- Share: 45") == "interface"
    assert rule_reason("- Related topics: 2020 election") == "interface"
    assert rule_reason("* Date: May 2, 2019") == "date_stamp"
    assert rule_reason("- Publish date: May 2") == "date_stamp"
    # not a list item: left to the rules as before
    assert rule_reason("Runoff date: April 21") == "date_stamp"


def test_a_listed_headline_with_its_date_is_another_storys_and_dates_nothing() -> None:
    from storyline.clean import clean
    from storyline.config import Settings
    from storyline.records import RawDoc

    # the date after the dash is the headline's, no row of figures: the list is a story list
    listed = ["1. Election results announced in the capital - 12 January 2012",
              "2. Floods cut off villages in the north - 3 March 2011"]
    assert story_lists(["Most read", *listed]) == [0, 1, 2]
    assert story_lists(["Most read", "1. Turnout - 64%", "2. Seats won - 41"]) == []
    text = "\n".join([ELECTION[0], ELECTION[1], "Most read", *listed, ELECTION[7]])
    doc = clean(RawDoc("t.txt", text, "text/plain"), Settings())
    assert {r.reason for r in doc.removed if r.text in listed} == {"story_list"}
    # and the removed headlines' dates are not the page's
    assert doc.published is None or doc.published.date[:4] not in ("2011", "2012")


def test_a_copyright_notice_typed_with_c_in_brackets_is_legal() -> None:
    # before: "(c)" was not the word copyright, so the notice of six words stayed in the body
    assert rule_reason("(c) 2016 Reuters. All rights reserved.") == "legal"
    assert rule_reason("(C) 2015 The Associated Press. All Rights Reserved.") == "legal"
    assert rule_reason("Copyright 2016 Reuters. All rights reserved.") == "legal"  # as before
    # a list item (c) or a year in a sentence is no notice
    assert rule_reason("(c) 2016 was the year the rights of tenants were reserved by law "
                       "and the court upheld them.") is None
    assert rule_reason("(c) the ministry reserved all rights to appeal the ruling.") is None
