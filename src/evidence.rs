//! The auditor's evidence for a month: one self-contained HTML page (inline
//! CSS and SVG, no script, printable to PDF) that an auditor can file, as
//! the standard's "Audit consequences" ask: "Incident metrics show maturity
//! and improvement", "Rollback readiness verifiable through testing
//! records", "Post-mortems demonstrate root-cause analysis discipline".
//!
//! The page holds the month's summary and goals (`ME-1` … `ME-4`, `ME-6`),
//! the trends as SVG charts (`ME-5`), every incident with its obligations
//! at the end of the month (`IN-1` … `IN-5`) and its post-mortem's
//! completeness, every rollback verdict attached (`RB-1` … `RB-7`), the
//! policy with its fingerprint and differences, the control areas
//! evidenced, the crate's version, and the SHA-256 of each input file, so
//! that the page names exactly what it was made from. It reads no clock:
//! the same inputs give the same page, byte for byte.
//!
//! Every figure stands in an element with `data-figure` (its JSON path in
//! the summary, `mttr.mean_secs`) and `data-value` (its JSON value), so
//! that a program checks the page against the summary.
//!
//! ```
//! use incident_response::chrono::{TimeDelta, TimeZone, Utc};
//! use incident_response::evidence::EvidenceReport;
//! use incident_response::{Incident, Policy, Severity};
//!
//! let detected = Utc.with_ymd_and_hms(2026, 1, 12, 9, 0, 0).unwrap();
//! let incidents = [Incident::new("INC-1", Severity::P2, detected)
//!     .with_resolved_at(detected + TimeDelta::minutes(12))];
//! let report = EvidenceReport::new("2026-01".parse()?, &incidents, 4);
//! let page = Policy::STANDARD.evidence(&report)?;
//! let html = page.to_string();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"data-figure="mttr.mean_secs" data-value="720""#));
//! # Ok::<(), incident_response::Error>(())
//! ```

use std::fmt::{self, Write as _};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use crate::controls::ControlArea;
use crate::error::Error;
use crate::incident::{Incident, ObligationStatus, Obligations, Standing};
use crate::metrics::{
    GoalStatus, Month, MonthOfIncidents, MonthlySummary, Release, TrendFigure, Trends,
};
use crate::policy::Policy;
use crate::policy::catalogue::Difference;
use crate::postmortem::PostMortem;
use crate::rollback::RollbackVerdict;
use crate::rule::{ENGINE, RuleId, STANDARD};

/// A file the report was made from: its name as given, its size and its
/// SHA-256 (64 hex digits), which the caller computes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InputFile {
    /// What it is: `incidents`, `releases`, `previous`, `rollback`.
    pub role: String,
    /// Its name, as given: `january.json`.
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its SHA-256, 64 lowercase hex digits.
    pub sha256: String,
}

impl InputFile {
    /// The file `name`, in its `role`, of `bytes` bytes with SHA-256
    /// `sha256`.
    pub fn new(
        role: impl Into<String>,
        name: impl Into<String>,
        bytes: u64,
        sha256: impl Into<String>,
    ) -> Self {
        InputFile {
            role: role.into(),
            name: name.into(),
            bytes,
            sha256: sha256.into(),
        }
    }
}

/// What a month's evidence is made from: the incidents, the releases
/// (a count, or the records), the months before it (for the trends), the
/// rollback verdicts attached, and the input files it names.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceReport<'a> {
    month: Month,
    incidents: &'a [Incident],
    releases: u64,
    records: Option<&'a [Release]>,
    previous: &'a [MonthOfIncidents],
    rollbacks: Vec<(&'a str, &'a RollbackVerdict)>,
    inputs: Vec<InputFile>,
}

impl<'a> EvidenceReport<'a> {
    /// The evidence of `month` from `incidents` (others months' are left
    /// out and counted) and its count of production `releases`.
    pub fn new(month: Month, incidents: &'a [Incident], releases: u64) -> Self {
        EvidenceReport {
            month,
            incidents,
            releases,
            records: None,
            previous: &[],
            rollbacks: Vec::new(),
            inputs: Vec::new(),
        }
    }

    /// The release records in place of the count: DORA's figures.
    #[must_use]
    pub fn with_release_records(mut self, records: &'a [Release]) -> Self {
        self.records = Some(records);
        self
    }

    /// The months before, oldest first, ending the month before: the
    /// trends run over them and this month.
    #[must_use]
    pub fn with_previous(mut self, previous: &'a [MonthOfIncidents]) -> Self {
        self.previous = previous;
        self
    }

