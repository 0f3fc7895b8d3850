from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.metadata import find_explicit_date, parse_dateline
from storyline.clean.outlets import (
    article_url,
    known_outlet,
    load_outlets,
    outlet_from_text,
    outlet_from_url,
    outlet_id_for,
    outlet_quoted,
    wire_agency,
)


def test_parse_dateline_wire_style() -> None:
    dateline = parse_dateline("ANKARA, March 4. /TASS/. The minister arrived today.")
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day) == ("Ankara", 3, 4)


@pytest.mark.parametrize(("paragraph", "place", "month", "day", "year"), [
    ("MOSCOW, DECEMBER 28 (Reuters) - The Kremlin said on Monday it would reply.",
     "Moscow", 12, 28, None),
    ("WASHINGTON, DEC. 18, 2015 (AP) - The Senate passed the bill late on Friday.",
     "Washington", 12, 18, 2015),
    ("KYIV, Ukraine, FRIDAY, FEB. 24 (AP) — Troops moved north overnight.",
     "Kyiv, Ukraine", 2, 24, None),
])
def test_a_dateline_set_all_in_capitals_gives_its_date(
        paragraph: str, place: str, month: int, day: int, year: int | None) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day, dateline.year) == (place, month, day, year)


def test_a_headline_in_capitals_is_no_dateline() -> None:
    assert parse_dateline("MARCH 4 JUSTICE: Thousands rallied in the capital on Sunday.") is None


@pytest.mark.parametrize("paragraph", [
    "BREAKING, MARCH 4: Police closed the bridge after the crash.",
    "UPDATE, JAN 5 - The council said the road would reopen on Monday.",
    "CORRECTION, MAY 2: An earlier version of this story misstated the figure.",
    "UPDATED, FEB 3, 2020 - Police said two men had been arrested.",
    "SALE, DEC 26 - All stock is half price until the new year.",
    "MONDAY, JAN 5 - The council met to discuss the budget.",
    "TODAY, MARCH 4: The minister will visit the flooded towns.",
    "BY ANN LEE, MARCH 4, 2020 - The council met to discuss the budget.",
    "LAST UPDATED, JAN 5 - The council said the road would reopen.",
])
def test_a_label_or_a_day_before_a_date_in_capitals_is_no_dateline(paragraph: str) -> None:
    # a label, a section, a weekday is no place: its date would stand as the story's
    assert parse_dateline(paragraph) is None


def test_a_place_named_like_a_label_with_its_country_stays_a_dateline() -> None:
    dateline = parse_dateline("SALE, England, DEC 26 (Reuters) - Shoppers queued overnight.")
    assert dateline is not None and (dateline.place, dateline.month, dateline.day) == (
        "Sale, England", 12, 26)


def test_parse_dateline_agency_in_brackets() -> None:
    dateline = parse_dateline("BEIRUT (AFP) - Talks resumed on Sunday.")
    assert dateline is not None and dateline.place == "Beirut"


def test_a_dateline_with_a_joint_agency_credit_keeps_its_place() -> None:
    # before: the agency group took no "/", so "GENEVA (AFP/Reuters) -" was no dateline at all
    dateline = parse_dateline("GENEVA (AFP/Reuters) - Talks resumed on Sunday.")
    assert dateline is not None and dateline.place == "Geneva"
    dateline = parse_dateline("Geneva, Dec 5 (AP/Reuters) - Talks resumed.")
    assert dateline is not None and (dateline.place, dateline.month, dateline.day) == ("Geneva", 12, 5)
    assert parse_dateline("Paris (and/or) the suburbs voted.") is None


def test_parse_dateline_colon_style() -> None:
    dateline = parse_dateline("Geneva:The envoy met both delegations.")
    assert dateline is not None and dateline.place == "Geneva"


def test_parse_dateline_colon_style_names_a_city_in_any_case() -> None:
    for paragraph, place in (("New Delhi: The government said on Monday", "New Delhi"),
                             ("DUBAI: Oil prices rose", "DUBAI"),
                             ("Sochi, Russia: Talks began", "Sochi, Russia")):
        dateline = parse_dateline(paragraph)
        assert dateline is not None and dateline.place.lower() == place.lower()


