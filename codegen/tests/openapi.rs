//! The OpenAPI export is a valid OpenAPI 3.0 document equivalent to the spec.

use std::path::Path;

use msgraph_codegen::{load, openapi, synth, validate};
use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, StatusCode, Type};

fn export(spec: &load::Spec) -> OpenAPI {
    validate::validate(spec).unwrap_or_else(|d| panic!("{d}"));
    let document = openapi::openapi(spec);
    serde_json::from_value(document)
        .unwrap_or_else(|e| panic!("not a valid OpenAPI 3.0 document: {e}"))
}

/// The seed family's folder of the checked-in spec, with `api.yaml`, as a spec of its own.
fn seed_family() -> load::Spec {
    let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(checked_in.join("api.yaml"), dir.path().join("api.yaml")).expect("api.yaml");
    let family = "managedAllDeviceCertificateState";
    std::fs::create_dir(dir.path().join(family)).expect("mkdir");
    for entry in std::fs::read_dir(checked_in.join(family)).expect("the seed family") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, dir.path().join(family).join(name)).expect("copy");
    }
    load::load(dir.path()).expect("loads")
}

#[test]
fn the_seed_family_exports_every_path_and_schema() {
    let spec = seed_family();
    let api = export(&spec);
    assert_eq!(api.openapi, "3.0.3");
    assert_eq!(api.paths.paths.len(), 2, "the collection and the item path");
    let item = api
        .paths
        .paths
        .get("/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/{managedAllDeviceCertificateStateId}")
        .and_then(ReferenceOr::as_item)
        .expect("the item path");
    assert!(item.get.is_some() && item.patch.is_some() && item.delete.is_some());
    let patch = item.patch.as_ref().expect("PATCH");
    assert_eq!(patch.parameters.len(), 1);
    let responses = &patch.responses;
    assert!(responses.responses.contains_key(&StatusCode::Code(200)));
    // Errors are ranges with Graph's error body; `default` would read as a possible success.
    assert!(responses.default.is_none());
    for range in [4, 5] {
        let Some(ReferenceOr::Reference { reference }) =
            responses.responses.get(&StatusCode::Range(range))
        else {
            panic!("{range}XX refers to the shared error response")
        };
        assert_eq!(reference, "#/components/responses/error");
    }

    let components = api.components.as_ref().expect("components");
    let error = components.responses["error"].as_item().expect("inline");
    let Some(ReferenceOr::Reference { reference }) = &error.content["application/json"].schema
    else {
        panic!("the error body refers to its schema")
    };
    let schemas = &components.schemas;
    let ReferenceOr::Item(body) = &schemas[reference.trim_start_matches("#/components/schemas/")]
    else {
        panic!("inline schema")
    };
    let SchemaKind::Type(Type::Object(body)) = &body.schema_kind else {
        panic!("an object")
    };
    assert_eq!(body.required, ["error"]);
    assert_eq!(schemas.len(), 3, "the entity, the enum and the error body");
    let ReferenceOr::Item(state) = &schemas["managedAllDeviceCertificateState"] else {
        panic!("inline schema")
    };
    let SchemaKind::Type(Type::Object(object)) = &state.schema_kind else {
        panic!("an object")
    };
    assert_eq!(
        object.properties.len(),
        14,
        "13 documented properties and @odata.type"
    );
    let ReferenceOr::Item(status) = &schemas["certificateRevocationStatus"] else {
        panic!("inline schema")
    };
    let SchemaKind::Type(Type::String(values)) = &status.schema_kind else {
        panic!("a string enum")
    };
    assert_eq!(values.enumeration.len(), 5);
}

#[test]
fn a_synthetic_spec_exports_one_schema_per_type_and_five_operations_per_resource() {
    let spec = load::parse_sources(Path::new("spec"), synth::synthesize(20, 3)).expect("loads");
    let api = export(&spec);
    let schemas = api.components.as_ref().expect("components").schemas.len();
    assert_eq!(
        schemas,
        spec.entities.len()
            + spec.complex_types.len()
            + spec.enums.len()
            + spec.opaque_types.len()
            + 1,
        "one per type, and the error body"
    );
    let operations: usize = api
        .paths
        .paths
        .values()
        .filter_map(ReferenceOr::as_item)
        .map(|p| p.iter().count())
        .sum();
    assert_eq!(operations, 5 * 20);
}