    /// A rollback verdict attached, under `name` (the run's file or id).
    #[must_use]
    pub fn with_rollback(mut self, name: &'a str, verdict: &'a RollbackVerdict) -> Self {
        self.rollbacks.push((name, verdict));
        self
    }

    /// An input file the page names with its SHA-256.
    #[must_use]
    pub fn with_input(mut self, file: InputFile) -> Self {
        self.inputs.push(file);
        self
    }
}

/// One incident of the month as the page shows it.
#[derive(Debug, Clone, PartialEq)]
struct IncidentEvidence<'a> {
    incident: &'a Incident,
    obligations: Obligations,
    post_mortem: PostMortem,
}

/// The evidence page of a month: its `Display` is the HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidencePage<'a> {
    report: EvidenceReport<'a>,
    summary: MonthlySummary,
    trends: Trends,
    incidents: Vec<IncidentEvidence<'a>>,
    end: DateTime<Utc>,
    differences: Vec<Difference>,
    custom: bool,
    fingerprint: String,
}

impl EvidencePage<'_> {
    /// The month's summary, as the page shows it.
    pub fn summary(&self) -> &MonthlySummary {
        &self.summary
    }

    /// The trends the page draws: the months before and this one.
    pub fn trends(&self) -> &Trends {
        &self.trends
    }

    /// The moment the obligations are judged at: the first instant of the
    /// next month.
    pub fn judged_at(&self) -> DateTime<Utc> {
        self.end
    }
}

/// The first instant after `month`, UTC.
fn end_of(month: Month) -> DateTime<Utc> {
    let next = month.next();
    let (year, number) = next.map_or((month.year(), 12), |m| (m.year(), m.month()));
    let start = Utc.with_ymd_and_hms(year, number, 1, 0, 0, 0).single();
    match (next, start) {
        (Some(_), Some(start)) => start,
        _ => Utc
            .with_ymd_and_hms(month.year(), 12, 31, 23, 59, 59)
            .single()
            .unwrap_or(DateTime::<Utc>::MAX_UTC),
    }
}

impl Policy {
    /// The evidence page of `report`'s month under this policy: the
    /// summary (from the release records when given), the trends over the
    /// months before and this one, and each incident of the month with its
    /// obligations at the first instant of the next month and its
    /// post-mortem.
    ///
    /// # Errors
    ///
    /// As [`Policy::summarize_month`] and
    /// [`Policy::summarize_month_with_releases`], for this month and each
    /// month before; [`Error::NonConsecutiveMonths`] when the months
    /// before do not lead up to this one.
    pub fn evidence<'a>(&self, report: &EvidenceReport<'a>) -> Result<EvidencePage<'a>, Error> {
        let month = report.month;
        let summary = match report.records {
            Some(records) => {
                self.summarize_month_with_releases(month, report.incidents, records)?
            }
            None => self.summarize_month(month, report.incidents, report.releases)?,
        };
        let mut summaries = Vec::with_capacity(report.previous.len() + 1);
        for before in report.previous {
            summaries.push(self.summarize_month(
                before.month,
                &before.incidents,
                before.releases,
            )?);
        }
        summaries.push(summary.clone());
        let trends = self.trends(&summaries)?;
        let end = end_of(month);
        let mut incidents = Vec::new();
        for incident in report
            .incidents
            .iter()
            .filter(|i| month.contains(i.detected_at))
        {
            incidents.push(IncidentEvidence {
                incident,
                obligations: self.obligations(incident, end)?,
                post_mortem: incident.post_mortem_report()?,
            });
        }
        Ok(EvidencePage {
            report: report.clone(),
            summary,
            trends,
            incidents,
            end,
            differences: self.differences(),
            custom: !self.is_standard(),
            fingerprint: self.fingerprint().to_string(),
        })
    }
}

/// Text made safe for HTML, in an element or a quoted attribute.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&#39;")?,
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// `<td data-figure="path" data-value="json">shown</td>`.
fn figure(f: &mut fmt::Formatter<'_>, path: &str, json: &str, shown: &str) -> fmt::Result {
    write!(
        f,
        r#"<td class="figure" data-figure="{}" data-value="{}">{}</td>"#,
        Escaped(path),
        Escaped(json),
        Escaped(shown)
    )
}

