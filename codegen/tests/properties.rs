//! Property test: any valid spec, with names drawn from everything Rust finds awkward, generates
//! files that parse as Rust and declare unique names.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use msgraph_codegen::load::{Source, parse_sources};
use msgraph_codegen::naming;
use proptest::prelude::*;

/// Names as the documentation might write them: camelCase, keywords, digits first, punctuation.
fn documented_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-zA-Z0-9]{0,14}",
        "[a-z]{1,6}[-.@_][a-z0-9]{1,6}",
        "[0-9][a-z0-9]{1,5}",
        prop::sample::select(vec![
            "type",
            "ref",
            "match",
            "move",
            "self",
            "super",
            "crate",
            "in",
            "box",
            "async",
            "dyn",
            "unknownFutureValue",
            "Option",
            "String",
            "Result",
            "Some",
            "None",
            "default",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Names unique after `key`, as the generator requires (it reports collisions otherwise).
fn unique_by(names: Vec<String>, key: impl Fn(&str) -> String, reserved: &[&str]) -> Vec<String> {
    let mut seen: HashSet<String> = reserved.iter().map(|r| (*r).to_owned()).collect();
    names
        .into_iter()
        .filter(|name| seen.insert(key(name)))
        .collect()
}

const PRIMITIVES: &[&str] = &[
    "String",
    "Boolean",
    "Int32",
    "Int64",
    "Double",
    "Single",
    "DateTimeOffset",
];

#[derive(Debug, Clone)]
struct Resource {
    entity: String,
    properties: Vec<(String, usize, bool)>,
    enumeration: String,
    members: Vec<String>,
    method: &'static str,
    parameters: Vec<String>,
}

fn resource() -> impl Strategy<Value = Resource> {
    (
        "[a-z][a-zA-Z]{2,12}",
        prop::collection::vec(
            (documented_name(), 0..PRIMITIVES.len() + 1, any::<bool>()),
            1..12,
        ),
        "[a-z][a-zA-Z]{2,12}",
        prop::collection::vec(documented_name(), 1..8),
        prop::sample::select(vec!["GET", "POST", "PATCH", "PUT", "DELETE"]),
        prop::collection::vec(documented_name(), 0..3),
    )
        .prop_map(
            |(entity, properties, enumeration, members, method, parameters)| Resource {
                entity: format!("{entity}Thing"),
                properties: {
                    let mut seen: HashSet<String> = ["odata_type", "additional_properties"]
                        .map(String::from)
                        .into();
                    properties
                        .into_iter()
                        .filter(|(name, _, _)| seen.insert(naming::field_name(name)))
                        .collect()
                },
                enumeration: format!("{enumeration}Kind"),
                members: unique_by(members, naming::variant_name, &["Undocumented"]),
                method,
                parameters: unique_by(parameters, naming::plain_name, &["body"]),
            },
        )
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a JSON string is a YAML string")
}

fn sources(resources: &[Resource]) -> Vec<Source> {
    let root = Path::new("spec");
    let mut sources = vec![Source {
        file: root.join("api.yaml"),
        bytes: b"api:\n  namespace: microsoft.graph\n  version: beta\n  crate:\n    name: prop-test\n    version: 0.0.0\n    description: d\n".to_vec(),
    }];
    for (index, resource) in resources.iter().enumerate() {
        let folder = root.join(format!("r{index}"));
        let mut entity = format!(
            "entity:\n  name: {}\n  description: \"[x] <y>\"\n  page:\n    source: beta/resources/x.md\n  properties:\n",
            quoted(&resource.entity)
        );
        for (name, ty, create) in &resource.properties {
            let ty = PRIMITIVES.get(*ty).map_or_else(
                || format!("{} collection", resource.enumeration),
                |p| (*p).to_owned(),
            );
            entity.push_str(&format!(
                "    - name: {}\n      type: {}\n      description: d\n      create: {create}\n",
                quoted(name),
                quoted(&ty)
            ));
        }
        let mut enumeration = format!(
            "enum:\n  name: {}\n  description: d\n  page:\n    source: s\n  members:\n",
            quoted(&resource.enumeration)
        );
        for (value, member) in resource.members.iter().enumerate() {
            enumeration.push_str(&format!(
                "    - name: {}\n      value: {value}\n",
                quoted(member)
            ));
        }
        let mut path = String::from("/things");
        let mut parameters = String::from("  path_parameters:\n");
        for parameter in &resource.parameters {
            path.push_str(&format!("/{{{parameter}}}"));
            parameters.push_str(&format!("    - name: {}\n", quoted(parameter)));
        }
        if resource.parameters.is_empty() {
            parameters = String::from("  path_parameters: []\n");
        }
        let body = if matches!(resource.method, "GET" | "DELETE") {
            String::new()
        } else {
            format!(
                "  request_body:\n    type: {}\n    description: d\n",
                quoted(&resource.entity)
            )
        };
        let endpoint = format!(
            "endpoint:\n  name: {}\n  summary: s\n  page:\n    source: s\n  method: {}\n  path: {}\n{parameters}  headers: []\n  permissions:\n    delegated_work_or_school: []\n    delegated_personal_account: []\n    application: []\n  national_clouds: [global]\n{body}  response:\n    status: 200\n    type: {}\n    description: d\n",
            quoted(&format!("Do {}", resource.entity)),
            resource.method,
            quoted(&path),
            quoted(&resource.entity),
        );
        for (name, text) in [
            ("entity", entity),
            ("enum", enumeration),
            ("endpoint", endpoint),
        ] {
            sources.push(Source {
                file: folder.join(format!("{name}.yaml")),
                bytes: text.into_bytes(),
            });
        }
    }
    sources
}

/// The names a file declares at its top level (types) and inside structs (fields).
fn declared_names(file: &syn::File) -> (Vec<String>, Vec<BTreeSet<String>>) {
    let mut types = Vec::new();
    let mut fields = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => {
                types.push(s.ident.to_string());
                let names: Vec<String> = s
                    .fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
                    .collect();
                let unique: BTreeSet<String> = names.iter().cloned().collect();
                assert_eq!(unique.len(), names.len(), "duplicate field in {}", s.ident);
                fields.push(unique);
            }
            syn::Item::Enum(e) => types.push(e.ident.to_string()),
            _ => {}
        }
    }
    (types, fields)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn valid_specs_generate_parseable_code_with_unique_names(
        resources in prop::collection::vec(resource(), 1..4)
    ) {
        let resources: Vec<Resource> = resources
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| { r.entity = format!("{}{i}", r.entity); r.enumeration = format!("{}{i}", r.enumeration); r })
            .collect();
        let spec = parse_sources(Path::new("spec"), sources(&resources)).map_err(|d| TestCaseError::fail(d.to_string()))?;
        let files = msgraph_codegen::build(&spec).map_err(|d| TestCaseError::fail(d.to_string()))?;

        let mut types = Vec::new();
        let mut paths = BTreeSet::new();
        for file in &files {
            prop_assert!(paths.insert(file.path.clone()), "two files at {}", file.path.display());
            if file.path.extension().is_some_and(|e| e == "rs") {
                let syntax = syn::parse_file(&file.contents).map_err(|e| TestCaseError::fail(format!("{}: {e}", file.path.display())))?;
                types.extend(declared_names(&syntax).0);
            }
        }
        let unique: BTreeSet<&String> = types.iter().collect();
        prop_assert_eq!(unique.len(), types.len(), "duplicate type names: {:?}", types);
        prop_assert!(paths.contains(&PathBuf::from("src/lib.rs")));
    }
}
