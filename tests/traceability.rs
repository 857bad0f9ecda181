//! The traceability matrix: every rule id, the part of the standard it
//! implements and the words it quotes, the functions that apply it, its
//! interpretation and the tests that name it, generated here from the rule
//! catalogue and the test sources, and published as `docs/traceability.md`
//! (and in the rustdoc). This test fails when the published matrix is
//! stale, and when a rule has no test naming it.
//!
//! To regenerate the published files after a change:
//!
//! ```sh
//! BLESS=1 cargo test --test traceability
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use incident_response::{RuleId, rule::Section};

/// A test function, where it is, and the text that may name rules: its
/// name and its doc comment.
struct Test {
    file: String,
    name: String,
    doc: String,
}

impl Test {
    /// Whether the test names `rule`: its doc comment cites the id, or its
    /// name holds the id in snake case (`dt_4_…`, `…_pd_3_and_pd_4_…`).
    fn names(&self, rule: RuleId) -> bool {
        let id = rule.as_str();
        let snake = id.to_lowercase().replace('-', "_");
        cites(&self.doc, id) || snake_token(&self.name, &snake)
    }
}

/// Whether `text` holds `id` as a whole token: not inside a longer id.
fn cites(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        let joins = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
        !joins(before) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Whether the snake-case `name` holds `snake` as whole `_`-separated words.
fn snake_token(name: &str, snake: &str) -> bool {
    let words: Vec<&str> = name.split('_').collect();
    let wanted: Vec<&str> = snake.split('_').collect();
    words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted, snapshots aside.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The tests of one source file: each `#[test]` function with the doc
/// comment above it (attributes between them allowed), unit tests and
/// proptest properties alike.
fn tests_in(path: &Path) -> Vec<Test> {
    let file = path
        .strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let text = std::fs::read_to_string(path).unwrap();
    let mut tests = Vec::new();
    let mut doc = String::new();
    let mut is_test = false;
    for line in text.lines() {
        let line = line.trim();
        if let Some(comment) = line.strip_prefix("///") {
            doc.push_str(comment);
            doc.push('\n');
        } else if line == "#[test]" {
            is_test = true;
        } else if line.starts_with("#[") {
            // Another attribute between the doc comment and the function.
        } else if let Some(rest) = line.strip_prefix("fn ").filter(|_| is_test) {
            let name = rest.split(['(', '<']).next().unwrap().to_owned();
            tests.push(Test {
                file: file.clone(),
                name,
                doc: std::mem::take(&mut doc),
            });
            is_test = false;
        } else {
            doc.clear();
            is_test = false;
        }
    }
    tests
}

fn all_tests() -> Vec<Test> {
    let mut tests = Vec::new();
    for dir in ["src", "tests"] {
        for path in sources(&root().join(dir)) {
            tests.extend(tests_in(&path));
        }
    }
    tests
}

/// A section as the matrix names it, with where the words come from when
/// they stand elsewhere.
/// Every test vector of `standard/vectors/`: its file, rule id and name,
/// in file order.
fn vectors() -> Vec<(String, String, String)> {
    let dir = root().join("standard/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut found = Vec::new();
    for path in files {
        let file = format!(
            "standard/vectors/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        for vector in json["vectors"].as_array().unwrap() {
            let id = vector["rule"].as_str().unwrap().to_owned();
            let name = vector["name"].as_str().unwrap().to_owned();
            found.push((file.clone(), id, name));
        }
    }
    found
}

fn part(rule: RuleId) -> String {
    let mut part = rule.section().to_string();
    if rule.quoted_from() != rule.section() {
        write!(part, " (words from {})", rule.quoted_from()).unwrap();
    }
    part
}

/// The matrix in Markdown.
fn matrix(tests: &[Test]) -> String {
    let mut out = String::new();
    out.push_str(
        "# Traceability matrix\n\n\
         Every rule of the standard, as the crate's rule catalogue (`RuleId`) \
         lists it: the part of the standard it implements, the standard's own \
         words and the rule as the crate applies them, the public functions \
         that apply it, the interpretation where the standard had to be read, \
         the tests that name it, and the test vectors that check it \
         (`standard/vectors/`, run by `incident-response vectors`, written from \
         the standard's words alone). A test names a rule when its doc comment \
         cites the id or its name holds it in snake case (`dt_4_…`).\n\n\
         Generated by `tests/traceability.rs` from the catalogue and the test \
         sources; that test fails when this file is stale, and when a rule has \
         no test naming it (a rule not applied yet is named by the test that \
         checks no function claims it). Regenerate with \
         `BLESS=1 cargo test --test traceability`.\n\n",
    );
    let applied = RuleId::ALL.iter().filter(|r| r.is_implemented()).count();
    writeln!(
        out,
        "{applied} of {} rules are applied by this version.\n",
        RuleId::ALL.len()
    )
    .unwrap();
    out.push_str("| id | part of the standard | the standard's words | rule as applied | applied by | interpretation | tests | vectors |\n");
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    let vectors = vectors();
    for &rule in RuleId::ALL {
        let checking: Vec<String> = vectors
            .iter()
            .filter(|(_, id, _)| id == rule.as_str())
            .map(|(file, _, name)| format!("`{file}` {name}"))
            .collect();
        let checking = if checking.is_empty() {
            "—".to_owned()
        } else {
            checking.join("<br>")
        };
        let naming: Vec<String> = tests
            .iter()
            .filter(|t| t.names(rule))
            .map(|t| format!("`{}` `{}`", t.file, t.name))
            .collect();
        let tests = if naming.is_empty() {
            "—".to_owned()
        } else {
            naming.join("<br>")
        };
        writeln!(
            out,
            "| `{}` | {} | \"{}\" | {} | {} | {} | {} | {} |",
            rule,
            part(rule),
            rule.quote(),
            rule.rule(),
            rule.applied_by().unwrap_or("not applied yet"),
            rule.interpretation().unwrap_or("—"),
            tests,
            checking
        )
        .unwrap();
    }
    out
}

/// The README's table of where each part of the standard lives.
fn where_each_part_lives() -> String {
    let mut out = String::from("| part of the standard | module | rules |\n|---|---|---|\n");
    for section in Section::ALL {
        let rules: Vec<RuleId> = RuleId::ALL
            .iter()
            .copied()
            .filter(|r| r.section() == section)
            .collect();
        if rules.is_empty() {
            continue;
        }
        let list = |applied: bool| {
            rules
                .iter()
                .filter(|r| r.is_implemented() == applied)
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (applied, pending) = (list(true), list(false));
        let module = section
            .module()
            .map_or("—".to_owned(), |m| format!("`{m}`"));
        let rules = match (applied.is_empty(), pending.is_empty()) {
            (false, true) => applied,
            (true, _) => format!("not applied yet: {pending}"),
            (false, false) => format!("{applied}; not applied yet: {pending}"),
        };
        writeln!(out, "| {section} | {module} | {rules} |").unwrap();
    }
    out
}

/// Compares `generated` with `path`, or writes it there under `BLESS=1`.
fn published(path: &Path, current: &str, generated: &str, what: &str) {
    if current == generated {
        return;
    }
    if std::env::var_os("BLESS").is_some() {
        return;
    }
    panic!(
        "{} is out of date ({what}); regenerate it with `BLESS=1 cargo test --test traceability`",
        path.strip_prefix(root()).unwrap_or(path).display()
    );
}

#[test]
fn the_published_matrix_is_the_generated_one() {
    let path = root().join("docs/traceability.md");
    let generated = matrix(&all_tests());
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("BLESS").is_some() && current != generated {
        std::fs::write(&path, &generated).unwrap();
    }
    published(&path, &current, &generated, "the traceability matrix");
}

/// Every rule is named by a test: an applied one by the tests of its
/// behaviour, one not applied yet by the test that checks it is catalogued
/// and claimed by no function.
#[test]
fn every_rule_is_named_by_a_test() {
    let tests = all_tests();
    let unnamed: Vec<RuleId> = RuleId::ALL
        .iter()
        .copied()
        .filter(|r| !tests.iter().any(|t| t.names(*r)))
        .collect();
    assert!(unnamed.is_empty(), "no test names {unnamed:?}");
}

/// Every rule is checked by a test vector an auditor can run without
/// reading Rust.
#[test]
fn every_rule_has_a_test_vector() {
    let vectors = vectors();
    let unchecked: Vec<RuleId> = RuleId::ALL
        .iter()
        .copied()
        .filter(|r| !vectors.iter().any(|(_, id, _)| id == r.as_str()))
        .collect();
    assert!(unchecked.is_empty(), "no vector checks {unchecked:?}");
}

/// The README's map of the standard to the modules comes from the catalogue.
#[test]
fn the_readme_maps_each_part_from_the_catalogue() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- parts:start -->\n", "<!-- parts:end -->");
    let from = readme.find(start).expect("README has no parts markers") + start.len();
    let to = readme[from..].find(end).expect("unterminated parts table") + from;
    let generated = where_each_part_lives();
    if std::env::var_os("BLESS").is_some() && readme[from..to] != generated {
        let updated = format!("{}{generated}{}", &readme[..from], &readme[to..]);
        std::fs::write(&path, updated).unwrap();
    }
    published(&path, &readme[from..to], &generated, "the table of parts");
}

#[test]
fn names_are_read_as_whole_ids() {
    let test = |name: &str, doc: &str| Test {
        file: String::new(),
        name: name.to_owned(),
        doc: doc.to_owned(),
    };
    assert!(test("dt_4_backup_window", "").names(RuleId::Dt4));
    assert!(test("pd_3_and_pd_4_first", "").names(RuleId::Pd4));
    assert!(!test("dt_p4_defers", "").names(RuleId::Dt4));
    assert!(test("x", "SEV-P1-OUTAGE: total failure").names(RuleId::SevP1Outage));
    assert!(!test("x", "SEV-P1-OUTAGES").names(RuleId::SevP1Outage));
    assert!(!test("x", "DT-P4 only").names(RuleId::Dt4));
    assert!(test("x", "(DT-4)").names(RuleId::Dt4));
}