/// A row of the summary: the label, the figure, the rule.
fn row(
    f: &mut fmt::Formatter<'_>,
    label: &str,
    path: &str,
    json: &str,
    shown: &str,
    rule: RuleId,
) -> fmt::Result {
    write!(f, "<tr><th scope=\"row\">{}</th>", Escaped(label))?;
    figure(f, path, json, shown)?;
    writeln!(
        f,
        r##"<td><a class="rule" href="#rule-{rule}">{rule}</a></td></tr>"##
    )
}

/// A duration for people: `25 min`, `4 min 12 s`, `none`.
fn minutes(duration: Option<TimeDelta>) -> String {
    duration.map_or_else(|| "none".to_owned(), |d| crate::text::Span(d).to_string())
}

/// A mean as the standard shows one: `25 min`, `4.2 min`, `none`.
fn mean(duration: Option<TimeDelta>) -> String {
    duration.map_or_else(
        || "none".to_owned(),
        |d| crate::text::SummaryMinutes(d).to_string(),
    )
}

/// A moment, short: `16 Jan 2026 10:00`.
fn moment(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y %H:%M").to_string()
}

/// Whole seconds as JSON: `1500`, or `null`.
fn secs(duration: Option<TimeDelta>) -> String {
    duration.map_or_else(|| "null".to_owned(), |d| d.num_seconds().to_string())
}

/// A share as JSON and for people: `0.0625`, `6.2 %`.
fn share(rate: Option<f64>) -> (String, String) {
    match rate {
        Some(rate) => (
            rate.to_string(),
            format!("{} %", crate::text::Percent(rate)),
        ),
        None => ("null".to_owned(), "none".to_owned()),
    }
}

