//! Country codes as providers write them, normalised to ISO 3166-1 alpha-2.
//!
//! Writers mix ISO codes and habits: `UK` for GB, `USA` for US, `SP` for
//! Spain, `GE` meaning Germany (GE is Georgia). Each written token is kept as
//! written; [`normalise_country`] says which code it stands for and whether
//! it deserves a second look.

use std::collections::BTreeSet;

use celes::Country;

/// A list of country codes as written in one cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CountryList {
    /// The tokens in written order (duplicates kept).
    pub entries: Vec<CountryEntry>,
}

/// One written country token and what it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryEntry {
    /// The token exactly as written (trimmed).
    pub written: String,
    /// The ISO 3166-1 alpha-2 code it stands for, upper-case; `None` when the
    /// token is not a code.
    pub code: Option<String>,
    /// How the written token relates to the code.
    pub note: CountryNote,
}

/// The name the rest of the model uses for one written country code.
pub type CountryCode = CountryEntry;

/// How a written token relates to ISO 3166-1.
#[derive(Clone, Debug, PartialEq)]
pub enum CountryNote {
    /// A valid ISO 3166-1 alpha-2 code written as such (any letter case).
    Iso,
    /// A common alias (`UK`, `EL`) or an alpha-3 code (`USA`, `ESP`),
    /// standing for `canonical`.
    Alias {
        /// The alpha-2 code it stands for.
        canonical: String,
    },
    /// Kept as written but probably meant as another country (see
    /// [`SUSPICIOUS`]). `code` is the token itself when it is a valid code
    /// (`GE`), `None` otherwise (`SP`).
    Suspicious {
        /// The alpha-2 code the writer most likely meant.
        likely: String,
        /// Why, in a short phrase (lower-case start, no final period).
        reason: String,
    },
    /// A country's English name (`Norway`, `United Kingdom`, `Czech
    /// Republic`), read through the ISO 3166-1 names and common aliases.
    Name,
    /// Not a country code at all (e.g. `XX`).
    Unknown,
}

/// Non-ISO aliases in common use and the alpha-2 code they stand for.
/// Alpha-3 codes (`USA`, `ESP`, `DEU`) are aliases too, resolved via `celes`.
pub const ALIASES: &[(&str, &str)] = &[("UK", "GB"), ("EL", "GR")];

/// Tokens that probably mean another country than ISO says:
/// (written, likely alpha-2, reason).
pub const SUSPICIOUS: &[(&str, &str, &str)] = &[
    ("SP", "ES", "SP is not an ISO 3166-1 code; Spain is ES"),
    ("GE", "DE", "GE is Georgia in ISO 3166-1; Germany is DE"),
    (
        "EN",
        "GB",
        "EN is not an ISO 3166-1 code; England is part of the United Kingdom, GB",
    ),
];

/// English short names where the ISO long name reads oddly in a table.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("GB", "United Kingdom"),
    ("US", "United States"),
    ("KR", "South Korea"),
    ("KP", "North Korea"),
    ("RU", "Russia"),
    ("IR", "Iran"),
    ("VE", "Venezuela"),
    ("MD", "Moldova"),
    ("TZ", "Tanzania"),
    ("LA", "Laos"),
    ("TW", "Taiwan"),
    ("SY", "Syria"),
    ("BO", "Bolivia"),
    ("FM", "Micronesia"),
    ("PS", "Palestine"),
    ("MK", "North Macedonia"),
];

/// Says which ISO alpha-2 code a written token stands for. Order: the
/// suspicious table, the alias table, valid alpha-2, valid alpha-3, unknown.
pub fn normalise_country(written: &str) -> CountryEntry {
    let written = written.trim();
    let upper = written.to_ascii_uppercase();
    let (code, note) = suspicious(&upper)
        .or_else(|| alias(&upper))
        .or_else(|| iso(&upper))
        .unwrap_or((None, CountryNote::Unknown));
    CountryEntry {
        written: written.to_owned(),
        code,
        note,
    }
}

type Reading = (Option<String>, CountryNote);

fn suspicious(upper: &str) -> Option<Reading> {
    let &(_, likely, reason) = SUSPICIOUS.iter().find(|(w, _, _)| *w == upper)?;
    let code = alpha2(upper);
    let note = CountryNote::Suspicious {
        likely: likely.to_owned(),
        reason: reason.to_owned(),
    };
    Some((code, note))
}

fn alias(upper: &str) -> Option<Reading> {
    let &(_, canonical) = ALIASES.iter().find(|(w, _)| *w == upper)?;
    Some(alias_reading(canonical))
}

fn alias_reading(canonical: &str) -> Reading {
    let note = CountryNote::Alias {
        canonical: canonical.to_owned(),
    };
    (Some(canonical.to_owned()), note)
}

fn iso(upper: &str) -> Option<Reading> {
    match upper.len() {
        2 => alpha2(upper).map(|code| (Some(code), CountryNote::Iso)),
        3 => Country::from_alpha3(upper)
            .ok()
            .map(|c| alias_reading(c.alpha2)),
        _ => None,
    }
}

