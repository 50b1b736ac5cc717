//! Whatever Graph answers, reading it never panics: a body that does not match the documented
//! type is a typed error naming the field.

use http::Response;
use msgraph_beta::runtime::{Operation, ResponseError};
use msgraph_beta::{ManagedAllDeviceCertificateState, UpdateManagedAllDeviceCertificateState};
use proptest::prelude::*;
use serde_json::{Value, json};

const PROPERTIES: &[&str] = &[
    "@odata.type",
    "id",
    "certificateRevokeStatus",
    "certificateRevokeStatusLastChangeDateTime",
    "managedDeviceDisplayName",
    "userPrincipalName",
    "certificateExpirationDateTime",
    "certificateIssuerName",
    "certificateThumbprint",
    "certificateSerialNumber",
    "certificateSubjectName",
    "certificateKeyUsages",
    "certificateExtendedKeyUsages",
    "certificateIssuanceDateTime",
];

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,24}".prop_map(Value::from),
        prop::sample::select(vec![
            "pending",
            "2016-12-31T23:59:34.9547208-08:00",
            "9999-99-99T99:99:99Z",
            ""
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Objects with the documented property names and random values: the likeliest hostile shape.
fn entity_like() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (prop::sample::select(PROPERTIES), any_json()),
        0..PROPERTIES.len(),
    )
    .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

fn read(body: &[u8]) -> Result<ManagedAllDeviceCertificateState, ResponseError> {
    let response = Response::builder()
        .status(200)
        .body(body.to_vec())
        .expect("valid response");
    UpdateManagedAllDeviceCertificateState::parse_response(&response).map(|updated| {
        updated
            .into_entity()
            .expect("a 200 response carries the entity")
    })
}

/// The error, which must be a body error naming a documented property.
fn body_error_path(body: &Value) -> String {
    match read(body.to_string().as_bytes()) {
        Err(ResponseError::Body { path, .. }) => path,
        other => panic!("expected a body error for {body}, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_json_is_read_or_refused_without_panicking(body in prop_oneof![any_json(), entity_like()]) {
        match read(body.to_string().as_bytes()) {
            Ok(state) => {
                // Whatever was accepted serializes again.
                serde_json::to_value(&state).expect("a read value serializes");
            }
            Err(ResponseError::Body { path, .. }) => {
                if body.is_object() {
                    prop_assert!(!path.is_empty() && path != ".", "an object's error names a field: {}", body);
                }
            }
            Err(other) => prop_assert!(false, "a 200 response gives a body error, got {:?}", other),
        }
    }

    #[test]
    fn arbitrary_bytes_are_read_or_refused_as_a_body_error(body in prop::collection::vec(any::<u8>(), 0..256)) {
        match read(&body) {
            Ok(state) => {
                // Bytes accepted were a JSON object: they serialize again.
                prop_assert!(serde_json::from_slice::<Value>(&body).is_ok_and(|v| v.is_object()));
                serde_json::to_value(&state).expect("a read value serializes");
            }
            Err(ResponseError::Body { .. }) => {}
            Err(other) => prop_assert!(false, "a 200 response gives a body error, got {:?}", other),
        }
    }
}

#[test]
fn nulls_everywhere_read_as_absent() {
    let body: Value = Value::Object(
        PROPERTIES
            .iter()
            .map(|p| ((*p).to_owned(), Value::Null))
            .collect(),
    );
    let state = read(body.to_string().as_bytes()).expect("null is absent");
    assert_eq!(state, ManagedAllDeviceCertificateState::default());
}

#[test]
fn numbers_out_of_int32_range_name_the_field() {
    for number in [
        json!(2_147_483_648_i64),
        json!(-2_147_483_649_i64),
        json!(1e300),
        json!(4.5),
        json!(u64::MAX),
    ] {
        assert_eq!(
            body_error_path(&json!({ "id": "x", "certificateKeyUsages": number })),
            "certificateKeyUsages"
        );
    }
    let state = read(br#"{"certificateKeyUsages": 2147483647}"#).expect("in range");
    assert_eq!(state.certificate_key_usages, Some(i32::MAX));
}

#[test]
fn invalid_timestamps_name_the_field() {
    for bad in [
        "2016-13-01T00:00:00Z",
        "yesterday",
        "2016-12-31T23:59:34",
        "2016-12-31T23:59:60-08:00",
    ] {
        assert_eq!(
            body_error_path(&json!({ "certificateIssuanceDateTime": bad })),
            "certificateIssuanceDateTime"
        );
    }
}

#[test]
fn wrong_types_name_the_field() {
    assert_eq!(
        body_error_path(&json!({ "certificateRevokeStatus": 1 })),
        "certificateRevokeStatus"
    );
    assert_eq!(
        body_error_path(&json!({ "userPrincipalName": ["a"] })),
        "userPrincipalName"
    );
    assert_eq!(
        body_error_path(&json!({ "@odata.type": {} })),
        "@odata.type"
    );
    assert_eq!(body_error_path(&json!([1, 2])), ".");
}

#[test]
fn truncated_and_empty_bodies_are_body_errors() {
    for body in [
        &b""[..],
        b"{",
        br#"{"id": "x", "certif"#,
        b"\xff\xfe",
        b"null",
    ] {
        assert!(
            matches!(read(body), Err(ResponseError::Body { .. })),
            "{body:?}"
        );
    }
}
