//! Property tests over generated specs whose names are drawn from everything Rust finds
//! awkward, the generator's own names included, and left as drawn: every valid spec generates
//! files that parse as Rust and declare unique names, and a bounded batch of them is compiled
//! and tested with warnings denied.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use msgraph_codegen::load::{Source, parse_sources};
use msgraph_codegen::primitive::Primitive;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// Names as the documentation might write them: camelCase, keywords, digits first, punctuation,
/// prelude names and the names generated code uses itself.
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
            "Self",
            "super",
            "crate",
            "in",
            "box",
            "async",
            "dyn",
            "unknownFutureValue",
            "Option",
            "option",
            "String",
            "Result",
            "Some",
            "None",
            "default",
            "odataType",
            "additionalProperties",
            "additional_properties",
            "body",
            "query",
            "arguments",
            "path",
            "Undocumented",
            "undocumented",
            "runtime",
            "Serialize",
            "value",
        ])
        .prop_map(str::to_owned),
    ]
}

/// The rows without exact repeats of their name: the spec format forbids those, however Rust
/// spells them.
fn distinct<T>(rows: Vec<T>, name: impl Fn(&T) -> &String) -> Vec<T> {
    let mut seen = HashSet::new();
    rows.into_iter()
        .filter(|row| seen.insert(name(row).clone()))
        .collect()
}

#[derive(Debug, Clone)]
struct Resource {
    entity: String,
    properties: Vec<(String, usize, bool)>,
    enumeration: String,
    members: Vec<String>,
    method: &'static str,
    parameters: Vec<String>,
    arguments: Vec<(String, usize)>,
}

/// A Type cell: a primitive by index, or past them a collection of the resource's enum.
fn type_cell(index: usize, enumeration: &str) -> String {
    Primitive::ALL.get(index).map_or_else(
        || format!("{enumeration} collection"),
        |p| p.documented().to_owned(),
    )
}

fn resource() -> impl Strategy<Value = Resource> {
    (
        documented_name(),
        prop::collection::vec(
            (documented_name(), 0..=Primitive::ALL.len(), any::<bool>()),
            1..12,
        ),
        documented_name(),
        prop::collection::vec(documented_name(), 1..8),
        prop::sample::select(vec!["GET", "POST", "PATCH", "PUT", "DELETE"]),
        prop::collection::vec(documented_name(), 0..3),
        prop::collection::vec((documented_name(), 0..=Primitive::ALL.len()), 0..4),
    )
        .prop_map(
            |(entity, properties, enumeration, members, method, parameters, arguments)| Resource {
                entity,
                properties: distinct(properties, |(name, _, _)| name),
                enumeration,
                members: distinct(members, |name| name),
                method,
                parameters: distinct(parameters, |name| name),
                arguments: distinct(arguments, |(name, _)| name),
            },
        )
}

/// Type names made distinct across resources (the spec format forbids repeats), kept hard.
fn numbered(resources: Vec<Resource>) -> Vec<Resource> {
    resources
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r.entity = format!("{}{i}", r.entity);
            r.enumeration = format!("{}_{i}", r.enumeration);
            r
        })
        .collect()
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
            let ty = type_cell(*ty, &resource.enumeration);
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
        let body = match resource.method {
            "GET" if !resource.arguments.is_empty() => {
                let mut body = String::from(
                    "  request_body:\n    description: d\n    placement: url\n    parameters:\n",
                );
                for (name, ty) in &resource.arguments {
                    body.push_str(&format!(
                        "      - name: {}\n        type: {}\n        description: d\n",
                        quoted(name),
                        quoted(&type_cell(*ty, &resource.enumeration))
                    ));
                }
                body
            }
            "GET" | "DELETE" => String::new(),
            _ => format!(
                "  request_body:\n    type: {}\n    description: d\n",
                quoted(&resource.entity)
            ),
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
        let resources = numbered(resources);
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

/// A fixed batch of drawn resources, generated into one crate that must compile, pass its doc
/// tests and document with warnings denied: parsing alone missed names that shadow what
/// generated code uses.
#[test]
fn a_batch_of_drawn_specs_compiles_warning_free() {
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec(resource(), 16);
    let resources = numbered(
        strategy
            .new_tree(&mut runner)
            .expect("the strategy draws")
            .current(),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    msgraph_tests::write_sources(dir.path(), Path::new("spec"), sources(&resources));
    msgraph_tests::build_and_test_generated(dir.path(), "#[test]\nfn builds() {}\n", &[]);
}