/// The token itself when it is a valid alpha-2 code.
fn alpha2(upper: &str) -> Option<String> {
    let valid = upper.len() == 2 && Country::from_alpha2(upper).is_ok();
    valid.then(|| upper.to_owned())
}

/// Reads a cell as a list of countries; `None` when it is not one.
///
/// The text is split on `,`, `;` and line breaks. Each part is either a
/// country's English name or a common alias (`Norway`, `United Kingdom`,
/// `Turkey`), or one or more codes separated by spaces. A code is 2-3 ASCII
/// letters written all upper-case or all lower-case (so words like "No" or
/// "Web" do not pass). It is a list when every part reads so and at least
/// one entry stands for an ISO country.
pub fn parse_country_list(text: &str) -> Option<CountryList> {
    let mut entries = Vec::new();
    for part in text
        .split([',', ';', '\n', '\r'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
    {
        if let Some(entry) = country_by_name(part) {
            entries.push(entry);
            continue;
        }
        let tokens: Vec<&str> = part.split_whitespace().collect();
        if !tokens.iter().all(|t| looks_like_code(t)) {
            return None;
        }
        entries.extend(tokens.iter().map(|t| normalise_country(t)));
    }
    let any_code = entries.iter().any(|e| e.code.is_some());
    any_code.then_some(CountryList { entries })
}

/// A country named in English (ISO 3166-1 short or long name, or a common
/// alias such as "Russia" or "England"), case, spaces and punctuation
/// ignored. Two- and three-letter words are codes, not names.
pub fn country_by_name(written: &str) -> Option<CountryEntry> {
    let written = written.trim();
    if written.chars().count() <= 3 {
        return None;
    }
    let key: String = written
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let country = Country::from_name(&key)
        .or_else(|_| Country::from_alias(&key))
        .or_else(|_| Country::from_name(key.strip_prefix("the").unwrap_or(&key)))
        .ok()?;
    Some(CountryEntry {
        written: written.to_owned(),
        code: Some(country.alpha2.to_owned()),
        note: CountryNote::Name,
    })
}

fn looks_like_code(token: &str) -> bool {
    (2..=3).contains(&token.len())
        && token.chars().all(|c| c.is_ascii_alphabetic())
        && (token.chars().all(|c| c.is_ascii_uppercase())
            || token.chars().all(|c| c.is_ascii_lowercase()))
}

impl CountryList {
    /// The distinct normalised alpha-2 codes (entries with a code).
    pub fn codes(&self) -> BTreeSet<String> {
        self.entries.iter().filter_map(|e| e.code.clone()).collect()
    }

    /// How many different countries the list names: the distinct codes plus
    /// the distinct tokens without a code (compared upper-case).
    pub fn distinct_count(&self) -> usize {
        let unknown: BTreeSet<String> = self
            .entries
            .iter()
            .filter(|e| e.code.is_none())
            .map(|e| e.written.to_ascii_uppercase())
            .collect();
        self.codes().len() + unknown.len()
    }

    /// Whether any entry is not a plain ISO code or an English name.
    pub fn has_problems(&self) -> bool {
        self.entries
            .iter()
            .any(|e| !matches!(e.note, CountryNote::Iso | CountryNote::Name))
    }
}

/// The English short name of an alpha-2 code (any letter case), e.g.
/// "Spain", "United Kingdom", "Netherlands"; `None` for unknown codes.
pub fn country_name(alpha2: &str) -> Option<String> {
    let country = Country::from_alpha2(alpha2.trim()).ok()?;
    let short = SHORT_NAMES
        .iter()
        .find(|(code, _)| *code == country.alpha2)
        .map(|&(_, name)| name.to_owned());
    Some(short.unwrap_or_else(|| tidy_long_name(country.long_name)))
}

/// "The Democratic Republic Of The Congo" -> "Democratic Republic of the Congo".
fn tidy_long_name(long_name: &str) -> String {
    let name = long_name.strip_prefix("The ").unwrap_or(long_name);
    name.replace(" Of ", " of ")
        .replace(" And ", " and ")
        .replace(" The ", " the ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a failed unwrap is a failed test
mod tests {
    use super::*;

    fn iso_note() -> CountryNote {
        CountryNote::Iso
    }

    fn alias_note(canonical: &str) -> CountryNote {
        CountryNote::Alias {
            canonical: canonical.to_owned(),
        }
    }

    fn suspicious_note(likely: &str, reason: &str) -> CountryNote {
        CountryNote::Suspicious {
            likely: likely.to_owned(),
            reason: reason.to_owned(),
        }
    }

    /// (written, code, note)
    fn normalise_rows() -> Vec<(&'static str, Option<&'static str>, CountryNote)> {
        vec![
            ("ES", Some("ES"), iso_note()),
            ("es", Some("ES"), iso_note()),
            (" PT ", Some("PT"), iso_note()),
            ("GB", Some("GB"), iso_note()),
            ("AU", Some("AU"), iso_note()),
            ("UK", Some("GB"), alias_note("GB")),
            ("uk", Some("GB"), alias_note("GB")),
            ("EL", Some("GR"), alias_note("GR")),
            ("USA", Some("US"), alias_note("US")),
            ("ESP", Some("ES"), alias_note("ES")),
            ("DEU", Some("DE"), alias_note("DE")),
            (
                "SP",
                None,
                suspicious_note("ES", "SP is not an ISO 3166-1 code; Spain is ES"),
            ),
            (
                "GE",
                Some("GE"),
                suspicious_note("DE", "GE is Georgia in ISO 3166-1; Germany is DE"),
            ),
            (
                "EN",
                None,
                suspicious_note(
                    "GB",
                    "EN is not an ISO 3166-1 code; England is part of the United Kingdom, GB",
                ),
            ),
            ("XX", None, CountryNote::Unknown),
            ("QQ", None, CountryNote::Unknown),
            ("ZZZ", None, CountryNote::Unknown),
            ("logs", None, CountryNote::Unknown),
        ]
    }

    fn check_normalise(row: &(&str, Option<&str>, CountryNote)) {
        let (written, code, note) = row;
        let entry = normalise_country(written);
        assert_eq!(entry.written, written.trim(), "written {written:?}");
        assert_eq!(entry.code.as_deref(), *code, "code of {written:?}");
        assert_eq!(&entry.note, note, "note of {written:?}");
    }

    #[test]
    fn normalises_codes() {
        normalise_rows().iter().for_each(check_normalise);
    }

    /// (text, Some((entries, distinct codes, distinct_count, has_problems)))
    type ListRow = (
        &'static str,
        Option<(usize, &'static [&'static str], usize, bool)>,
    );

    const LISTS: &[ListRow] = &[
        (
            "FR, BE, ES, IE, DE, SK, NL, USA, UK, DK, TR, PT",
            Some((
                12,
                &[
                    "BE", "DE", "DK", "ES", "FR", "GB", "IE", "NL", "PT", "SK", "TR", "US",
                ],
                12,
                true,
            )),
        ),
        (
            "SP, PT, FR, US, DE, UK, SK, CZ, CH, AU",
            Some((
                10,
                &["AU", "CH", "CZ", "DE", "FR", "GB", "PT", "SK", "US"],
                10,
                true,
            )),
        ),
        (
            "ES, PT, FR, UK, IT, GE, BE, SK, PL",
            Some((
                9,
                &["BE", "ES", "FR", "GB", "GE", "IT", "PL", "PT", "SK"],
                9,
                true,
            )),
        ),
        ("TR", Some((1, &["TR"], 1, false))),
        ("ES, PT", Some((2, &["ES", "PT"], 2, false))),
        (
            "CN, DE, IT, RO, ES, SE, TR, GB, US",
            Some((
                9,
                &["CN", "DE", "ES", "GB", "IT", "RO", "SE", "TR", "US"],
                9,
                false,
            )),
        ),
        ("es;pt  fr", Some((3, &["ES", "FR", "PT"], 3, false))),
        ("UK, GB, gb", Some((3, &["GB"], 1, true))),
        ("ES, XX, xx", Some((3, &["ES"], 2, true))),
        ("SP", None),
        ("XX, QQ", None),
        ("logs", None),
        ("Logs", None),
        ("Collected from local AAI system", None),
        ("openstack accounting", None),
        ("Turkey, National HPC Centre", None),
        ("To be developed", None),
        ("No", None),
        ("ES, 12", None),
        // English names and aliases, mixed with codes.
        (
            "Norway, Sweden, FI",
            Some((3, &["FI", "NO", "SE"], 3, false)),
        ),
        (
            "United Kingdom; Czech Republic\nturkey",
            Some((3, &["CZ", "GB", "TR"], 3, false)),
        ),
        ("Germany, DE", Some((2, &["DE"], 1, false))),
        ("Netherlands, Greece, EL", Some((3, &["GR", "NL"], 2, true))),
        ("Atlantis, Norway", None),
        ("", None),
        (" , ; ", None),
    ];

    fn check_list(row: &ListRow) {
        let (text, expected) = row;
        let actual = parse_country_list(text).map(|list| {
            let codes: Vec<String> = list.codes().into_iter().collect();
            (
                list.entries.len(),
                codes,
                list.distinct_count(),
                list.has_problems(),
            )
        });
        let expected = expected.map(|(n, codes, distinct, problems)| {
            let codes: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
            (n, codes, distinct, problems)
        });
        assert_eq!(actual, expected, "text {text:?}");
    }

    #[test]
    fn parses_lists() {
        LISTS.iter().for_each(check_list);
    }

    const NAMES: &[(&str, Option<&str>)] = &[
        ("ES", Some("Spain")),
        ("de", Some("Germany")),
        ("GB", Some("United Kingdom")),
        ("US", Some("United States")),
        ("NL", Some("Netherlands")),
        ("GE", Some("Georgia")),
        ("BA", Some("Bosnia and Herzegovina")),
        ("CD", Some("Democratic Republic of the Congo")),
        ("UK", None),
        ("XX", None),
        ("ESP", None),
        ("", None),
    ];

    #[test]
    fn names_codes() {
        for (code, name) in NAMES {
            assert_eq!(country_name(code).as_deref(), *name, "code {code:?}");
        }
    }
}