def test_parse_dateline_spells_a_capitalised_place_as_its_name() -> None:
    # the agency's capitals, not the name: each capitalised part in title case, the small
    # words inside a name in lower case; a part in mixed case as it stands
    for paragraph, place in (("RIO DE JANEIRO, Brazil (AP) — Police said", "Rio de Janeiro, Brazil"),
                             ("PORT-AU-PRINCE, Haiti (AP) — Aid arrived", "Port-au-Prince, Haiti"),
                             ("STRATFORD-UPON-AVON, England (AP) — A fire",
                              "Stratford-upon-Avon, England"),
                             ("DE AAR, South Africa (AP) — Rain fell", "De Aar, South Africa"),
                             ("ST. PETERSBURG, June 2. /TASS/. Talks began", "St. Petersburg"),
                             ("WASHINGTON, D.C. (AP) — The bill", "Washington, D.C."),
                             ("N'DJAMENA, Chad (AFP) - Troops", "N'Djamena, Chad")):
        dateline = parse_dateline(paragraph)
        assert dateline is not None and dateline.place == place, paragraph


def test_parse_dateline_ignores_ordinary_sentences() -> None:
    assert parse_dateline("Officials in the capital said talks would resume.") is None


@pytest.mark.parametrize(("paragraph", "expected"), [
    # AP, UPI, Kyodo and Yonhap abbreviate the month with a full stop
    ("TEHRAN, Jan. 12 (IRNA) -- Officials said", ("Tehran", 1, 12, None, "IRNA")),
    ("SEOUL, Sept. 3 (Yonhap) -- The ministry", ("Seoul", 9, 3, None, "Yonhap")),
    # AP's weekday, the day first, an ordinal, a year
    ("KYIV, Ukraine, Friday, Feb. 24 (AP) — Crowds", ("Kyiv, Ukraine", 2, 24, None, "AP")),
    ("MOSCOW, 28 December (Reuters) - The", ("Moscow", 12, 28, None, "Reuters")),
    ("BEIJING, March 3rd (Xinhua) -- The", ("Beijing", 3, 3, None, "Xinhua")),
    ("PARIS, March 14, 2016 (AFP) - The", ("Paris", 3, 14, 2016, "AFP")),
    # PTI sets no dash after the agency; accented capitals; a dash without its space
    ("NEW DELHI, Jan 5 (PTI) The government", ("New Delhi", 1, 5, None, "PTI")),
    ("BOGOTÁ, Colombia (AFP) - Rebels", ("Bogotá, Colombia", None, None, None, "AFP")),
    ("ISTANBUL, Dec 1 (Reuters) -The talks", ("Istanbul", 12, 1, None, "Reuters")),
    ("MOSCOW, December 28 /TASS/. The Kremlin", ("Moscow", 12, 28, None, "TASS")),
    ("JERUSALEM, Friday (Reuters) - Israel", ("Jerusalem", None, None, None, "Reuters")),
    ("LONDON. The Bank of England held rates.", ("London", None, None, None, None)),
    # Interfax signs in capitals after the date's full stop; the city's full stop is no part
    # of its name
    ("Moscow. November 29. INTERFAX - The central bank", ("Moscow", 11, 29, None, "INTERFAX")),
    ("St. Petersburg. May 2. INTERFAX-NORTHWEST - The", ("St. Petersburg", 5, 2, None,
                                                         "INTERFAX-NORTHWEST")),
    ("PARIS, March 5. NATO said on Monday", ("Paris", 3, 5, None, None)),
])
def test_parse_dateline_wire_variants(paragraph: str, expected: tuple[object, ...]) -> None:
    dateline = parse_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day, dateline.year) == expected[:4]
    assert wire_agency(paragraph) == expected[4]