const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 190mm; padding: 8mm 4mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1.5pt solid #1b1f24; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
p.lead { margin: 0 0 3mm; color: #414a55; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; break-inside: auto; }
th, td { border: 0.5pt solid #b6bec8; padding: 1mm 1.6mm; text-align: left; vertical-align: top; }
thead th { background: #eef1f4; }
tr { break-inside: avoid; }
td.figure { font-variant-numeric: tabular-nums; font-weight: 600; }
.met, .held { color: #1a6b2f; }
.breached, .missed, .broken { color: #a4161a; font-weight: 600; }
.pending, .no_data, .not_applicable { color: #6b5400; }
code, .hash { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 8.5pt; word-break: break-all; }
.charts { display: flex; flex-wrap: wrap; gap: 3mm; }
figure.chart { margin: 0; width: 58mm; break-inside: avoid; }
figure.chart figcaption { font-size: 9pt; font-weight: 600; }
a.rule { color: inherit; }
table.incidents { font-size: 8pt; table-layout: fixed; }
table.incidents td, table.incidents th { padding: 0.8mm 1mm; overflow-wrap: anywhere; }
table.incidents th:nth-child(1) { width: 19%; }
table.incidents th:nth-child(2) { width: 5%; }
table.incidents th:nth-child(3), table.incidents th:nth-child(4) { width: 9%; }
table.incidents th:nth-child(10) { width: 11%; }
table.rules { font-size: 8pt; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #414a55; border-top: 0.5pt solid #b6bec8; padding-top: 2mm; }
"#;

impl fmt::Display for EvidencePage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = self.report.month;
        writeln!(f, "<!DOCTYPE html>")?;
        writeln!(f, r#"<html lang="en">"#)?;
        writeln!(f, "<head>")?;
        writeln!(f, r#"<meta charset="utf-8">"#)?;
        writeln!(
            f,
            "<title>Incident evidence, {} ({STANDARD})</title>",
            month.name()
        )?;
        writeln!(f, "<style>{STYLE}</style>")?;
        writeln!(f, "</head>")?;
        writeln!(f, "<body>")?;
        self.header(f)?;
        self.summary_section(f)?;
        self.trends_section(f)?;
        self.incidents_section(f)?;
        self.rollbacks_section(f)?;
        self.policy_section(f)?;
        self.controls_section(f)?;
        self.inputs_section(f)?;
        rules_section(f)?;
        writeln!(
            f,
            "<footer>Made by {ENGINE} under {STANDARD} ({}, effective {}). Every rule id links to its account in the crate's <code>docs/rules.md</code> and its tests and test vectors in <code>docs/traceability.md</code>; <code>incident-response vectors standard/vectors</code> runs the vectors.</footer>",
            STANDARD.title, STANDARD.effective
        )?;
        writeln!(f, "</body>")?;
        writeln!(f, "</html>")
    }
}

impl EvidencePage<'_> {
    fn header(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = self.report.month;
        writeln!(
            f,
            r#"<h1 data-figure="month" data-value="{month}">Incident evidence: {}</h1>"#,
            month.name()
        )?;
        writeln!(
            f,
            r#"<p class="lead">{STANDARD}, {}. Made by <span data-figure="engine">{ENGINE}</span> from the inputs listed at the end, each with its SHA-256. Obligations are judged at <time>{}</time>, the first instant after the month. The page reads no clock: the same inputs give the same page.</p>"#,
            STANDARD.title,
            self.end.to_rfc3339()
        )?;
        writeln!(
            f,
            r#"<p class="lead">{}</p>"#,
            Escaped(&self.summary.policy.to_string())
        )
    }

    fn summary_section(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.summary;
        writeln!(
            f,
            r#"<section id="summary"><h2>{} Incident Summary</h2>"#,
            self.report.month.name()
        )?;
        writeln!(
            f,
            "<table><thead><tr><th>figure</th><th>value</th><th>rule</th></tr></thead><tbody>"
        )?;
        for (label, path, count) in [
            ("P1 incidents", "incidents.P1", s.incidents.p1),
            ("P2 incidents", "incidents.P2", s.incidents.p2),
            ("P3 incidents", "incidents.P3", s.incidents.p3),
            ("P4 incidents", "incidents.P4", s.incidents.p4),
        ] {
            row(
                f,
                label,
                path,
                &count.to_string(),
                &count.to_string(),
                RuleId::Me1,
            )?;
        }
        let open = s.still_open.to_string();
        row(f, "Still open", "still_open", &open, &open, RuleId::Me1)?;
        let outside = s.outside_month.to_string();
        row(
            f,
            "Left out: detected in another month",
            "outside_month",
            &outside,
            &outside,
            RuleId::Me1,
        )?;
        for (label, path, stats) in [
            ("Total MTTR (mean time to resolve)", "mttr", &s.mttr),
            ("Total MTTD (mean time to detect)", "mttd", &s.mttd),
            (
                "Detection → Resolution",
                "detection_to_resolution",
                &s.detection_to_resolution,
            ),
            ("P2 MTTR", "p2_mttr", &s.p2_mttr),
        ] {
            let confidence = if stats.low_confidence {
                ", low confidence"
            } else {
                ""
            };
            let shown = format!("{} (n = {}{confidence})", mean(stats.mean), stats.n);
            row(
                f,
                label,
                &format!("{path}.mean_secs"),
                &secs(stats.mean),
                &shown,
                RuleId::Me2,
            )?;
            row(
                f,
                "  median",
                &format!("{path}.median_secs"),
                &secs(stats.median),
                &minutes(stats.median),
                RuleId::Me2,
            )?;
            row(
                f,
                "  p90",
                &format!("{path}.p90_secs"),
                &secs(stats.p90),
                &minutes(stats.p90),
                RuleId::Me2,
            )?;
            row(
                f,
                "  sample size",
                &format!("{path}.n"),
                &stats.n.to_string(),
                &stats.n.to_string(),
                RuleId::Me2,
            )?;
        }
        let r = &s.rollbacks;
        row(
            f,
            "Rollback count",
            "rollbacks.attempted",
            &r.attempted.to_string(),
            &r.attempted.to_string(),
            RuleId::Me3,
        )?;
        row(
            f,
            "Rollbacks successful",
            "rollbacks.succeeded",
            &r.succeeded.to_string(),
            &r.succeeded.to_string(),
            RuleId::Me3,
        )?;
        let (rate, shown) = share(r.success_rate);
        row(
            f,
            "Rollback success rate",
            "rollbacks.success_rate",
            &rate,
            &shown,
            RuleId::Me3,
        )?;
        row(
            f,
            "Rollback time (average)",
            "rollbacks.mean_secs",
            &secs(r.mean),
            &mean(r.mean),
            RuleId::Me3,
        )?;
        let items = s.open_action_items.to_string();
        row(
            f,
            "Open action items from post-mortems",
            "open_action_items",
            &items,
            &items,
            RuleId::Me4,
        )?;
        let releases = s.releases.to_string();
        row(
            f,
            "Production releases",
            "releases",
            &releases,
            &releases,
            RuleId::Me4,
        )?;
        let (rate, shown) = share(s.change_failure_rate);
        let label = if s.delivery.is_some() {
            "Change failure rate (DORA, from release records)"
        } else {
            "Change failure rate (from a count of releases)"
        };
        row(f, label, "change_failure_rate", &rate, &shown, RuleId::Me4)?;
        let failed = s.failed_releases.to_string();
        row(
            f,
            "Failed releases",
            "failed_releases",
            &failed,
            &failed,
            RuleId::Me4,
        )?;
        if let Some(d) = &s.delivery {
            let deployed = d.deployments.to_string();
            row(
                f,
                "Deployments (release records)",
                "delivery.deployments",
                &deployed,
                &deployed,
                RuleId::Me4,
            )?;
            let days = d.deployment_days.to_string();
            row(
                f,
                "Days with a deployment",
                "delivery.deployment_days",
                &days,
                &days,
                RuleId::Me4,
            )?;
            row(
                f,
                "Deployments a week",
                "delivery.per_week",
                &d.per_week.to_string(),
                &format!("{:.2}", d.per_week),
                RuleId::Me4,
            )?;
            row(
                f,
                "Failed-deployment recovery time, deploy → restoration (median)",
                "delivery.recovery.median_secs",
                &secs(d.recovery.median),
                &minutes(d.recovery.median),
                RuleId::Me4,
            )?;
            row(
                f,
                "Failed-deployment recovery time, deploy → restoration (p90)",
                "delivery.recovery.p90_secs",
                &secs(d.recovery.p90),
                &minutes(d.recovery.p90),
                RuleId::Me4,
            )?;
            row(
                f,
                "Failed deployments recovered",
                "delivery.recovery.n",
                &d.recovery.n.to_string(),
                &d.recovery.n.to_string(),
                RuleId::Me4,
            )?;
        }
        writeln!(f, "</tbody></table>")?;
        if let Some(note) = &s.change_failure_note {
            writeln!(f, "<p>Change failure rate: {}.</p>", Escaped(note))?;
        }
        if let Some(d) = &s.delivery {
            writeln!(f, "<h3>Failed releases</h3>")?;
            if d.failed.is_empty() {
                writeln!(
                    f,
                    "<p>None of the month's deployments caused an incident.</p>"
                )?;
            } else {
                writeln!(
                    f,
                    "<table><thead><tr><th>release</th><th>service</th><th>deployed</th><th>incidents</th><th>recovered in (deploy → restoration)</th></tr></thead><tbody>"
                )?;
                for release in &d.failed {
                    writeln!(
                        f,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        Escaped(&release.id),
                        Escaped(release.service.as_deref().unwrap_or("—")),
                        release.deployed_at.to_rfc3339(),
                        Escaped(&release.incidents.join(", ")),
                        Escaped(&release.recovered_in.map_or_else(
                            || "not yet".to_owned(),
                            |d| crate::text::Span(d).to_string()
                        ))
                    )?;
                }
                writeln!(f, "</tbody></table>")?;
            }
        }
        let g = &s.goals;
        writeln!(
            f,
            "<h3>Goals (<a class=\"rule\" href=\"#rule-ME-6\">ME-6</a>): \"{}\"</h3>",
            Escaped(RuleId::Me6.quote())
        )?;
        writeln!(f, "<table><tbody>")?;
        let zero = goal_name(g.zero_p1);
        write!(
            f,
            "<tr><th scope=\"row\">Zero P1 incidents ({} P1)</th>",
            g.p1_incidents
        )?;
        write!(
            f,
            r#"<td class="figure {zero}" data-figure="goals.zero_p1" data-value="{zero}">{zero}</td>"#
        )?;
        writeln!(f, "</tr>")?;
        let p2 = goal_name(g.p2_mttr);
        write!(
            f,
            "<tr><th scope=\"row\">&lt;{} MTTR for P2 ({})</th>",
            minutes(Some(g.p2_mttr_goal)),
            mean(s.p2_mttr.mean)
        )?;
        write!(
            f,
            r#"<td class="figure {p2}" data-figure="goals.p2_mttr" data-value="{p2}">{p2}</td>"#
        )?;
        writeln!(f, "</tr></tbody></table></section>")
    }

    fn trends_section(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let months: Vec<String> = self.trends.months.iter().map(ToString::to_string).collect();
        writeln!(
            f,
            r##"<section id="trends"><h2>Trends (<a class="rule" href="#rule-ME-5">ME-5</a>): {}</h2><div class="charts">"##,
            Escaped(&months.join(" → "))
        )?;
        for line in &self.trends.lines {
            chart(
                f,
                line.figure(),
                &line.values().collect::<Vec<_>>(),
                &months,
                line.figure().words(line.direction()),
            )?;
        }
        writeln!(f, "</div></section>")
    }

    fn incidents_section(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            r#"<section id="incidents"><h2>Incidents and their obligations (IN-1 … IN-5)</h2><p>At <time>{}</time>. Post-mortems: complete when nothing IN-4 and IN-5 require is missing.</p>"#,
            self.end.to_rfc3339()
        )?;
        if self.incidents.is_empty() {
            return writeln!(f, "<p>No incident was detected in the month.</p></section>");
        }
        writeln!(
            f,
            r#"<table class="incidents"><thead><tr><th>incident</th><th>sev.</th><th>detected</th><th>resolved in</th>"#
        )?;
        for rule in [
            RuleId::In1,
            RuleId::In2,
            RuleId::In3,
            RuleId::In4,
            RuleId::In5,
        ] {
            write!(
                f,
                r##"<th><a class="rule" href="#rule-{rule}">{rule}</a></th>"##
            )?;
        }
        writeln!(
            f,
            "<th>post-mortem</th><th>release, rollback</th></tr></thead><tbody>"
        )?;
        for evidence in &self.incidents {
            let incident = evidence.incident;
            let title = match incident.title.as_deref() {
                Some(title) => format!("{}: {title}", incident.id),
                None => incident.id.clone(),
            };
            write!(
                f,
                r#"<tr data-incident="{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"#,
                Escaped(&incident.id),
                Escaped(&title),
                incident.severity,
                moment(incident.detected_at),
                Escaped(
                    &evidence
                        .post_mortem
                        .resolved_in
                        .map_or_else(|| "open".to_owned(), |d| minutes(Some(d)))
                )
            )?;
            for obligation in evidence.obligations.iter() {
                let status = status_name(obligation.status());
                let shown = match obligation.standing() {
                    Standing::Breached { late_by } => {
                        format!("{status} ({} late)", crate::text::Span(late_by))
                    }
                    Standing::NotApplicable(_) => "n/a".to_owned(),
                    _ => status.to_owned(),
                };
                write!(
                    f,
                    r#"<td class="{status}" data-obligation="{}" data-value="{status}">{}</td>"#,
                    obligation.rule(),
                    Escaped(&shown)
                )?;
            }
            let missing: Vec<&str> = evidence
                .post_mortem
                .missing
                .iter()
                .map(|m| m.what)
                .collect();
            if missing.is_empty() {
                write!(
                    f,
                    r#"<td class="met" data-post-mortem="complete">complete</td>"#
                )?;
            } else {
                write!(
                    f,
                    r#"<td class="breached" data-post-mortem="incomplete">missing: {}</td>"#,
                    Escaped(&missing.join(", "))
                )?;
            }
            let rollback = incident.rollback.map(|r| match r.succeeded {
                Some(true) => "rolled back",
                Some(false) => "rollback failed",
                None => "rollback, outcome unknown",
            });
            let shown: Vec<&str> = incident
                .release
                .as_deref()
                .into_iter()
                .chain(rollback)
                .collect();
            writeln!(f, "<td>{}</td></tr>", Escaped(&shown.join("; ")))?;
        }
        let breached = self
            .incidents
            .iter()
            .flat_map(|e| e.obligations.iter())
            .filter(|o| o.status() == ObligationStatus::Breached)
            .count();
        writeln!(
            f,
            r#"</tbody></table><p>Obligations breached: <strong data-count="obligations-breached">{breached}</strong>.</p></section>"#
        )
    }

    fn rollbacks_section(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            r#"<section id="rollbacks"><h2>Rollback verdicts (RB-1 … RB-7)</h2>"#
        )?;
        if self.report.rollbacks.is_empty() {
            return writeln!(
                f,
                "<p>No rollback run was attached to this report.</p></section>"
            );
        }
        for (name, verdict) in &self.report.rollbacks {
            let result = if verdict.succeeded() {
                "succeeded"
            } else {
                "failed"
            };
            writeln!(
                f,
                r#"<h3 data-rollback="{}" data-value="{result}">{}: {result}, in {}</h3>"#,
                Escaped(name),
                Escaped(name),
                crate::text::Span(verdict.duration())
            )?;
            writeln!(f, "<table><tbody>")?;
            for check in verdict.checks() {
                let (class, mark) = if check.held {
                    ("held", "✓")
                } else {
                    ("broken", "✗")
                };
                writeln!(
                    f,
                    r##"<tr><td class="{class}">{mark}</td><td><a class="rule" href="#rule-{rule}">{rule}</a> {}</td><td>{}</td></tr>"##,
                    Escaped(check.rule.rule()),
                    Escaped(&check.found),
                    rule = check.rule
                )?;
            }
            writeln!(f, "</tbody></table>")?;
        }
        writeln!(f, "</section>")
    }

    fn policy_section(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, r#"<section id="policy"><h2>Policy</h2>"#)?;
        let kind = if self.custom {
            "a custom policy"
        } else {
            "the standard"
        };
        writeln!(
            f,
            r#"<p>Applied: {kind} on {STANDARD}, fingerprint <code data-figure="policy.fingerprint" data-value="{}">{}</code>.</p>"#,
            self.fingerprint, self.fingerprint
        )?;
        if self.differences.is_empty() {
            return writeln!(f, "<p>Every value is the standard's.</p></section>");
        }
        writeln!(
            f,
            "<table><thead><tr><th>value</th><th>the policy's</th><th>the standard's</th></tr></thead><tbody>"
        )?;
        for difference in &self.differences {
            writeln!(
                f,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                Escaped(&difference.field.to_string()),
                Escaped(&difference.value.to_string()),
                Escaped(&difference.standard.to_string())
            )?;
        }
        writeln!(f, "</tbody></table></section>")
    }

    fn controls_section(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            r#"<section id="controls"><h2>Control areas evidenced</h2><p>The standard's control mapping, and what on this page evidences each row.</p>"#
        )?;
        writeln!(
            f,
            "<table><thead><tr><th>EATGF control</th><th>ISO 27001:2022</th><th>NIST SSDF</th><th>COBIT 2019</th><th>OWASP</th><th>evidenced here by</th></tr></thead><tbody>"
        )?;
        let rollbacks = self.summary.rollbacks.attempted + self.report.rollbacks.len() as u64;
        for area in ControlArea::ALL {
            let by = match area {
                ControlArea::IncidentResponse => format!(
                    "incidents with their obligations and post-mortems: {}",
                    self.incidents.len()
                ),
                ControlArea::BusinessContinuity => format!(
                    "rollback verdicts attached: {} (the <10 min objective, RB-6)",
                    self.report.rollbacks.len()
                ),
                ControlArea::ChangeRecovery => format!(
                    "rollbacks, the incidents' and the verdicts': {rollbacks}; the change failure rate"
                ),
                ControlArea::MetricsAndReporting => "the summary, goals and trends".to_owned(),
            };
            let list = |refs: &[&str]| {
                if refs.is_empty() {
                    "N/A".to_owned()
                } else {
                    refs.join(", ")
                }
            };
            writeln!(
                f,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                Escaped(area.name()),
                Escaped(&list(area.iso_27001())),
                Escaped(&list(area.nist_ssdf())),
                Escaped(&list(area.cobit_2019())),
                Escaped(&list(area.owasp_samm())),
                Escaped(&by)
            )?;
        }
        writeln!(f, "</tbody></table></section>")
    }

    fn inputs_section(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, r#"<section id="inputs"><h2>Made from</h2>"#)?;
        if self.report.inputs.is_empty() {
            return writeln!(f, "<p>No input file was named.</p></section>");
        }
        writeln!(
            f,
            "<table><thead><tr><th>input</th><th>file</th><th>bytes</th><th>SHA-256</th></tr></thead><tbody>"
        )?;
        for input in &self.report.inputs {
            writeln!(
                f,
                r#"<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class="hash" data-sha256="{}">{}</td></tr>"#,
                Escaped(&input.role),
                Escaped(&input.name),
                input.bytes,
                Escaped(&input.sha256),
                Escaped(&input.sha256)
            )?;
        }
        writeln!(f, "</tbody></table></section>")
    }
}

/// Every rule the page cites, with the standard's words and the rule as
/// the crate applies it: the targets of its links.
fn rules_section(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    writeln!(
        f,
        r#"<section id="rules"><h2>The rules, as applied</h2><table class="rules"><thead><tr><th>rule</th><th>the standard's words</th><th>rule as applied</th></tr></thead><tbody>"#
    )?;
    for rule in RuleId::ALL {
        writeln!(
            f,
            r#"<tr id="rule-{rule}"><td>{rule}</td><td>“{}”</td><td>{}</td></tr>"#,
            Escaped(rule.quote()),
            Escaped(rule.rule())
        )?;
    }
    writeln!(f, "</tbody></table></section>")
}

/// One trend line as an SVG chart: a point per month, joined, each with
/// its value; a month without a value leaves a gap.
fn chart(
    f: &mut fmt::Formatter<'_>,
    figure: TrendFigure,
    values: &[Option<i64>],
    months: &[String],
    words: &str,
) -> fmt::Result {
    const WIDTH: i64 = 220;
    const HEIGHT: i64 = 110;
    const LEFT: i64 = 14;
    const TOP: i64 = 18;
    const PLOT: i64 = 62;
    let seconds = matches!(
        figure,
        TrendFigure::Mttr | TrendFigure::DetectionToResolution
    );
    let shown = |value: i64| {
        if seconds {
            minutes(TimeDelta::try_seconds(value))
        } else {
            value.to_string()
        }
    };
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1);
    let count = i64::try_from(values.len()).unwrap_or(1).max(1);
    let step = if count > 1 {
        (WIDTH - 2 * LEFT) / (count - 1)
    } else {
        0
    };
    let x = |i: usize| {
        LEFT + i64::try_from(i).unwrap_or(0) * step
            + if count == 1 {
                (WIDTH - 2 * LEFT) / 2
            } else {
                0
            }
    };
    let y = |v: i64| TOP + PLOT - v.saturating_mul(PLOT) / max;
    writeln!(
        f,
        r#"<figure class="chart" data-trend="{}"><figcaption>{} ({})</figcaption>"#,
        Escaped(&serde_plain(figure)),
        Escaped(figure.label()),
        Escaped(words)
    )?;
    writeln!(
        f,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="{}"><title>{}</title>"#,
        Escaped(figure.label()),
        Escaped(figure.label())
    )?;
    writeln!(
        f,
        r##"<line x1="{LEFT}" y1="{}" x2="{}" y2="{}" stroke="#b6bec8" stroke-width="1"/>"##,
        TOP + PLOT,
        WIDTH - LEFT,
        TOP + PLOT
    )?;
    let mut segment = String::new();
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => {
                let _ = write!(segment, "{},{} ", x(i), y(*v));
            }
            None => {
                polyline(f, &segment)?;
                segment.clear();
            }
        }
    }
    polyline(f, &segment)?;
    for (i, (value, month)) in values.iter().zip(months).enumerate() {
        if let Some(v) = value {
            writeln!(
                f,
                r##"<circle cx="{}" cy="{}" r="2.6" fill="#1b1f24"/><text x="{}" y="{}" font-size="8" text-anchor="middle" data-value="{v}">{}</text>"##,
                x(i),
                y(*v),
                x(i),
                y(*v) - 5,
                Escaped(&shown(*v))
            )?;
        }
        writeln!(
            f,
            r##"<text x="{}" y="{}" font-size="7.5" text-anchor="middle" fill="#414a55">{}</text>"##,
            x(i),
            HEIGHT - 12,
            Escaped(month)
        )?;
    }
    writeln!(f, "</svg></figure>")
}

