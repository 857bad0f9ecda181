//! The auditor's evidence report, made as an auditor makes it:
//! `incident-response evidence --month 2026-01 …` on the standard's
//! January, checked as a page (well-formed, every figure the summary's,
//! every input named by its SHA-256, the same page twice), and printed to
//! PDF by Debian's chromium, its first page rendered to PNG by `pdftoppm`
//! under `target/evidence/` for review.

#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking; the no-panic lints guard the library"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use incident_response::chrono::{TimeDelta, TimeZone, Utc};
use incident_response::evidence::{EvidenceReport, InputFile};
use incident_response::{Incident, Policy, Severity};
use serde_json::Value;

const JANUARY: &str = "tests/fixtures/january_2026.json";
const PREVIOUS: &str = "tests/fixtures/previous_months_2025.json";
const ROLLBACK: &str = "src/json/documents/rollback-check.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tool(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_incident-response"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

/// The standard's January as an auditor files it.
fn january_page() -> String {
    let out = tool(&[
        "evidence",
        "--month",
        "2026-01",
        "--releases",
        "16",
        "--previous",
        PREVIOUS,
        "--rollback",
        ROLLBACK,
        JANUARY,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Well-formed markup: every element closed in order (but the void
/// ones), every attribute quoted, no stray `<` or `&`. Returns each
/// element's attributes, in document order.
fn parse(html: &str) -> Vec<(String, BTreeMap<String, String>)> {
    const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];
    let body = html
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("a doctype first");
    let mut open: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(['<', '&']) {
        let (text, tail) = rest.split_at(at);
        assert!(!text.contains('>'), "a stray `>` in {text:?}");
        if tail.starts_with('&') {
            let end = tail.find(';').expect("an entity ends with `;`");
            let entity = &tail[..=end];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(&entity),
                "unknown entity {entity}"
            );
            rest = &tail[end + 1..];
            continue;
        }
        let end = tail.find('>').expect("a tag ends with `>`");
        let tag = &tail[1..end];
        rest = &tail[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let last = open
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(last, name, "</{name}> closes <{last}>");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "tag {name:?}"
        );
        let mut found = BTreeMap::new();
        loop {
            attributes = attributes.trim_start();
            if attributes.is_empty() {
                break;
            }
            let (key, value) = attributes
                .split_once("=\"")
                .unwrap_or_else(|| panic!("unquoted attribute in <{tag}>"));
            let close = value.find('"').unwrap();
            assert!(
                !value[..close].contains('<'),
                "`<` in an attribute of <{tag}>"
            );
            found.insert(key.to_owned(), value[..close].to_owned());
            attributes = &value[close + 1..];
        }
        elements.push((name.to_owned(), found));
        if !self_closing && !VOID.contains(&name) {
            open.push(name.to_owned());
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
    elements
}

/// An attribute value back to text: the page's five entities undone.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The page's figures (`data-figure`, `data-value`) that stand in the
/// summary's JSON, each checked against it, numbers by value: how many
/// were compared, and every one that differs.
fn compare(
    elements: &[(String, BTreeMap<String, String>)],
    summary: &Value,
) -> (usize, Vec<String>) {
    let mut compared = 0;
    let mut differ = Vec::new();
    for (_, attributes) in elements {
        let (Some(path), Some(value)) =
            (attributes.get("data-figure"), attributes.get("data-value"))
        else {
            continue;
        };
        let Some(expected) = summary.pointer(&format!("/{}", path.replace('.', "/"))) else {
            continue;
        };
        let value = unescape(value);
        let shown: Value = serde_json::from_str(&value).unwrap_or(Value::String(value));
        let same = match (shown.as_f64(), expected.as_f64()) {
            (Some(shown), Some(expected)) => shown == expected,
            _ => &shown == expected,
        };
        compared += 1;
        if !same {
            differ.push(format!(
                "{path}: {shown} on the page, {expected} in the summary"
            ));
        }
    }
    (compared, differ)
}

/// ME-1 … ME-6: the page of the standard's January is well-formed, holds
/// the standard's figures, and every figure on it is the summary's.
#[test]
fn me_1_to_me_6_the_january_page_shows_the_summary_s_figures() {
    let html = january_page();
    let elements = parse(&html);
    let summary = tool(&["report", "--month", "2026-01", "--releases", "16", JANUARY]);
    let summary: Value = serde_json::from_slice(&summary.stdout).unwrap();
    let figures: BTreeMap<String, String> = elements
        .iter()
        .filter_map(|(_, a)| {
            Some((
                a.get("data-figure")?.clone(),
                unescape(a.get("data-value")?),
            ))
        })
        .collect();
    let (compared, differ) = compare(&elements, &summary);
    assert!(differ.is_empty(), "{differ:#?}");
    assert!(compared >= 30, "only {compared} figures compared");
    // The standard's own January 2026.
    for (path, value) in [
        ("incidents.P1", "1"),
        ("incidents.P2", "3"),
        ("incidents.P3", "8"),
        ("incidents.P4", "15"),
        ("mttr.mean_secs", "1500"),
        ("mttd.mean_secs", "480"),
        ("rollbacks.attempted", "1"),
        ("rollbacks.success_rate", "1"),
        ("rollbacks.mean_secs", "252"),
        ("releases", "16"),
        ("goals.zero_p1", "missed"),
        ("month", "2026-01"),
    ] {
        assert_eq!(figures.get(path).map(String::as_str), Some(value), "{path}");
    }
    for shown in ["25 min (n = 27", "8 min (n = 27", "4.2 min", "100 %"] {
        assert!(html.contains(shown), "{shown}");
    }
    assert!(html.contains(&format!("incident-response {}", env!("CARGO_PKG_VERSION"))));
}

/// ME-5, IN-1 … IN-5, RB-1 … RB-7: the trends run over the months before
/// and this one, one chart each; every incident of the month has its five
/// obligations; the rollback attached has its seven rules; every rule the
/// page links to is on it.
#[test]
fn me_5_in_and_rb_the_page_holds_the_trends_the_incidents_and_the_verdicts() {
    let html = january_page();
    let elements = parse(&html);
    let trends: Vec<&str> = elements
        .iter()
        .filter_map(|(_, a)| a.get("data-trend").map(String::as_str))
        .collect();
    assert_eq!(
        trends,
        [
            "p1_incidents",
            "mttr",
            "detection_to_resolution",
            "open_action_items",
            "releases"
        ]
    );
    assert!(html.contains(
        "Trends (<a class=\"rule\" href=\"#rule-ME-5\">ME-5</a>): 2025-11 → 2025-12 → 2026-01"
    ));
    assert!(html.contains("P1 incidents (improving)"));
    let svgs = elements.iter().filter(|(name, _)| name == "svg").count();
    assert_eq!(svgs, 5);
    // Three months on every chart, 96 apart across its 192-wide plot.
    let points: Vec<&str> = elements
        .iter()
        .filter(|(name, _)| name == "circle")
        .filter_map(|(_, a)| a.get("cx").map(String::as_str))
        .collect();
    assert_eq!(points, ["14", "110", "206"].repeat(5));
    let incidents = elements
        .iter()
        .filter(|(_, a)| a.contains_key("data-incident"))
        .count();
    assert_eq!(incidents, 27);
    let obligations = elements
        .iter()
        .filter(|(_, a)| a.contains_key("data-obligation"))
        .count();
    assert_eq!(obligations, 27 * 5);
    let rollback: Vec<&str> = elements
        .iter()
        .filter_map(|(_, a)| a.get("data-rollback").map(String::as_str))
        .collect();
    assert_eq!(rollback, [ROLLBACK]);
    assert_eq!(html.matches("<td class=\"held\">✓</td>").count(), 7);
    // The month's one rollback and the one verdict attached.
    assert!(html.contains("rollback verdicts attached: 1 (the &lt;10 min objective, RB-6)"));
    assert!(html.contains("rollbacks, the incidents&#39; and the verdicts&#39;: 2;"));
    let targets: Vec<&str> = elements
        .iter()
        .filter_map(|(_, a)| a.get("id").map(String::as_str))
        .collect();
    for (_, attributes) in &elements {
        if let Some(target) = attributes.get("href").and_then(|h| h.strip_prefix('#')) {
            assert!(targets.contains(&target), "#{target} is not on the page");
        }
    }
    assert!(!html.contains("<script"), "no script");
}

/// The page names each input by its SHA-256 (as `sha256sum` computes it),
/// and the same inputs give the same page, byte for byte.
#[test]
fn the_page_names_its_inputs_and_is_the_same_twice() {
    let html = january_page();
    assert_eq!(html, january_page());
    let hashes: Vec<String> = parse(&html)
        .iter()
        .filter_map(|(_, a)| a.get("data-sha256").cloned())
        .collect();
    let out = Command::new("sha256sum")
        .args([JANUARY, PREVIOUS, ROLLBACK])
        .current_dir(root())
        .output()
        .unwrap();
    let expected: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split_whitespace().next().unwrap().to_owned())
        .collect();
    assert_eq!(hashes, expected);
}

/// A small month's page, whole, as people read it; and a month whose
/// months before do not lead up to it is refused.
#[test]
fn a_small_month_s_page() {
    let detected = Utc.with_ymd_and_hms(2026, 2, 16, 10, 0, 0).unwrap();
    let incidents = [
        Incident::new("INC-1", Severity::P2, detected)
            .with_title("Payments <slow> & failing")
            .with_resolved_at(detected + TimeDelta::minutes(9)),
        Incident::new("INC-2", Severity::P4, detected + TimeDelta::days(2)),
    ];
    let report = EvidenceReport::new("2026-02".parse().unwrap(), &incidents, 2).with_input(
        InputFile::new("incidents", "february.json", 123, "ab".repeat(32)),
    );
    let page = Policy::STANDARD.evidence(&report).unwrap();
    assert_eq!(page.summary().incidents.p2, 1);
    assert_eq!(
        page.judged_at(),
        Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap()
    );
    let html = page.to_string();
    parse(&html);
    assert!(html.contains("INC-1: Payments &lt;slow&gt; &amp; failing"));
    insta::assert_snapshot!("evidence_of_a_small_month", html);

    let previous: Vec<incident_response::MonthOfIncidents> =
        serde_json::from_slice(&std::fs::read(root().join(PREVIOUS)).unwrap()).unwrap();
    let gap =
        EvidenceReport::new("2026-02".parse().unwrap(), &incidents, 2).with_previous(&previous);
    let err = Policy::STANDARD.evidence(&gap).unwrap_err();
    assert!(
        matches!(err, incident_response::Error::NonConsecutiveMonths { .. }),
        "{err:?}"
    );
}

/// The browser Debian ships, or the one `CHROMIUM` names.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(path);
    }
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(candidate).exists() {
            return PathBuf::from(candidate);
        }
    }
    panic!("no chromium: `apt-get install chromium poppler-utils` (or set CHROMIUM)");
}