@pytest.mark.parametrize("paragraph", [
    "U.S. troops began withdrawing from the base.",  # an abbreviation's full stop ends nothing
    "J.P. Morgan shares fell in early trading.",
    "Advanced Placement (AP) Exams are held in May.",  # a bracketed acronym, not an agency
    "WHO (World Health Organization) Director-General Tedros said",
    "Editor’s Note: This story has been updated.",
    "MAY 45 (AP) - nonsense",
    # a label, not a place, before a colon or a dash
    "Posted: March 5, 2020", "Related: City opens cooling centres as heat builds",
    "BREAKING: Fire at the chemical plant", "Analysis: What the vote means for the coalition",
    "Photo: Reuters", "Note: This article was amended.", "LIVE - Fighting continues in the north",
])
def test_parse_dateline_rejects_look_alikes(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_parse_dateline_on_runs_of_spaces() -> None:
    # unbounded spaces around the agency made the engine try every split (seconds a call)
    assert parse_dateline("PARIS" + " " * 20_000 + "x") is None
    assert parse_dateline("PARIS, March 5, 2016" + "\t" * 20_000) is None


def test_parse_dateline_drops_a_year_the_day_does_not_fit() -> None:
    dateline = parse_dateline("PARIS, Feb. 29, 2015 (AFP) - Talks resumed.")
    assert dateline is not None and (dateline.month, dateline.day, dateline.year) == (2, 29, None)


def test_find_explicit_date_from_stamp_lines() -> None:
    published = find_explicit_date(["Posted: 14 Feb 2019 09:00"])
    assert published is not None
    assert (published.date, published.how) == ("2019-02-14", "explicit")
    assert find_explicit_date(["Share this story"]) is None


@pytest.mark.parametrize(("lines", "expected"), [
    (["Updated: March 5, 2016 | Published: March 1, 2016"], ("2016-03-01", 0.95)),
    (["Published: 1 March 2016 | Last updated: 2019-11-05"], ("2016-03-01", 0.95)),
    (["Last modified: 2019-11-05", "By Ann Lee, 3 March 2016"], ("2016-03-03", 0.95)),
    (["Updated: March 5, 2016"], ("2016-03-05", 0.7)),  # published that day or before
    (["Posted in Politics | Updated March 5, 2016"], ("2016-03-05", 0.7)),  # the nearest label
    # "released" labels a photo or a report as often as a page: no label
    (["March 5, 2016", "A handout photo released on March 1, 2016"], ("2016-03-05", 0.95)),
])
def test_find_explicit_date_prefers_the_published_date(lines: list[str],
                                                       expected: tuple[str, float]) -> None:
    published = find_explicit_date(lines)
    assert published is not None and (published.date, published.confidence) == expected


def test_outlet_from_wire_markers_and_urls() -> None:
    assert outlet_from_text([], ["CAIRO, May 2. /TASS/. Something happened."], "") == "TASS"
    assert outlet_from_text(["(MENAFN- The Peninsula)"], [], "") == "The Peninsula"
    assert outlet_from_text([], ["Nothing here."], "an analyst told AFP on Monday") == "AFP"
    assert outlet_from_url("https://www.reuters.com/world/x") == "Reuters"
    assert outlet_from_text([], ["Nothing here."], "no marker") is None


def test_outlet_from_agency_datelines_and_not_from_acronyms() -> None:
    assert outlet_from_text([], ["BERLIN (dpa) - The government said"], "") == "dpa"
    assert outlet_from_text([], ["MOSCOW, May 2 (RIA Novosti) - Officials said"], "") == "RIA Novosti"
    assert outlet_from_text([], ["NEW DELHI, Jan 5 (PTI) The ministry said"], "") \
        == "Press Trust of India"
    # brackets that define a name: not an agency's credit
    assert outlet_from_text([], ["Members of Alcoholics Anonymous (AA) met on Monday."], "") is None
    assert outlet_from_text([], ["Students sat the Advanced Placement (AP) exams."], "") is None
    # a byline whose name spells the agency's initials still credits the agency
    assert outlet_from_text(["By Ahmed Patel (AP)"], [], "") == "Associated Press"
    assert outlet_from_text([], ["Students take courses approved by Advanced Placement (AP) "
                                 "each spring."], "") is None
    assert outlet_from_text([], ["Talks resumed, officials said (AFP)."], "") == "AFP"
    assert outlet_from_url("https://ria.ru/20170101/x.html") == "RIA Novosti"


def test_outlet_ids_come_from_the_table() -> None:
    from storyline.clean.outlets import outlet_id_for

    assert outlet_id_for("TASS") == "tass"
    assert outlet_id_for("Der Standard") == "derstandard"
    assert outlet_id_for("Some Blog") is None


def test_source_tag_is_only_outlet_names_in_round_brackets() -> None:
    from storyline.clean.outlets import source_tag

    for tag in ("(MENAFN- Gulf Times)", "(Reuters)", " (AFP / Anadolu Agency) ", "(CNN via AP)"):
        assert source_tag(tag), tag
    for line in ("(Walt Disney Co.)", "(Reed Saxon / Associated Press)", "(ap)",
                 "(Reporting by Jane Doe; Editing by John Roe)", "(Reuters) Officials said",
                 "[Wired]", "()", "(-)", "( / )", "(Guardian angels)", "Reuters"):
        assert not source_tag(line), line


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("()-/|,: AaPRe&.'"), max_size=40) | st.text(max_size=130))
def test_source_tag_answers_any_line(line: str) -> None:
    from storyline.clean.outlets import source_tag

    assert source_tag(line) in (True, False)
    assert source_tag(f"({line})") in (True, False)


