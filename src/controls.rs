//! The standard's "Control Mapping" table as data: each control area with
//! its ISO 27001:2022, NIST SSDF, COBIT 2019 and OWASP SAMM references.
//!
//! > | EATGF Control       | ISO 27001:2022         | NIST SSDF      | COBIT 2019   | OWASP   |
//! > | ------------------- | ---------------------- | -------------- | ------------ | ------- |
//! > | Incident Response   | A.5.26, A.6.10, A.16.1 | PO.1.2, PO.3.2 | DSS06, MEA01 | SAMM IM |
//! > | Business Continuity | A.8.36, A.8.37         | N/A            | BAI04.05     | SAMM IM |
//! > | Change Recovery     | A.8.32                 | PW.5           | BAI07        | SAMM IM |
//! > | Metrics & Reporting | A.8.17, A.6.7          | N/A            | MEA01        | SAMM IM |
//!
//! Every rule belongs to one area ([`RuleId::control_area`](crate::RuleId::control_area)),
//! so that an obligation, a decision or a post-mortem can cite the controls
//! it evidences.
//!
//! **Where the standard's table slips**: it lists A.16.1 under ISO
//! 27001:2022, but A.16.1 ("Management of information security incidents
//! and improvements") is a clause of the 2013 edition, whose incident
//! controls the 2022 edition moved to A.5.24 … A.5.28 and A.6.8. The crate keeps
//! the standard's words and marks the reference wherever it shows it
//! ([`ControlArea::iso_27001_note`]).
//!
//! **Interpretation**: the standard maps areas to references but not rules
//! to areas. The crate files each rule under the area its purpose names:
//! severities and incident obligations under Incident Response, the
//! rollback decision, the release gate and the post-deploy watch under
//! Change Recovery, rollback runs (restoring service within the objective)
//! under Business Continuity, and the metrics under Metrics & Reporting.
//!
//! ```
//! use incident_response::controls::ControlArea;
//! use incident_response::RuleId;
//!
//! let area = RuleId::In1.control_area();
//! assert_eq!(area, ControlArea::IncidentResponse);
//! assert_eq!(
//!     area.to_string(),
//!     "Incident Response: ISO 27001:2022 A.5.26, A.6.10, A.16.1 (A.16.1 is a clause of ISO 27001:2013, kept as the standard lists it); NIST SSDF PO.1.2, PO.3.2; COBIT 2019 DSS06, MEA01; OWASP SAMM IM",
//! );
//! ```

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A row of the standard's "Control Mapping" table.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ControlArea {
    /// "Incident Response": ISO 27001:2022 A.5.26, A.6.10, A.16.1; NIST SSDF
    /// PO.1.2, PO.3.2; COBIT 2019 DSS06, MEA01; OWASP SAMM IM.
    IncidentResponse,
    /// "Business Continuity": ISO 27001:2022 A.8.36, A.8.37; COBIT 2019
    /// BAI04.05; OWASP SAMM IM.
    BusinessContinuity,
    /// "Change Recovery": ISO 27001:2022 A.8.32; NIST SSDF PW.5; COBIT 2019
    /// BAI07; OWASP SAMM IM.
    ChangeRecovery,
    /// "Metrics & Reporting": ISO 27001:2022 A.8.17, A.6.7; COBIT 2019
    /// MEA01; OWASP SAMM IM.
    MetricsAndReporting,
}

impl ControlArea {
    /// Every area, in the order of the standard's table.
    pub const ALL: [ControlArea; 4] = [
        ControlArea::IncidentResponse,
        ControlArea::BusinessContinuity,
        ControlArea::ChangeRecovery,
        ControlArea::MetricsAndReporting,
    ];

