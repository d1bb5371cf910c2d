//! The country's national migration data system as the profile records it: the agencies that
//! hold migration data (`[[agency]]`) and the instruments they run (`[[instrument]]`), with the
//! recommended topics each instrument collects, and the review status of each section.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the profile says about its data-system entries as a whole.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSystem {
    /// The agencies and instruments are an illustration, not the country's real data system:
    /// every output that shows them says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    /// A note printed with the assessment (who compiled it, when, from what).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Kinds of national agency that hold migration data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    StatisticsOffice,
    InteriorMinistry,
    LabourMinistry,
    BorderService,
    CentralBank,
    RefugeeAuthority,
    ForeignAffairs,
    HumanRightsInstitution,
    Other,
}

impl AgencyKind {
    pub fn label(self) -> &'static str {
        match self {
            AgencyKind::StatisticsOffice => "statistics office",
            AgencyKind::InteriorMinistry => "interior ministry",
            AgencyKind::LabourMinistry => "labour ministry",
            AgencyKind::BorderService => "border or immigration service",
            AgencyKind::CentralBank => "central bank",
            AgencyKind::RefugeeAuthority => "refugee or asylum authority",
            AgencyKind::ForeignAffairs => "foreign affairs ministry",
            AgencyKind::HumanRightsInstitution => "national human-rights institution",
            AgencyKind::Other => "other agency",
        }
    }

    /// The registry provider (a kind of national producer, family government) whose name a
    /// contribution of this agency is filed under when the agency names none.
    pub fn default_provider(self) -> &'static str {
        match self {
            AgencyKind::StatisticsOffice => "gov_nso_register",
            AgencyKind::InteriorMinistry => "gov_interior_permits",
            AgencyKind::LabourMinistry => "gov_labour_ministry",
            AgencyKind::BorderService => "gov_border_agency",
            AgencyKind::CentralBank => "gov_central_bank",
            AgencyKind::RefugeeAuthority => "gov_refugee_commission",
            AgencyKind::ForeignAffairs => "gov_foreign_affairs",
            AgencyKind::HumanRightsInstitution | AgencyKind::Other => "gov_migration_policy_body",
        }
    }
}

/// State of a data-sharing agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    None,
    Negotiating,
    Signed,
    Expired,
}

impl AgreementStatus {
    pub fn label(self) -> &'static str {
        match self {
            AgreementStatus::None => "none",
            AgreementStatus::Negotiating => "under negotiation",
            AgreementStatus::Signed => "signed",
            AgreementStatus::Expired => "expired",
        }
    }
}

/// A data-sharing agreement between the agency and the profile's working group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub status: AgreementStatus,
    /// `YYYY-MM-DD` of signature (or of the last step).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A national agency that holds migration data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Local id used by instruments and actions, e.g. `inegi`.
    pub id: String,
    pub name: String,
    pub kind: AgencyKind,
    /// Its role in migration data ("produces the census and the labour force survey").
    pub role: String,
    /// Who to write to, as a role ("Director of socio-demographic statistics"): never a person's
    /// private details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Registry provider its contributions are filed under (default: by kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
}

impl Agency {
    pub fn provider_id(&self) -> &str {
        self.provider
            .as_deref()
            .unwrap_or_else(|| self.kind.default_provider())
    }
}

/// Kinds of data-collection instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    Census,
    LabourForceSurvey,
    HouseholdSurvey,
    PopulationRegister,
    ResidencePermits,
    WorkPermits,
    VisaSystem,
    BorderRecords,
    AsylumRecords,
    ConsularRegistration,
    BalanceOfPayments,
    Other,
}

impl InstrumentKind {
    pub fn label(self) -> &'static str {
        match self {
            InstrumentKind::Census => "population and housing census",
            InstrumentKind::LabourForceSurvey => "labour force survey",
            InstrumentKind::HouseholdSurvey => "household survey",
            InstrumentKind::PopulationRegister => "population register",
            InstrumentKind::ResidencePermits => "residence-permit system",
            InstrumentKind::WorkPermits => "work-permit system",
            InstrumentKind::VisaSystem => "visa system",
            InstrumentKind::BorderRecords => "border records",
            InstrumentKind::AsylumRecords => "asylum records",
            InstrumentKind::ConsularRegistration => "consular registration",
            InstrumentKind::BalanceOfPayments => "balance of payments",
            InstrumentKind::Other => "other instrument",
        }
    }

    /// The registry provider whose `covers` list says which indicators an instrument of this
    /// kind can produce (`None`: no kind in the registry).
    pub fn provider(self) -> Option<&'static str> {
        Some(match self {
            InstrumentKind::Census => "gov_nso_census",
            InstrumentKind::LabourForceSurvey => "gov_nso_lfs",
            InstrumentKind::HouseholdSurvey => "gov_nso_household_survey",
            InstrumentKind::PopulationRegister => "gov_nso_register",
            InstrumentKind::ResidencePermits | InstrumentKind::VisaSystem => "gov_interior_permits",
            InstrumentKind::WorkPermits => "gov_labour_ministry",
            InstrumentKind::BorderRecords => "gov_border_agency",
            InstrumentKind::AsylumRecords => "gov_refugee_commission",
            InstrumentKind::ConsularRegistration => "gov_foreign_affairs",
            InstrumentKind::BalanceOfPayments => "gov_central_bank",
            InstrumentKind::Other => return None,
        })
    }
}

/// Who may use an instrument's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    PublicTables,
    Microdata,
    Restricted,
}

impl Access {
    pub fn label(self) -> &'static str {
        match self {
            Access::PublicTables => "public tables",
            Access::Microdata => "microdata",
            Access::Restricted => "restricted",
        }
    }
}

/// Whether an instrument collects a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    Collected,
    Partly,
    Not,
    Unknown,
}

impl Coverage {
    pub fn id(self) -> &'static str {
        match self {
            Coverage::Collected => "collected",
            Coverage::Partly => "partly",
            Coverage::Not => "not",
            Coverage::Unknown => "unknown",
        }
    }
}

/// A data-collection instrument: a census, a survey, a register or an administrative system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Local id, e.g. `enoe`.
    pub id: String,
    pub name: String,
    pub kind: InstrumentKind,
    /// Id of the owning `[[agency]]`.
    pub agency: String,
    /// "every 10 years", "quarterly", "continuous".
    pub periodicity: String,
    /// The latest round or reference period (`2020`, `2024-Q2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_round: Option<String>,
    pub access: Access,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// Recommended topics (ids of `indicators/topics.toml`) and whether it collects each; a
    /// topic not listed is unknown.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub topics: BTreeMap<String, Coverage>,
}

impl Instrument {
    pub fn coverage(&self, topic: &str) -> Coverage {
        self.topics.get(topic).copied().unwrap_or(Coverage::Unknown)
    }
}

/// Where a section is in the working group's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Draft,
    Submitted,
    Validated,
}

impl ReviewStatus {
    pub fn id(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::Submitted => "submitted",
            ReviewStatus::Validated => "validated",
        }
    }
}

/// The review status of one section (`[review."A.2"]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub status: ReviewStatus,
    /// Who set the status (a role or a body: "Technical working group").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// How far an action of the data action plan has got (carried over to the next edition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Planned,
    #[serde(alias = "under way")]
    UnderWay,
    Done,
}

impl ActionStatus {
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::UnderWay => "under way",
            ActionStatus::Done => "done",
        }
    }
}