/// A goal's standing as JSON names it: `met`, `missed`, `no_data`.
const fn goal_name(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Met => "met",
        GoalStatus::Missed => "missed",
        GoalStatus::NoData => "no_data",
    }
}

/// An obligation's status as JSON names it: `met`, `breached`, `pending`,
/// `not_applicable`.
const fn status_name(status: ObligationStatus) -> &'static str {
    match status {
        ObligationStatus::Met => "met",
        ObligationStatus::Breached => "breached",
        ObligationStatus::Pending => "pending",
        ObligationStatus::NotApplicable => "not_applicable",
    }
}

/// A polyline through `points`, if any.
fn polyline(f: &mut fmt::Formatter<'_>, points: &str) -> fmt::Result {
    if points.is_empty() {
        return Ok(());
    }
    writeln!(
        f,
        r##"<polyline points="{}" fill="none" stroke="#1f5fae" stroke-width="1.6"/>"##,
        points.trim_end()
    )
}

/// A trend figure's JSON name: `p1_incidents`.
fn serde_plain(figure: TrendFigure) -> String {
    match figure {
        TrendFigure::P1Incidents => "p1_incidents",
        TrendFigure::Mttr => "mttr",
        TrendFigure::DetectionToResolution => "detection_to_resolution",
        TrendFigure::OpenActionItems => "open_action_items",
        TrendFigure::Releases => "releases",
    }
    .to_owned()
}