    /// The area's name in the table: "Incident Response".
    pub const fn name(self) -> &'static str {
        match self {
            ControlArea::IncidentResponse => "Incident Response",
            ControlArea::BusinessContinuity => "Business Continuity",
            ControlArea::ChangeRecovery => "Change Recovery",
            ControlArea::MetricsAndReporting => "Metrics & Reporting",
        }
    }

    /// The ISO 27001:2022 Annex A controls.
    pub const fn iso_27001(self) -> &'static [&'static str] {
        match self {
            ControlArea::IncidentResponse => &["A.5.26", "A.6.10", "A.16.1"],
            ControlArea::BusinessContinuity => &["A.8.36", "A.8.37"],
            ControlArea::ChangeRecovery => &["A.8.32"],
            ControlArea::MetricsAndReporting => &["A.8.17", "A.6.7"],
        }
    }

    /// What is wrong with the standard's ISO 27001:2022 references of the
    /// area, if anything: Incident Response lists A.16.1, a clause of the
    /// 2013 edition.
    pub const fn iso_27001_note(self) -> Option<&'static str> {
        match self {
            ControlArea::IncidentResponse => {
                Some("A.16.1 is a clause of ISO 27001:2013, kept as the standard lists it")
            }
            ControlArea::BusinessContinuity
            | ControlArea::ChangeRecovery
            | ControlArea::MetricsAndReporting => None,
        }
    }

    /// The NIST SSDF practices; empty where the table says "N/A".
    pub const fn nist_ssdf(self) -> &'static [&'static str] {
        match self {
            ControlArea::IncidentResponse => &["PO.1.2", "PO.3.2"],
            ControlArea::ChangeRecovery => &["PW.5"],
            ControlArea::BusinessContinuity | ControlArea::MetricsAndReporting => &[],
        }
    }

    /// The COBIT 2019 objectives.
    pub const fn cobit_2019(self) -> &'static [&'static str] {
        match self {
            ControlArea::IncidentResponse => &["DSS06", "MEA01"],
            ControlArea::BusinessContinuity => &["BAI04.05"],
            ControlArea::ChangeRecovery => &["BAI07"],
            ControlArea::MetricsAndReporting => &["MEA01"],
        }
    }

    /// The OWASP SAMM practices.
    pub const fn owasp_samm(self) -> &'static [&'static str] {
        &["IM"]
    }
}

/// `Incident Response: ISO 27001:2022 A.5.26, …; NIST SSDF …; COBIT 2019
/// …; OWASP SAMM IM`, leaving out a framework the table marks "N/A".
impl fmt::Display for ControlArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.name())?;
        let frameworks = [
            ("ISO 27001:2022", self.iso_27001()),
            ("NIST SSDF", self.nist_ssdf()),
            ("COBIT 2019", self.cobit_2019()),
            ("OWASP SAMM", self.owasp_samm()),
        ];
        let mut first = true;
        for (framework, references) in frameworks {
            if references.is_empty() {
                continue;
            }
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(f, "{framework} {}", references.join(", "))?;
            if let (true, Some(note)) = (framework.starts_with("ISO"), self.iso_27001_note()) {
                write!(f, " ({note})")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_table_prints_as_the_standard_lists_it() {
        let rows: Vec<String> = ControlArea::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(
            rows,
            [
                "Incident Response: ISO 27001:2022 A.5.26, A.6.10, A.16.1 (A.16.1 is a clause of ISO 27001:2013, kept as the standard lists it); NIST SSDF PO.1.2, PO.3.2; COBIT 2019 DSS06, MEA01; OWASP SAMM IM",
                "Business Continuity: ISO 27001:2022 A.8.36, A.8.37; COBIT 2019 BAI04.05; OWASP SAMM IM",
                "Change Recovery: ISO 27001:2022 A.8.32; NIST SSDF PW.5; COBIT 2019 BAI07; OWASP SAMM IM",
                "Metrics & Reporting: ISO 27001:2022 A.8.17, A.6.7; COBIT 2019 MEA01; OWASP SAMM IM",
            ]
        );
    }
}