def test_outlet_from_text_reads_short_chrome_not_a_headline_that_names_something() -> None:
    assert outlet_from_text(["Sputnik International"], [], "Talks resumed.") == "Sputnik"
    for headline in ("Clinic stops offering Sputnik V shots as supplies run out",
                     "Recall issued for smoke alarms powered by AA batteries",
                     "More students passing Advanced Placement (AP) exams"):
        assert outlet_from_text([headline], [], "The clinic said supplies ran out.") is None


def test_a_quoted_agency_is_the_weakest_sign_of_the_outlet() -> None:
    body = "The plant will cut 300 jobs, a company spokesman told Reuters on Monday."
    assert outlet_from_text([], [], body) == "Reuters"
    assert outlet_from_text([], [], body, quoted=False) is None
    assert outlet_quoted(body) == "Reuters"


def test_find_explicit_date_reads_a_dotted_stamp_day_first() -> None:
    found = find_explicit_date(["14.09.2021"])
    assert found is not None and found.date == "2021-09-14"
    found = find_explicit_date(["Posted 03.04.2019 10:22"])
    assert found is not None and found.date == "2019-04-03"
    assert find_explicit_date(["Build 1.2.2020.5"]) is None
    assert find_explicit_date(["45.09.2021"]) is None


def test_press_release_wires_are_outlets() -> None:
    for line, name in (("COLUMBUS, Ohio, May 6, 2021 /PRNewswire/ -- Northfield Foods said", "PR Newswire"),
                       ("AUSTIN, Texas, March 2, 2022 (GLOBE NEWSWIRE) -- Lumen Labs said", "GlobeNewswire"),
                       ("BOSTON--(BUSINESS WIRE)--Acme Corp. today announced", "Business Wire")):
        assert outlet_from_text([], [line], line) == name, line


def test_parse_dateline_mixed_case_place_with_a_date_and_an_agency() -> None:
    for paragraph, expected in (("New Delhi, Jan 5 (IANS) The police said", ("New Delhi", 1, 5)),
                                ("Abuja, Nov. 18, 2019 (NAN) The minister said", ("Abuja", 11, 18))):
        dateline = parse_dateline(paragraph)
        assert dateline is not None and (dateline.place, dateline.month, dateline.day) == expected
    assert parse_dateline("Advanced Placement (AP) Exams are held in May.") is None


def test_review_fixes_for_datelines_outlets_and_stamps() -> None:
    # a real place whose name is a label word, with its region
    for paragraph in ("ALERT, Nunavut — Scientists at the station said", "DATE, Japan — Farmers said"):
        assert parse_dateline(paragraph) is not None, paragraph
    # Business Wire's own dateline form: the place without the dashes
    dateline = parse_dateline("SAN FRANCISCO--(BUSINESS WIRE)--Acme Corp. today announced")
    assert dateline is not None and dateline.place == "San Francisco"
    # a site's title bar names its outlet in one of its parts
    assert outlet_from_text(["Reuters | Breaking International News & Views"], [], "x") == "Reuters"
    assert outlet_from_text(["The Guardian - Latest news, sport and opinion"], [], "x") == "The Guardian"
    # a version number is no dotted date
    assert find_explicit_date(["v1.2.2019 release notes"]) is None


def test_outlet_from_text_reads_interfax_from_its_own_dateline() -> None:
    line = "Moscow. November 29. INTERFAX - The central bank left its key rate unchanged."
    assert outlet_from_text([], [line], line) == "Interfax"


def test_outlet_from_text_takes_no_ordinary_word_from_a_section_label_or_menu() -> None:
    body = "The zoo said its panda had given birth to twin cubs."
    for label in ("People", "Science & Nature", "Home | News | Metro | Sport", "i", "ABC",
                  "Kicker", "AP", "RT if you agree"):
        assert outlet_from_text([label], [], body) is None, label
    # a distinctive name alone is the logo's line, in any case; two letters count in brackets
    assert outlet_from_text(["TASS"], [], body) == "TASS"
    assert outlet_from_text(["REUTERS"], [], body) == "Reuters"
    assert outlet_from_text([], ["Keepers said the cubs were healthy (AP)."], body) \
        == "Associated Press"
    # a site name as a whole still names its outlet
    assert known_outlet("Metro") == "Metro"
    assert known_outlet("Home | News | Metro") is None