/// The January page prints to PDF in a real browser, and its first page,
/// rendered to PNG, is saved for review under `target/evidence/`.
#[test]
fn the_january_page_prints_to_pdf() {
    let dir = root().join("target/evidence");
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("january-2026.html");
    let pdf = dir.join("january-2026.pdf");
    std::fs::write(&html, january_page()).unwrap();
    let _ = std::fs::remove_file(&pdf);
    let profile = dir.join("chromium-profile");
    let printed = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--print-to-pdf={}", pdf.display()),
        ])
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let page = dir.join("january-2026-page");
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&page)
        .output()
        .unwrap_or_else(|e| panic!("pdftoppm: {e} (`apt-get install poppler-utils`)"));
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let png = std::fs::read(dir.join("january-2026-page.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    assert!(png.len() > 10_000, "a page with text on it");
}

/// The tool writes the page to a file with `-o`, refuses a text or JSON
/// form, and names the file of a document it cannot read.
#[test]
fn the_tool_writes_the_page_and_refuses_by_name() {
    let dir = root().join("target/evidence");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("written.html");
    let out = tool(&[
        "evidence",
        "--month",
        "2026-01",
        "--releases",
        "16",
        "-o",
        file.to_str().unwrap(),
        JANUARY,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>"));

    let text = tool(&[
        "evidence",
        "--month",
        "2026-01",
        "--releases",
        "16",
        "--format",
        "text",
        JANUARY,
    ]);
    assert_eq!(text.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&text.stderr).contains("evidence writes one HTML page"));

    let no_releases = tool(&["evidence", "--month", "2026-01", JANUARY]);
    assert_eq!(
        no_releases.status.code(),
        Some(2),
        "a month's releases are given, 0 if none"
    );

    let late = tool(&[
        "evidence",
        "--month",
        "2026-03",
        "--releases",
        "0",
        "--previous",
        PREVIOUS,
        JANUARY,
    ]);
    assert_eq!(late.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&late.stderr);
    assert!(
        stderr.contains("previous_months_2025.json (--previous): the months before must end the month before 2026-03, not at 2025-12"),
        "{stderr}"
    );

    let twice = root().join("target/evidence/twice.json");
    std::fs::write(&twice, r#"[{"id": "v1", "deployed_at": "2026-01-02T00:00:00Z"}, {"id": "v1", "deployed_at": "2026-01-03T00:00:00Z"}]"#).unwrap();
    let dup = tool(&[
        "evidence",
        "--month",
        "2026-01",
        "--releases",
        twice.to_str().unwrap(),
        JANUARY,
    ]);
    assert_eq!(dup.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&dup.stderr);
    assert!(
        stderr.contains("twice.json (--releases): releases[1].id"),
        "{stderr}"
    );

    let bad = tool(&[
        "evidence",
        "--month",
        "2026-01",
        "--releases",
        "16",
        "--rollback",
        JANUARY,
        JANUARY,
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr
            .contains("tests/fixtures/january_2026.json: invalid type: array, expected an object"),
        "{stderr}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// On any month of incidents (titles with markup in them), the page is
    /// well-formed and every figure on it is the summary's.
    #[test]
    fn any_month_s_page_is_well_formed_and_shows_the_summary(
        incidents in proptest::collection::vec(
            (0..4usize, 0..27u32, 0..600i64, proptest::option::of(1..2000i64), "[a-z<>&\"' ]{0,12}"),
            0..12,
        ),
        releases in 0..30u64,
    ) {
        let severities = [Severity::P1, Severity::P2, Severity::P3, Severity::P4];
        let incidents: Vec<Incident> = incidents
            .iter()
            .enumerate()
            .map(|(i, (severity, day, minute, resolved, title))| {
                let detected = Utc.with_ymd_and_hms(2026, 2, 1 + day, 0, 0, 0).unwrap() + TimeDelta::minutes(*minute);
                let incident = Incident::new(format!("I{i}"), severities[*severity], detected).with_title(title.clone());
                match resolved {
                    Some(after) => incident.with_resolved_at(detected + TimeDelta::minutes(*after)),
                    None => incident,
                }
            })
            .collect();
        let report = EvidenceReport::new("2026-02".parse().unwrap(), &incidents, releases);
        let page = Policy::STANDARD.evidence(&report).unwrap();
        let summary = serde_json::to_value(page.summary()).unwrap();
        let (_, differ) = compare(&parse(&page.to_string()), &summary);
        proptest::prop_assert!(differ.is_empty(), "{:#?}", differ);
    }
}
