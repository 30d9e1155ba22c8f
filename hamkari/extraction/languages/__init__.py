"""One small profile per language: what the components do differently for Persian, Russian and
English lives here as data, so that a component asks `profile(doc.language)` instead of testing
`doc.language == "xx"`. Word lists that are lexicon entries stay in `lexicons/`; a profile holds
the grammar a component needs (which words put a verb in the future, where a deadline stands).

Adding a language: add its lexicon folder and one `Profile` to `PROFILES`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    code: str
    # Words right before a status verb that make its step a plan: «будет подписано», «will be signed».
    future_auxiliaries: frozenset[str] = frozenset()
    # Words inside a status phrase that make it subjunctive or future: «منعقد شود», «امضا خواهد شد».
    unachieved_words: frozenset[str] = frozenset()
    # What stands right before an infinitive status: «to be signed», «are to sign».
    infinitive_markers: tuple[str, ...] = ()
    # Whether the morphology tags infinitives (pymorphy3's INFN: «договорились создать»).
    infinitive_grammeme: bool = False
    # Whether «by the end of the year» means the Jalali (Iranian solar) year.
    jalali_year: bool = False
    # Whether a deadline follows the action it bounds («is to report … within two weeks»);
    # Persian and Russian put the deadline first («ظرف دو هفته گزارش …»).
    action_before_deadline: bool = False
    # Endings that make a number word an ordinal: «ششمین», «بیست و یکم».
    ordinal_endings: tuple[str, ...] = ()
    # Words between two numbers of a range: «از ۱۵ تا ۶۰ میلیون تن», «от 15 до 60 млн», «15 to 60».
    range_words: frozenset[str] = frozenset()
    # Names are written with a capital letter (Russian, English); Persian has no capitals, so the
    # script and the given-name list decide where a name starts.
    cased: bool = False
    # pymorphy3 reads the words (tokens carry lemmas, lexicon terms match in any case, verbs end a
    # name, Name/Surn/Patr mark one, known common words are not names, names are put in the
    # nominative).
    morphology: bool = False
    # A multi-word lexicon term may hold a surname («پادشاهی هاشمی اردن»: «هاشمی» is a family
    # name too), so the words of such terms do not count as never-a-name for the name guard.
    phrase_words_may_be_names: bool = False
    # How many words past a post its holder's name may stand («заместитель министра …, связи и
    # массовых коммуникаций России Андрей Зарецкий» is long in Russian).
    name_reach: int = 6
    # A lower-case word ends a post's description: «Governor of Astrakhan Region to discuss …».
    lowercase_ends_post: bool = False
    # Lower-case nouns that belong to a place's name inside a post's description: «Mayor of Kazan
    # city», «Governor of Gilan province».
    place_nouns: frozenset[str] = frozenset()
    # Initials stand for given names: «А.И. Фамилиев», «V.I. Sokolov».
    initials: bool = False
    # An organisation's name is capitalised («the committee on trade» is not a name).
    capitalised_organizations: bool = False
    # An outlet after a cue must be capitalised, quoted or known: «по данным организаторов» is a
    # source, not an outlet. Persian outlets have no capitals and are read after the cue as is.
    outlet_needs_name: bool = False
    # Words before a year that make it a period ahead, not background: «на 2025 год», «until 2030».
    period_prepositions: frozenset[str] = frozenset()
    # Possessives before a post that make it the post of an organisation named just before:
    # «led by its president X».
    possessives: frozenset[str] = frozenset()
    # First-person plural verbs that turn «باید» into a call to act together («باید … کار کنیم»).
    first_plural_verbs: frozenset[str] = frozenset()
    # Words of several parts are written with a zero-width non-joiner («روابط‌عمومی», «به‌صورت»),
    # which folding removes; written without it (or with a joiner lost), the folded token is two
    # words run together and must not pass for a name (see names.NameGuard).
    joined_words: bool = False
    # Words that deny the status verb after them («has not been signed», «не подписан»); Persian
    # denies inside the verb («امضا نشد»), which no status term matches.
    negations: frozenset[str] = frozenset()
    # Prepositions before a month in which something happened: «در فروردین», «в марте», «in March»
    # (a deadline without a year in that sentence counts from that month).
    month_prepositions: frozenset[str] = frozenset()
    # The verb ends its clause and the object may stand before a deadline («فهرست را تا پایان ماه
    # ارسال کنند»): when at most this many words follow a deadline, the words of its clause before
    # it start the commitment's action (0: the action is what follows the deadline).
    verb_final_words: int = 0
    # Past forms of «to be» before an infinitive that put a plan in the past («линия должна была
    # заработать к концу июня»: the deadline is behind the writer; languages with morphology).
    past_auxiliaries: frozenset[str] = frozenset()
    # The country whose posts the language's titles name first: a title of scope `abroad`
    # («فرماندار», a county's governor in Iran) heads a region of any other country it names.
    home_country: str | None = None
    # Articles that open an apposition between a name and its post: «Ali Karimi, the governor».
    apposition_articles: frozenset[str] = frozenset()
    # Abbreviations of the word «year» after a year (folded, without the dot): «до 2030 г.».
    year_abbreviations: frozenset[str] = frozenset()


PROFILES: dict[str, Profile] = {
    "fa": Profile(
        code="fa",
        # subjunctive and future light verbs: «تشکیل شود», «به امضا برسد», «امضا خواهند کرد»
        # (folded text: the zero-width non-joiner of «می‌شود» is removed)
        unachieved_words=frozenset(
            {
                "شود",
                "شوند",
                "بشود",
                "گردد",
                "گردند",
                "برسد",
                "برسند",
                "برساند",
                "برسانند",
                "کند",
                "کنند",
                "کنیم",
                "بکنند",
                "نماید",
                "نمایند",
                "خواهد",
                "خواهند",
                "خواهیم",
                # present passive, as news uses it for what is to come: «راه‌اندازی می‌شود»
                "میشود",
                "میشوند",
                "میگردد",
                # «تشکیل می‌دهد», «تشکیل دهند»: the light verb «دادن» of what is to come
                "دهد",
                "دهند",
                "بدهد",
                "بدهند",
                "میدهد",
                "میدهند",
            }
        ),
        jalali_year=True,
        home_country="IR",
        month_prepositions=frozenset({"در"}),
        verb_final_words=4,
        phrase_words_may_be_names=True,
        joined_words=True,
        ordinal_endings=("امین", "مین", "ام", "م"),
        range_words=frozenset({"تا"}),
        period_prepositions=frozenset({"تا", "برای", "افق"}),
        first_plural_verbs=frozenset(
            {"کنیم", "باشیم", "دهیم", "بدهیم", "بکوشیم", "کوشیم", "نماییم", "برداریم", "بگیریم"}
            | {"شویم", "بسازیم"}
        ),
    ),
    "ru": Profile(
        code="ru",
        future_auxiliaries=frozenset({"будет", "будут", "будем", "буду", "будете", "станет", "станут"}),
        infinitive_grammeme=True,
        range_words=frozenset({"до", "по"}),
        period_prepositions=frozenset({"на", "до", "к"}),
        cased=True,
        morphology=True,
        name_reach=12,
        initials=True,
        outlet_needs_name=True,
        negations=frozenset({"не", "ни", "нет"}),
        month_prepositions=frozenset({"в", "во"}),
        past_auxiliaries=frozenset({"был", "была", "было", "были"}),
        year_abbreviations=frozenset({"г", "гг"}),
    ),
    "en": Profile(
        code="en",
        future_auxiliaries=frozenset({"will", "shall", "would"}),
        infinitive_markers=("to ", "to be ", "will be ", "would be ", "shall be "),
        action_before_deadline=True,
        range_words=frozenset({"to"}),
        period_prepositions=frozenset({"for", "until", "by", "through"}),
        cased=True,
        name_reach=12,
        lowercase_ends_post=True,
        # and the lower-case words of a place's description: «Governor of Iran's northern province
        # of Gilan»
        place_nouns=frozenset(
            {"city", "province", "region", "republic", "oblast", "krai", "county", "district"}
            | {"northern", "southern", "eastern", "western", "central", "northwestern", "northeastern"}
            | {"southwestern", "southeastern", "north-western", "north-eastern", "south-western"}
            | {"south-eastern", "caspian", "border"}
            # «the head of the provincial Chamber of Commerce, X»: the body's place given as an adjective
            | {"provincial", "regional", "municipal"}
        ),
        initials=True,
        capitalised_organizations=True,
        outlet_needs_name=True,
        possessives=frozenset({"its"}),
        apposition_articles=frozenset({"the"}),
        negations=frozenset({"not", "never", "yet", "n't", "cannot", "neither", "nor"}),
        month_prepositions=frozenset({"in"}),
    ),
}

_NEUTRAL = Profile(code="xx")


def profile(language: str | None) -> Profile:
    """The profile of a language; an unknown or missing language gets one that changes nothing."""
    return PROFILES.get(language or "", _NEUTRAL)
