//! The cargo feature of each resource: one per workload, read from documentation page names.
//!
//! Intune names its pages `intune-<workload>-<name>` (`intune-deviceconfig-…`, `intune-apps-…`),
//! the grouping its documentation and users share, so each such workload is a feature. Other
//! pages are grouped by the first word of their name: the namespace of `security-alert`, the
//! resource of `user` and `user-list`. A resource folder takes the workload of its resource
//! page (the type page named like the folder), as the pages of one folder may disagree (an
//! Intune resource's actions are documented by several workloads); a folder without one takes
//! its most frequent page workload, ties to the first in order.
//!
//! crates.io refuses a manifest of more than [`CRATES_IO_FEATURES`] features. Names are read
//! from the pages alone, whoever wrote the spec, so a spec with more workloads than fit (a
//! large spec of pages without a workload prefix) still generates a publishable crate: the
//! workloads with the most resources keep their feature and the rest share one, [`MERGED`].
//! Below the limit, a workload's feature depends on its pages only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::scope::{Case, Scope};
use crate::ir::{Feature, Resource};
use crate::load::Spec;
use crate::naming;
use crate::validate::{Outline, resource_folder};

/// The most features crates.io accepts in one manifest, `default` included.
pub const CRATES_IO_FEATURES: usize = 300;

/// The manifest's features besides the workloads.
pub const FIXED_FEATURES: &[(&str, &str)] = &[
    ("default", "cargo's default features"),
    ("client", "the async client"),
    ("all", "every workload"),
];

/// The feature the workloads beyond the limit share.
pub const MERGED: &str = "other";

/// The feature of every resource folder and what each feature covers.
pub struct Workloads {
    /// Feature name by resource folder.
    folders: BTreeMap<String, String>,
    /// The workloads of each feature, by feature name.
    features: BTreeMap<String, Vec<Workload>>,
}

impl Workloads {
    /// Reads the workloads of every resource folder of `spec` from its page names and those
    /// of its `endpoints`.
    pub fn read(spec: &Spec, endpoints: &[Outline]) -> Self {
        let types = spec
            .entities
            .iter()
            .chain(&spec.complex_types)
            .map(|e| (&e.file, &e.item.page.source.value, Some(&e.item.name.value)));
        let enums = spec
            .enums
            .iter()
            .map(|e| (&e.file, &e.item.page.source.value, Some(&e.item.name.value)));
        let endpoints = endpoints.iter().map(|e| (&e.file, &e.source, None));
        // Per folder: its resource page, and every page.
        let mut folders: BTreeMap<&str, (Option<&str>, Vec<&str>)> = BTreeMap::new();
        for (file, source, type_name) in types.chain(enums).chain(endpoints) {
            let Some(folder) = resource_folder(&spec.api.file, file) else {
                continue;
            };
            let (resource, pages) = folders.entry(folder).or_default();
            if type_name.is_some_and(|name| name == folder) {
                *resource = Some(source);
            }
            pages.push(source);
        }
        let workloads: BTreeMap<&str, Workload> = folders
            .into_iter()
            .map(|(folder, (resource, pages))| (folder, of_folder(resource, &pages)))
            .collect();
        let mut sizes: BTreeMap<Workload, usize> = BTreeMap::new();
        for workload in workloads.values() {
            *sizes.entry(workload.clone()).or_default() += 1;
        }
        let names = feature_names(&sizes, CRATES_IO_FEATURES);
        let mut features: BTreeMap<String, Vec<Workload>> = BTreeMap::new();
        for (workload, name) in &names {
            features
                .entry(name.clone())
                .or_default()
                .push(workload.clone());
        }
        Self {
            folders: workloads
                .into_iter()
                .map(|(folder, workload)| (folder.to_owned(), names[&workload].clone()))
                .collect(),
            features,
        }
    }

    /// The feature of a resource folder.
    /// Whether any resource comes from Intune's pages.
    pub fn covers_intune(&self) -> bool {
        self.features
            .values()
            .flatten()
            .any(|workload| matches!(workload, Workload::Intune(_)))
    }

    pub fn feature(&self, folder: &str) -> &str {
        self.folders.get(folder).map_or(MERGED, String::as_str)
    }

    /// The crate's workload features, by name, each with the modules of its resources.
    pub fn features(&self, resources: &[Resource]) -> Vec<Feature> {
        self.features
            .iter()
            .map(|(name, workloads)| {
                let docs = match workloads.as_slice() {
                    [workload] => workload.describe(),
                    merged => {
                        let tokens: Vec<String> =
                            merged.iter().map(|w| format!("`{}`", w.token())).collect();
                        format!(
                            "Workloads merged to stay within crates.io's {CRATES_IO_FEATURES} features: {}",
                            tokens.join(", ")
                        )
                    }
                };
                Feature {
                    name: name.clone(),
                    docs,
                    modules: resources
                        .iter()
                        .filter(|resource| resource.feature == *name)
                        .map(|resource| resource.module.clone())
                        .collect(),
                }
            })
            .collect()
    }
}

/// A group of documentation pages that users think of together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Workload {
    /// Intune's workload in a page named `intune-<workload>-<name>`.
    Intune(String),
    /// The first word of any other page name.
    Named(String),
}

impl Workload {
    /// The workload of a page, by the file name of its `page.source`.
    pub fn of_page(source: &str) -> Self {
        let stem = Path::new(source)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or(source);
        let mut words = stem.split('-');
        let first = words.next().unwrap_or_default();
        match (first, words.next(), words.next()) {
            ("intune", Some(workload), Some(_)) => Self::Intune(workload.to_owned()),
            _ => Self::Named(first.to_owned()),
        }
    }