@pytest.mark.parametrize(("name", "outlet_id"), [
    ("reuters", "reuters"), ("REUTERS", "reuters"), ("The Associated Press", "ap"),
    ("AP News", "ap"), ("the guardian", "guardian"), ("DPA", "dpa"), ("ABC News", "abcnews"),
    # an ordinary word matches only as the table writes it, and keeps its "The" and "News"
    ("Metro News", None), ("people", None), ("Sun", None), ("The People", None),
])
def test_known_outlet_ignores_case_and_a_leading_the(name: str, outlet_id: str | None) -> None:
    assert outlet_id_for(known_outlet(name)) == outlet_id


@pytest.mark.parametrize(("url", "inner"), [
    ("https://twitter.com/intent/tweet?url=https%3A%2F%2Fwww.bbc.co.uk%2Fnews%2Fbusiness-1&text=x",
     "https://www.bbc.co.uk/news/business-1"),
    ("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.theguardian.com%2Fworld%2Fa",
     "https://www.theguardian.com/world/a"),
    ("https://www.google.com/amp/s/www.reuters.com/world/a.amp", "https://www.reuters.com/world/a.amp"),
    ("https://www-reuters-com.cdn.ampproject.org/c/s/www.reuters.com/a",
     "https://www.reuters.com/a"),
    ("https://web.archive.org/web/20190101000000/https://www.nytimes.com/2019/a.html?b=1",
     "https://www.nytimes.com/2019/a.html?b=1"),
    ("https://web.archive.org/web/2019id_/http:/www.nytimes.com/a", "http://www.nytimes.com/a"),
    ("http://web.archive.org/web/20190101000000/nytimes.com/a", "http://nytimes.com/a"),
    ("https://webcache.googleusercontent.com/search?q=cache:https://www.bbc.com/news/a",
     "https://www.bbc.com/news/a"),
    # an article's own URL, tracking parameters and all, is no wrapper
    ("https://www.reuters.com/world/a?utm_source=twitter", "https://www.reuters.com/world/a?utm_source=twitter"),
    ("https://twitter.com/someone/status/1", "https://twitter.com/someone/status/1"),
])
def test_article_url_unwraps_share_links_amp_caches_and_archives(url: str, inner: str) -> None:
    assert article_url(url) == inner


def test_outlet_from_url_reads_the_wrapped_article_not_the_wrapper() -> None:
    assert outlet_from_url("https://twitter.com/intent/tweet?url=https%3A%2F%2Fwww.bbc.co.uk%2Fx") \
        == "BBC"
    assert outlet_from_url("https://www.google.com/amp/s/www.reuters.com/a") == "Reuters"
    assert outlet_from_url("https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.org%2Fx") \
        is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("htps:/?&=%.wbacho_-2019u"), max_size=60) | st.text(max_size=80))
def test_article_url_answers_any_text(url: str) -> None:
    assert isinstance(article_url(url), str)
    assert article_url(url) == article_url(url)


def test_outlet_from_url_prefers_the_most_specific_domain() -> None:
    assert outlet_from_url("https://fr.euronews.com/2021/03/07/a") == "Euronews (FR)"
    assert outlet_from_url("https://de.euronews.com/a") == "Euronews (DE)"
    assert outlet_from_url("https://www.euronews.com/a") == "Euronews (EN)"
    assert outlet_from_url("https://faktencheck.afp.com/a") == "AFP Faktencheck"
    assert outlet_from_url("https://www.afp.com/en/a") == "AFP"


def _build_outlets_script() -> ModuleType:
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_outlets.py"
    spec = importlib.util.spec_from_file_location("build_outlets", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_outlets_keeps_a_struck_publisher_s_name_without_its_markup() -> None:
    markdown = ("## UK-Publishers\n<tr>\n<td><code>ExampleTimes</code></td>\n"
                "<td><div>\n  <strike>Example &amp; Times</strike>\n</div></td>\n"
                '<td><a href="https://www.example.co.uk/"><span>www.example.co.uk</span></a></td>\n')
    [row] = _build_outlets_script().parse(markdown)
    assert (row["outlet_id"], row["name"], row["aliases"], row["domains"]) == (
        "exampletimes", "Example & Times", "Example & Times", "example.co.uk")
    assert not [o.name for o in load_outlets() if "<" in o.name + "".join(o.aliases)]
