//! Every page of the documentation folder, imported, generated and compiled into one crate;
//! then every JSON example of those pages (request and response bodies) deserializes into its
//! generated type and serializes back to equal JSON. Skipped, with a notice, when the
//! documentation folder is absent.

use std::fmt::Write as _;
use std::fs;

use msgraph_codegen::ir::{ItemKind, RustType};
use msgraph_tests::{graph_docs_dir, spec_dir};

/// How test code names a generated type.
fn spelled(ty: &RustType) -> Option<String> {
    Some(match ty {
        RustType::Unit => return None,
        RustType::Primitive(primitive) => primitive.rust_path().replace("crate::", "all_pages::"),
        RustType::Json => "serde_json::Value".to_owned(),
        RustType::Named(name) | RustType::Enum(name) | RustType::Polymorphic { name, .. } => {
            format!("all_pages::{name}")
        }
        RustType::Vec(inner) => format!("Vec<{}>", spelled(inner)?),
        RustType::Updated(inner) | RustType::Boxed(inner) => spelled(inner)?,
        RustType::Flags(inner) => format!("all_pages::runtime::Flags<{}>", spelled(inner)?),
        RustType::Page(inner) => format!("all_pages::runtime::Page<{}>", spelled(inner)?),
        RustType::ValueOf(inner) => format!("all_pages::runtime::ValueOf<{}>", spelled(inner)?),
    })
}

#[test]
fn every_page_generates_a_crate_whose_types_read_every_example() {
    let Some(docs) = graph_docs_dir() else { return };
    let work = tempfile::tempdir().expect("tempdir");
    let spec = work.path().join("spec");
    fs::create_dir_all(&spec).expect("mkdir");
    let api = fs::read_to_string(spec_dir().join("api.yaml")).expect("api.yaml");
    fs::write(
        spec.join("api.yaml"),
        api.replace("name: msgraph-beta", "name: all-pages"),
    )
    .expect("api");

    let report = msgraph_codegen::import::import(&[docs.join("beta")], &spec)
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(report.failed.is_empty(), "{report}");
    // No hand edit: `windowsMalwareCategory` documents both `remoteControlSoftware` and
    // `remote_Control_Software`, and lowering names them apart.

    let loaded = msgraph_codegen::load::load(&spec).unwrap_or_else(|d| panic!("{d}"));
    let symbols = msgraph_codegen::validate::validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
    let krate = msgraph_codegen::lower::lower(&loaded, &symbols);

    let mut test = String::from(
        "fn check<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) {\n    \
         let expected: serde_json::Value = serde_json::from_str(json).unwrap();\n    \
         let value: T = serde_json::from_value(expected.clone()).unwrap_or_else(|e| panic!(\"{e}: {json}\"));\n    \
         assert_eq!(serde_json::to_value(&value).unwrap(), expected, \"{json}\");\n}\n\n#[test]\nfn examples() {\n",
    );
    let (mut pages, mut operations, mut examples, mut types, mut bodies) = (0, 0, 0, 0, 0);
    for resource in &krate.resources {
        for item in &resource.items {
            let ItemKind::Operation(operation) = &item.kind else {
                types += 1;
                continue;
            };
            operations += 1;
            let endpoint = loaded
                .endpoints
                .iter()
                .find(|e| e.item.name.value == operation.documented_name)
                .expect("every operation has its endpoint");
            // A `PATCH` body is the entity's JSON; read it as the entity.
            let body_type = endpoint
                .item
                .request_body
                .as_ref()
                .and_then(|body| match &body.ty {
                    Some(ty) => spelled(&RustType::Named(krate_type_name(&krate, &ty.value)?)),
                    None => operation.body.as_ref().and_then(|b| spelled(&b.ty)),
                });
            for example in &endpoint.item.examples {
                bodies += usize::from(example.request.body.is_some())
                    + usize::from(example.response.body.is_some());
                let request = example.request.body.as_ref().zip(body_type.as_ref());
                let response = example
                    .response
                    .body
                    .as_ref()
                    .zip(spelled(&operation.output));
                for (body, ty) in request
                    .into_iter()
                    .chain(response.as_ref().map(|(b, t)| (*b, t)))
                {
                    let mut json: serde_json::Value =
                        serde_json::from_str(&body.value).expect("JSON");
                    // The `-get` pages wrap the entity in `{"value": …}`; the service does not.
                    if !ty.contains("::runtime::")
                        && json
                            .as_object()
                            .is_some_and(|o| o.len() == 1 && o.contains_key("value"))
                    {
                        json = json["value"].take();
                    }
                    let _ = writeln!(test, "    check::<{ty}>(r##\"{json}\"##);");
                    examples += 1;
                }
            }
        }
    }
    test.push_str("}\n");
    pages += report.imported.len();
    println!(
        "{pages} pages imported, {types} types and {operations} operations generated, \
         {examples} of {bodies} example bodies round-tripped"
    );
    assert_eq!(pages, 55);
    assert_eq!(operations, 20);
    assert_eq!(
        examples, bodies,
        "every example body has a generated type to read it"
    );

    msgraph_tests::build_and_test_generated(&spec, &test, &[]);
}

/// The Rust name the crate gives a documented type.
fn krate_type_name(krate: &msgraph_codegen::ir::Crate, documented: &str) -> Option<String> {
    let wanted = msgraph_codegen::naming::type_name(documented);
    krate
        .resources
        .iter()
        .flat_map(|r| &r.items)
        .find(|item| item.name == wanted)
        .map(|item| item.name.clone())
}