    fn token(&self) -> &str {
        match self {
            Self::Intune(token) | Self::Named(token) => token,
        }
    }

    /// One line saying which pages the workload covers.
    pub fn describe(&self) -> String {
        match self {
            Self::Intune(token) => {
                format!("Intune's `{token}` workload: resources of pages `intune-{token}-*`")
            }
            Self::Named(token) => {
                format!("Resources of pages named `{token}` or `{token}-*`")
            }
        }
    }
}

/// A resource folder's workload: its resource page's if it has one, else the most frequent of
/// `pages`, ties to the first in order.
pub fn of_folder(resource_page: Option<&str>, pages: &[&str]) -> Workload {
    if let Some(page) = resource_page {
        return Workload::of_page(page);
    }
    let mut counts: BTreeMap<Workload, usize> = BTreeMap::new();
    for page in pages {
        *counts.entry(Workload::of_page(page)).or_default() += 1;
    }
    // `max_by_key` keeps the last maximum: walk in reverse to keep the first.
    counts
        .into_iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map_or_else(|| Workload::Named(String::new()), |(workload, _)| workload)
}

/// The feature name of each workload, given how many resource folders each holds: at most
/// `limit` names in all, with [`FIXED_FEATURES`] and [`MERGED`] never taken by a workload.
pub fn feature_names(
    workloads: &BTreeMap<Workload, usize>,
    limit: usize,
) -> BTreeMap<Workload, String> {
    let budget = limit.saturating_sub(FIXED_FEATURES.len());
    let mut kept: Vec<&Workload> = workloads.keys().collect();
    let merged: BTreeSet<&Workload> = if kept.len() > budget {
        kept.sort_by_key(|workload| std::cmp::Reverse(workloads[*workload]));
        // One place is the merged feature's.
        kept.split_off(budget.saturating_sub(1))
            .into_iter()
            .collect()
    } else {
        BTreeSet::new()
    };
    let mut reserved = FIXED_FEATURES.to_vec();
    reserved.push((MERGED, "the merged workloads"));
    // A workload's requests crate is named after its feature, beside the models crate.
    reserved.push(("models", "the models crate"));
    let mut scope = Scope::with_reserved(Case::Snake, &reserved);
    workloads
        .keys()
        .map(|workload| {
            let name = if merged.contains(workload) {
                MERGED.to_owned()
            } else {
                let owner = format!("the workload `{}`", workload.token());
                scope
                    .claim(&naming::plain_name(workload.token()), &owner)
                    .name
            };
            (workload.clone(), name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intune_pages_name_their_workload_and_others_their_first_word() {
        let page = "beta/resources/intune-deviceconfig-managedalldevicecertificatestate.md";
        assert_eq!(
            Workload::of_page(page),
            Workload::Intune("deviceconfig".into())
        );
        assert_eq!(
            Workload::of_page("beta/api/intune-apps-mobileapp-assign.md"),
            Workload::Intune("apps".into())
        );
        for (page, word) in [
            ("beta/resources/user.md", "user"),
            ("beta/api/user-list.md", "user"),
            ("beta/api/group-post-members.md", "group"),
            ("beta/resources/security-alert.md", "security"),
            // No workload after the product: the product is the first word.
            ("beta/resources/intune-overview.md", "intune"),
        ] {
            assert_eq!(Workload::of_page(page), Workload::Named(word.into()));
        }
    }

    #[test]
    fn a_folder_takes_its_resource_pages_workload_else_the_most_frequent() {
        let pages = [
            "beta/resources/intune-shared-manageddevice.md",
            "beta/api/intune-devices-manageddevice-wipe.md",
            "beta/api/intune-devices-manageddevice-retire.md",
        ];
        assert_eq!(
            of_folder(Some(pages[0]), &pages),
            Workload::Intune("shared".into())
        );
        assert_eq!(of_folder(None, &pages), Workload::Intune("devices".into()));
        // A tie goes to the first workload in order, whatever the page order.
        let tie = ["beta/resources/node.md", "beta/resources/edge.md"];
        assert_eq!(of_folder(None, &tie), Workload::Named("edge".into()));
    }

    #[test]
    fn feature_names_are_snake_case_and_never_the_fixed_ones() {
        let workloads = BTreeMap::from([
            (Workload::Intune("client".into()), 1),
            (Workload::Intune("deviceconfig".into()), 2),
            (Workload::Named("deviceconfig".into()), 1),
            (Workload::Named("other".into()), 1),
            (Workload::Named("accessReview".into()), 1),
        ]);
        let names = feature_names(&workloads, CRATES_IO_FEATURES);
        let names: Vec<&str> = names.values().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "client_2",
                "deviceconfig",
                "access_review",
                "deviceconfig_2",
                "other_2"
            ]
        );
    }

    #[test]
    fn workloads_beyond_the_limit_share_one_feature() {
        let workloads: BTreeMap<Workload, usize> = (0..10)
            .map(|n| (Workload::Named(format!("w{n}")), if n < 3 { 5 } else { 1 }))
            .collect();
        let limit = FIXED_FEATURES.len() + 4;
        let names = feature_names(&workloads, limit);
        let distinct: BTreeSet<&String> = names.values().collect();
        assert_eq!(distinct.len() + FIXED_FEATURES.len(), limit);
        // The largest keep their feature; the others are merged.
        for n in 0..3 {
            assert_eq!(names[&Workload::Named(format!("w{n}"))], format!("w{n}"));
        }
        assert!((3..10).all(|n| names[&Workload::Named(format!("w{n}"))] == MERGED));
        // Within the limit nothing is merged.
        let names = feature_names(&workloads, CRATES_IO_FEATURES);
        assert!(!names.values().any(|name| name == MERGED));
    }
}
