//! The synthetic spec generator: every synthesized spec loads, validates and generates; the
//! output is deterministic; the property types follow the Intune documentation's mix; example
//! bodies match the types they show.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

use msgraph_codegen::emit::GeneratedFile;
use msgraph_codegen::load::{self, Source, Spec, parse_sources};
use msgraph_codegen::synth::{self, FILES_PER_RESOURCE, synthesize};
use serde_json::Value;

fn parse(sources: Vec<Source>) -> Spec {
    parse_sources(Path::new("spec"), sources).unwrap_or_else(|errors| panic!("{errors}"))
}

fn build(spec: &Spec) -> Vec<GeneratedFile> {
    msgraph_codegen::build(spec).unwrap_or_else(|errors| panic!("{errors}"))
}

/// Documented base types: each adds the enum over it and its derived types.
fn base_types(spec: &Spec) -> BTreeSet<String> {
    spec.entities
        .iter()
        .chain(&spec.complex_types)
        .filter_map(|e| e.item.base_type.as_ref().map(|b| b.value.clone()))
        .collect()
}

#[test]
fn specs_of_1_10_and_100_resources_generate() {
    for (resources, seed) in [(1, 1), (10, 2), (100, 3)] {
        let sources = synthesize(resources, seed);
        // api.yaml, then per resource: entity, enum, complex type and five endpoints.
        assert_eq!(sources.len(), 1 + 8 * resources);
        let spec = parse(sources);
        assert_eq!(spec.entities.len(), resources);
        assert_eq!(spec.complex_types.len(), resources);
        assert_eq!(spec.enums.len(), resources);
        assert_eq!(spec.endpoints.len(), 5 * resources);
        let files = build(&spec);

        let mut per_module: BTreeMap<String, usize> = BTreeMap::new();
        for file in &files {
            if file.path.extension().is_some_and(|ext| ext == "rs")
                && let Err(error) = syn::parse_file(&file.contents)
            {
                panic!("{} does not parse: {error}", file.path.display());
            }
            let parts: Vec<_> = file.path.iter().filter_map(|p| p.to_str()).collect();
            // A resource's files in the models crate, then in its workload's requests crate.
            if let ["models", "src", module, _] | ["workloads", _, "src", module, _] =
                parts.as_slice()
                && !["runtime", "documentation_examples"].contains(module)
            {
                *per_module.entry((*module).to_owned()).or_default() += 1;
            }
        }
        assert_eq!(per_module.len(), resources, "one module per resource");
        for (module, count) in &per_module {
            assert!(
                *count >= FILES_PER_RESOURCE,
                "{module} has {count} files, fewer than {FILES_PER_RESOURCE}"
            );
        }
        let total: usize = per_module.values().sum();
        let expected = FILES_PER_RESOURCE * resources;
        let bases = base_types(&spec).len();
        assert!(
            (expected..=expected + bases).contains(&total),
            "{total} resource files for {resources} resources ({bases} base types), expected {expected}"
        );
        println!(
            "{resources} resources: {} files, {total} in resource modules, {bases} base types",
            files.len()
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_other_seeds_differ() {
    let bytes = |sources: Vec<Source>| -> Vec<(String, Vec<u8>)> {
        sources
            .into_iter()
            .map(|s| (s.file.display().to_string(), s.bytes))
            .collect()
    };
    let first = bytes(synthesize(25, 7));
    assert_eq!(first, bytes(synthesize(25, 7)));

    // Not just the api file: the resources themselves differ.
    let pages = |seed| -> Vec<(String, Vec<u8>)> {
        bytes(synthesize(10, seed))
            .into_iter()
            .filter(|(file, _)| !file.ends_with("api.yaml"))
            .collect()
    };
    let (one, two) = (pages(1), pages(2));
    assert_ne!(one, two);
    let names = |pages: &[(String, Vec<u8>)]| -> BTreeSet<String> {
        pages.iter().map(|(file, _)| file.clone()).collect()
    };
    assert_ne!(names(&one), names(&two), "seeds choose different names");

    // More resources extend the spec rather than reshuffling it: every resource is drawn in turn.
    let larger = bytes(synthesize(12, 7));
    for page in bytes(synthesize(9, 7)) {
        if !page.0.ends_with("api.yaml") {
            assert!(
                larger.contains(&page),
                "{} differs in the larger spec",
                page.0
            );
        }
    }
}

/// The category of a Type cell, as the documentation survey counts them.
fn category<'a>(ty: &str, enums: &BTreeSet<&str>, complex: &BTreeSet<&str>) -> &'a str {
    if ty.ends_with(" collection") {
        "collection"
    } else if ["String", "Boolean", "Int32", "DateTimeOffset"].contains(&ty) {
        match ty {
            "String" => "String",
            "Boolean" => "Boolean",
            "Int32" => "Int32",
            _ => "DateTimeOffset",
        }
    } else if enums.contains(ty) {
        "enum"
    } else if complex.contains(ty) {
        "complex"
    } else {
        "rarer primitive"
    }
}

#[test]
fn property_types_follow_the_documentation_mix() {
    const TARGETS: &[(&str, f64)] = &[
        ("String", 33.0),
        ("Boolean", 18.0),
        ("Int32", 11.0),
        ("DateTimeOffset", 8.0),
        ("collection", 4.0),
        ("enum", 12.0),
        ("complex", 6.0),
        ("rarer primitive", 8.0),
    ];
    assert_eq!(
        synth::TYPE_MIX.iter().map(|(_, n)| n).sum::<usize>(),
        200,
        "the mix is given per 200 properties"
    );
    for seed in [1, 2, 3] {
        let spec = parse(synthesize(100, seed));
        let enums: BTreeSet<&str> = spec
            .enums
            .iter()
            .map(|e| e.item.name.value.as_str())
            .collect();
        let complex: BTreeSet<&str> = spec
            .complex_types
            .iter()
            .map(|e| e.item.name.value.as_str())
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut total = 0;
        let mut rare = BTreeSet::new();
        for page in spec.entities.iter().chain(&spec.complex_types) {
            for property in &page.item.properties {
                let kind = category(&property.ty.value, &enums, &complex);
                if kind == "rarer primitive" {
                    rare.insert(property.ty.value.clone());
                }
                *counts.entry(kind).or_default() += 1;
                total += 1;
            }
        }
        for entity in &spec.entities {
            let n = entity.item.properties.len();
            assert!(
                (8..=16).contains(&n),
                "{} has {n} properties",
                entity.item.name.value
            );
        }
        let mut report = String::new();
        for (kind, target) in TARGETS {
            let share = 100.0 * counts.get(kind).copied().unwrap_or(0) as f64 / total as f64;
            report.push_str(&format!("{kind} {share:.1}% (target {target}%), "));
            assert!(
                (share - target).abs() <= 3.0,
                "seed {seed}: {kind} is {share:.1}% of {total} properties, target {target}%"
            );
        }
        println!("seed {seed}, {total} properties: {report}rarer types {rare:?}");
        assert!(rare.len() >= 6, "most rarer primitives appear: {rare:?}");
    }
}

#[test]
fn the_hard_cases_are_all_there() {
    for seed in [1, 2, 3] {
        let spec = parse(synthesize(100, seed));
        let properties: BTreeSet<&str> = spec
            .entities
            .iter()
            .chain(&spec.complex_types)
            .flat_map(|e| e.item.properties.iter().map(|p| p.name.value.as_str()))
            .collect();
        for hard in ["type", "match"] {
            assert!(
                properties.contains(hard),
                "seed {seed}: no `{hard}` property"
            );
        }
        assert!(
            properties
                .iter()
                .any(|p| p.starts_with("v10_") || p.starts_with("v8_")),
            "seed {seed}: no `v10_0`-style property"
        );
        assert!(spec.entities.iter().any(|e| e.item.base_type.is_some()));
        assert!(
            spec.complex_types
                .iter()
                .any(|e| e.item.base_type.is_some())
        );
        let members = || spec.enums.iter().flat_map(|e| &e.item.members);
        assert!(members().any(|m| m.name.value == "unknownFutureValue"));
        assert!(members().any(|m| m.value < 0));
        assert!(spec.enums.iter().any(|e| e.item.flags));
        let sizes: BTreeSet<usize> = spec.enums.iter().map(|e| e.item.members.len()).collect();
        assert_eq!(sizes.first(), Some(&2));
        assert_eq!(sizes.last(), Some(&8));
        // Every entity holds its resource's enum.
        for entity in &spec.entities {
            let own = spec
                .enums
                .iter()
                .find(|e| e.file.parent() == entity.file.parent())
                .expect("an enum per resource");
            assert!(
                entity
                    .item
                    .properties
                    .iter()
                    .any(|p| p.ty.value.trim_end_matches(" collection") == own.item.name.value),
                "{} does not hold {}",
                entity.item.name.value,
                own.item.name.value
            );
        }
        // Derived entities repeat their base's properties first, as pages do.
        for entity in &spec.entities {
            let Some(base) = &entity.item.base_type else {
                continue;
            };
            let base = spec
                .entities
                .iter()
                .find(|e| e.item.name.value == base.value)
                .expect("the base entity is in the spec");
            let inherited: Vec<&str> = base
                .item
                .properties
                .iter()
                .map(|p| p.name.value.as_str())
                .collect();
            let repeated: Vec<&str> = entity.item.properties[..inherited.len()]
                .iter()
                .map(|p| p.name.value.as_str())
                .collect();
            assert_eq!(inherited, repeated);
        }
    }
}

/// What the spec says a documented type is.
enum Shape<'a> {
    Object(BTreeMap<&'a str, &'a str>),
    Enum(BTreeSet<&'a str>, bool),
}

struct Types<'a>(BTreeMap<&'a str, Shape<'a>>);

impl<'a> Types<'a> {
    fn of(spec: &'a Spec) -> Self {
        let mut types = BTreeMap::new();
        for page in spec.entities.iter().chain(&spec.complex_types) {
            let properties = page
                .item
                .properties
                .iter()
                .map(|p| (p.name.value.as_str(), p.ty.value.as_str()))
                .collect();
            types.insert(page.item.name.value.as_str(), Shape::Object(properties));
        }
        for page in &spec.enums {
            let members = page
                .item
                .members
                .iter()
                .map(|m| m.name.value.as_str())
                .collect();
            types.insert(
                page.item.name.value.as_str(),
                Shape::Enum(members, page.item.flags),
            );
        }
        Self(types)
    }

    /// Checks `value` against the Type cell `ty`; `at` names the place for messages.
    fn check(&self, value: &Value, ty: &str, at: &str) {
        if let Some(element) = ty.strip_suffix(" collection") {
            let items = value
                .as_array()
                .unwrap_or_else(|| panic!("{at}: not an array"));
            for (i, item) in items.iter().enumerate() {
                self.check(item, element, &format!("{at}[{i}]"));
            }
            return;
        }
        let ok = match ty {
            "Boolean" => value.is_boolean(),
            "Int32" => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            "Int64" => value.is_i64(),
            "Double" | "Single" => value.is_f64(),
            "String" | "Guid" | "Binary" | "Duration" | "TimeOfDay" | "Date" | "DateTimeOffset" => {
                value.is_string()
            }
            _ => match self.0.get(ty) {
                Some(Shape::Enum(members, flags)) => value.as_str().is_some_and(|text| {
                    if *flags {
                        text.split(',').all(|m| members.contains(m))
                    } else {
                        members.contains(text)
                    }
                }),
                Some(Shape::Object(_)) => {
                    self.check_object(value, ty, at);
                    true
                }
                None => panic!("{at}: unknown type `{ty}`"),
            },
        };
        assert!(ok, "{at}: {value} is not a {ty}");
    }

    /// Checks an object of documented type `ty`; returns the properties it shows.
    fn check_object(&self, value: &Value, ty: &str, at: &str) -> usize {
        let Some(Shape::Object(properties)) = self.0.get(ty) else {
            panic!("{at}: `{ty}` is not an object type");
        };
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("{at}: not an object"));
        let odata = object["@odata.type"]
            .as_str()
            .expect("@odata.type is a string");
        assert_eq!(
            odata.trim_start_matches('#'),
            format!("microsoft.graph.{ty}"),
            "{at}"
        );
        for (key, value) in object {
            if key == "@odata.type" {
                continue;
            }
            let property_ty = properties
                .get(key.as_str())
                .unwrap_or_else(|| panic!("{at}: `{key}` is not a property of `{ty}`"));
            self.check(value, property_ty, &format!("{at}.{key}"));
        }
        object.len() - 1
    }
}

#[test]
fn example_bodies_match_the_types_they_show() {
    let spec = parse(synthesize(60, 11));
    let types = Types::of(&spec);
    let mut checked = 0;
    for endpoint in &spec.endpoints {
        let item = &endpoint.item;
        let at = endpoint.file.display().to_string();
        assert_eq!(item.examples.len(), 1, "{at}");
        let example = &item.examples[0];
        assert_eq!(example.request.method, item.method.value.as_str());
        let json = |body: &Option<serde_saphyr::Spanned<String>>| {
            body.as_ref().map(|b| {
                serde_json::from_str::<Value>(&b.value).unwrap_or_else(|e| panic!("{at}: {e}"))
            })
        };
        assert_eq!(
            example.response.status,
            item.response.status.value.code(),
            "{at}"
        );
        let entity = item.response.ty.as_ref().map(|t| t.value.as_str());
        let Some(Shape::Object(properties)) = entity.and_then(|e| types.0.get(e)) else {
            assert_eq!(
                item.method.value,
                msgraph_codegen::vocabulary::HttpMethod::Delete,
                "{at}"
            );
            assert!(example.response.body.is_none() && example.request.body.is_none());
            continue;
        };
        let entity = entity.unwrap_or_default();
        if let Some(request) = json(&example.request.body) {
            types.check_object(&request, entity, &format!("{at} request"));
            // Content-length is the body's length, as the pages give it.
            let length = example
                .request
                .headers
                .iter()
                .find(|h| h.name == "Content-length");
            assert_eq!(
                length.map(|h| h.value.clone()),
                Some(
                    example
                        .request
                        .body
                        .as_ref()
                        .map_or(0, |b| b.value.len())
                        .to_string()
                )
            );
        }
        let response = json(&example.response.body).expect("a response body");
        let shown = if item.response.collection {
            let items = response["value"].as_array().expect("a `value` array");
            assert!(!items.is_empty());
            items
                .iter()
                .map(|v| types.check_object(v, entity, &format!("{at} response")))
                .min()
                .unwrap_or_default()
        } else {
            types.check_object(&response, entity, &format!("{at} response"))
        };
        assert_eq!(
            shown,
            properties.len(),
            "{at}: responses show every property"
        );
        checked += 1;
    }
    assert_eq!(checked, 4 * 60);
}

#[test]
fn write_puts_the_files_where_load_finds_them() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let spec_dir = dir.path().join("spec");
    let sources = synthesize(5, 3);
    synth::write(&spec_dir, &sources).expect("written");
    let from_disk = load::load(&spec_dir).unwrap_or_else(|errors| panic!("{errors}"));
    let in_memory = build(&parse(sources.clone()));
    assert_eq!(build(&from_disk), in_memory);
    for source in &sources {
        let relative = source.file.strip_prefix("spec").expect("below spec/");
        assert_eq!(
            std::fs::read(spec_dir.join(relative)).expect("read"),
            source.bytes
        );
    }

    let outside = [Source {
        file: "elsewhere/api.yaml".into(),
        bytes: Vec::new(),
    }];
    let error = synth::write(&spec_dir, &outside).expect_err("a path outside spec/ is refused");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}

/// Times generation at Graph scale; run it in release:
/// `cargo test -p msgraph-codegen --release --test synth -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark: slow in debug builds"]
fn time_1000_resources() {
    let resources = 1000;
    let start = Instant::now();
    let sources = synthesize(resources, 1);
    let synthesized = start.elapsed();
    let yaml_bytes: usize = sources.iter().map(|s| s.bytes.len()).sum();
    let source_count = sources.len();

    let start = Instant::now();
    let spec = parse(sources);
    let parsed = start.elapsed();

    let start = Instant::now();
    let files = build(&spec);
    let built = start.elapsed();
    let rust_bytes: usize = files.iter().map(|f| f.contents.len()).sum();

    println!(
        "{resources} resources: synthesize {synthesized:.2?} ({source_count} spec files, {:.1} MB), \
         parse_sources {parsed:.2?}, build {built:.2?} ({} files, {:.1} MB)",
        yaml_bytes as f64 / 1e6,
        files.len(),
        rust_bytes as f64 / 1e6
    );
}
