//! The catalogue of recommended migration topics (`indicators/topics.toml`), loaded like the
//! indicator catalogue: the repository's copy is embedded; a catalogue directory with a
//! `topics.toml` overrides it.

use crate::catalogue::Catalogue;
use crate::error::DataError;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::OnceLock;

pub const TOPICS_FILE: &str = "topics.toml";
const EMBEDDED_TOPICS: &str = include_str!("../../indicators/topics.toml");

/// The recommendations a topic comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    #[serde(rename = "un_1998")]
    Un1998,
    #[serde(rename = "un_2021")]
    Un2021,
    CensusCore,
    CensusAdditional,
    #[serde(rename = "ilo_2018")]
    Ilo2018,
}

impl Recommendation {
    pub fn label(self) -> &'static str {
        match self {
            Recommendation::Un1998 => {
                "UN Recommendations on Statistics of International Migration, Rev.1 (1998)"
            }
            Recommendation::Un2021 => {
                "UN Expert Group on Migration Statistics, conceptual framework (2021)"
            }
            Recommendation::CensusCore => {
                "UN Principles and Recommendations for Population and Housing Censuses, Rev.3: core topic"
            }
            Recommendation::CensusAdditional => {
                "UN Principles and Recommendations for Population and Housing Censuses, Rev.3: additional topic"
            }
            Recommendation::Ilo2018 => {
                "ILO Guidelines concerning statistics of international labour migration (2018)"
            }
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Recommendation::Un1998 => "UN 1998",
            Recommendation::Un2021 => "UN 2021",
            Recommendation::CensusCore => "census core",
            Recommendation::CensusAdditional => "census additional",
            Recommendation::Ilo2018 => "ILO 2018",
        }
    }
}

/// One recommended topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub definition: String,
    pub from: Vec<Recommendation>,
    /// Catalogue indicators that need it.
    pub indicators: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    #[serde(default)]
    topic: Vec<Topic>,
}

/// The topics, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Topics {
    pub topics: Vec<Topic>,
}

impl Topics {
    pub fn from_str(text: &str, name: &str) -> Result<Topics, DataError> {
        let f: TopicsFile = toml::from_str(text).map_err(|e| DataError::toml(name, text, e))?;
        let mut seen = std::collections::BTreeSet::new();
        for t in &f.topic {
            if !seen.insert(t.id.as_str()) {
                return Err(DataError::Io {
                    path: name.to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("topic `{}` is defined twice", t.id),
                    ),
                });
            }
        }
        Ok(Topics { topics: f.topic })
    }

    /// The copy built into the binary.
    pub fn embedded() -> Result<Topics, DataError> {
        Topics::from_str(EMBEDDED_TOPICS, "indicators/topics.toml")
    }

    /// The embedded copy, parsed once.
    pub fn builtin() -> Result<&'static Topics, DataError> {
        static CELL: OnceLock<Result<Topics, String>> = OnceLock::new();
        CELL.get_or_init(|| Topics::embedded().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|m| DataError::Io {
                path: "indicators/topics.toml".into(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, m.clone()),
            })
    }

    /// `dir/topics.toml` when it exists, else the embedded copy.
    pub fn load_dir(dir: &Path) -> Result<Topics, DataError> {
        let path = dir.join(TOPICS_FILE);
        match crate::profile::read_bounded(&path, crate::profile::MAX_FILE_BYTES) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| DataError::Io {
                    path: path.display().to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "the file is not valid UTF-8",
                    ),
                })?;
                Topics::from_str(&text, &path.display().to_string())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Topics::embedded(),
            Err(e) => Err(DataError::Io {
                path: path.display().to_string(),
                source: e,
            }),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// Indicator ids the topics name that the catalogue does not have: `(topic, indicator)`.
    pub fn unknown_indicators<'a>(&'a self, catalogue: &Catalogue) -> Vec<(&'a str, &'a str)> {
        self.topics
            .iter()
            .flat_map(|t| {
                t.indicators
                    .iter()
                    .filter(|i| catalogue.indicator(i).is_none())
                    .map(move |i| (t.id.as_str(), i.as_str()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_topics_name_catalogue_indicators() {
        let t = Topics::embedded().expect("topics.toml parses");
        assert!(t.topics.len() >= 10, "{} topics", t.topics.len());
        let cat = Catalogue::embedded().expect("catalogue");
        assert_eq!(t.unknown_indicators(&cat), Vec::<(&str, &str)>::new());
        let cob = t.get("country_of_birth").expect("country of birth");
        assert!(cob.from.contains(&Recommendation::CensusCore));
        assert!(cob.indicators.iter().any(|i| i == "imm_stock"));
    }

    #[test]
    fn a_repeated_topic_is_refused() {
        let text = "[[topic]]\nid='a'\nname='A'\ndefinition='d'\nfrom=['un_1998']\nindicators=[]\n\
                    [[topic]]\nid='a'\nname='A'\ndefinition='d'\nfrom=['un_1998']\nindicators=[]\n";
        let e = Topics::from_str(text, "t.toml").unwrap_err().to_string();
        assert!(e.contains("topic `a` is defined twice"), "{e}");
        let bad = "[[topic]]\nid='a'\nname='A'\ndefinition='d'\nfrom=['un_1999']\nindicators=[]\n";
        let e = Topics::from_str(bad, "t.toml").unwrap_err().to_string();
        assert!(e.contains("t.toml:") && e.contains("un_1999"), "{e}");
    }
}
