//! Names that are hard to turn into Rust: keywords, names that cannot be raw identifiers,
//! leading digits, punctuation, prelude names. The generated crate must compile without
//! warnings and serialize every one back to its exact documented name.
//!
//! The crate is generated, built and tested by [`msgraph_tests::build_and_test_generated`].

use std::fs;
use std::path::Path;

const API: &str = "\
api:
  namespace: microsoft.graph
  version: beta
  crate:
    name: obstacle-course
    version: 0.0.0
    description: Naming obstacle course
";

/// Documented names every Rust name rule trips over.
const PROPERTY_NAMES: &[&str] = &[
    "type",
    "ref",
    "move",
    "in",
    "box",
    "self",
    "super",
    "crate",
    "2fa",
    "odata-id",
    "x.y",
    "@meta",
    "Option",
    "String",
    "Vec",
    "Result",
    "Patch",
    "Some",
    "None",
    "v10_0",
    "v10_2H20",
    "fooBar",
    "additionalData",
];

const MEMBER_NAMES: &[&str] = &[
    "none",
    "Some",
    "self",
    "in",
    "box",
    "match",
    "unknownFutureValue",
    "undocumented",
    "2fa",
    "type",
];

fn spec(dir: &Path) {
    fs::create_dir_all(dir.join("type")).expect("mkdir");
    fs::write(dir.join("api.yaml"), API).expect("write");

    let mut entity = String::from(
        "entity:\n  name: self\n  description: An entity named after a keyword.\n  page:\n    source: beta/resources/self.md\n  key: ref\n  properties:\n",
    );
    for name in PROPERTY_NAMES {
        entity.push_str(&format!("    - name: \"{name}\"\n      type: String\n      description: \"[{name}] <{name}>\"\n      create: true\n"));
    }
    entity.push_str("    - name: match\n      type: type collection\n      description: A keyword-named enum.\n      create: true\n");
    fs::write(dir.join("type/self.yaml"), entity).expect("write");

    let mut enumeration = String::from(
        "enum:\n  name: type\n  description: An enum named after a keyword.\n  page:\n    source: beta/resources/type.md\n  members:\n",
    );
    for (value, name) in MEMBER_NAMES.iter().enumerate() {
        enumeration.push_str(&format!("    - name: \"{name}\"\n      value: {value}\n"));
    }
    fs::write(dir.join("type/type.yaml"), enumeration).expect("write");

    fs::write(
        dir.join("type/update.yaml"),
        "endpoint:
  name: Update self
  summary: Update it.
  page:
    source: beta/api/self-update.md
  method: PATCH
  path: /things/{type}/children/{self}
  path_parameters:
    - name: type
    - name: self
  headers:
    - name: Accept
      value: application/json
  permissions:
    delegated_work_or_school: []
    delegated_personal_account: []
    application: [Thing.ReadWrite.All]
  national_clouds: [global]
  request_body:
    type: self
    description: The changes.
  response:
    status: 200
    type: self
    description: The result.
",
    )
    .expect("write");
}

/// Exercises the generated crate at run time: every documented name survives a round trip.
const ROUND_TRIP_TEST: &str = r##"
use obstacle_course::runtime::{AccessToken, NationalCloud, Operation, Patch};
use obstacle_course::{Self_, SelfPatch, Type, UpdateSelf};

#[test]
fn documented_names_survive() {
    let names = NAMES;
    let mut object = serde_json::Map::new();
    for name in names {
        object.insert(name.to_owned(), serde_json::json!(name));
    }
    object.insert("match".to_owned(), serde_json::json!(["in", "box", "undocumented", "brandNew"]));
    let json = serde_json::Value::Object(object);
    let parsed: Self_ = serde_json::from_value(json.clone()).unwrap();
    assert!(parsed.additional_properties.is_empty(), "{:?}", parsed.additional_properties);
    assert_eq!(parsed.r#type.as_deref(), Some("type"));
    assert_eq!(parsed.self_.as_deref(), Some("self"));
    let kinds = parsed.r#match.clone().unwrap();
    assert_eq!(kinds[0], Type::In);
    assert_eq!(kinds[2], Type::Undocumented);
    assert!(matches!(kinds[3], Type::UndocumentedValue(_)));
    assert_eq!(serde_json::to_value(&parsed).unwrap(), json);

    let mut body = SelfPatch::default();
    body.crate_ = Patch::Set("c".into());
    body.r#move = Patch::Clear;
    let request = UpdateSelf::new("a/b", "...", body)
        .to_http_request(NationalCloud::Global, &AccessToken::new("t"))
        .unwrap();
    assert_eq!(request.uri().path(), "/beta/things/a%2Fb/children/...");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(sent, serde_json::json!({"@odata.type": "#microsoft.graph.self", "crate": "c", "move": null}));

    let error = UpdateSelf::new("a", "..", SelfPatch::default())
        .to_http_request(NationalCloud::Global, &AccessToken::new("t"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "path parameter `self` is `..`, which URLs resolve as a step in the path instead of keeping it as an id"
    );

    let error = UpdateSelf::new("a", "b", SelfPatch::default())
        .to_http_request(NationalCloud::China21Vianet, &AccessToken::new("t"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`Update self` is not available in China operated by 21Vianet; the documentation lists it only for other national clouds"
    );
}
"##;

#[test]
fn hard_names_compile_warning_free_and_round_trip() {
    let work = tempfile::tempdir().expect("tempdir");
    let spec_dir = work.path().join("spec");
    spec(&spec_dir);
    let test = ROUND_TRIP_TEST.replace("NAMES", &format!("{PROPERTY_NAMES:?}"));
    msgraph_tests::build_and_test_generated(&spec_dir, &test, &[]);
}
