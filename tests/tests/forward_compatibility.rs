//! Beta changes under its users: unknown enum values and properties must survive a round trip.

use msgraph_beta::runtime::DateTimeOffset;
use msgraph_beta::{CertificateRevocationStatus, ManagedAllDeviceCertificateState};
use serde_json::json;

#[test]
fn documented_enum_values_serialize_exactly_as_documented() {
    assert_eq!(
        CertificateRevocationStatus::DOCUMENTED_VALUES,
        ["none", "pending", "issued", "failed", "revoked"]
    );
    for value in CertificateRevocationStatus::DOCUMENTED_VALUES {
        let parsed: CertificateRevocationStatus =
            serde_json::from_value(json!(value)).expect("documented");
        assert!(
            !matches!(parsed, CertificateRevocationStatus::Undocumented(_)),
            "{value}"
        );
        assert_eq!(
            serde_json::to_value(&parsed).expect("serializes"),
            json!(value)
        );
        assert_eq!(parsed.to_string(), *value);
    }
    assert_eq!(
        CertificateRevocationStatus::from("none"),
        CertificateRevocationStatus::None
    );
}

#[test]
fn an_unknown_enum_value_is_kept_and_written_back() {
    let parsed: CertificateRevocationStatus =
        serde_json::from_value(json!("unknownFutureValue")).expect("never fails");
    let CertificateRevocationStatus::Undocumented(value) = &parsed else {
        panic!("expected the catch-all variant, got {parsed:?}");
    };
    assert_eq!(value.as_str(), "unknownFutureValue");
    assert_eq!(
        serde_json::to_value(&parsed).expect("serializes"),
        json!("unknownFutureValue")
    );
    // Case matters: Graph's values are exact strings.
    assert!(matches!(
        CertificateRevocationStatus::from("Pending"),
        CertificateRevocationStatus::Undocumented(_)
    ));
}

#[test]
fn a_non_string_enum_value_is_a_typed_error() {
    let error =
        serde_json::from_value::<CertificateRevocationStatus>(json!(1)).expect_err("not a string");
    assert!(error.to_string().contains("enum member name"), "{error}");
}

#[test]
fn unknown_properties_and_values_survive_a_round_trip() {
    let body = json!({
        "@odata.type": "#microsoft.graph.managedAllDeviceCertificateState",
        "id": "1",
        "certificateRevokeStatus": "quarantined",
        "certificateKeyUsages": 4,
        "newBetaProperty": {"nested": [1, 2, 3]},
        "@odata.etag": "W/\"1\""
    });
    let state: ManagedAllDeviceCertificateState =
        serde_json::from_value(body.clone()).expect("deserializes");
    assert_eq!(state.additional_properties.len(), 2);
    assert_eq!(
        state.additional_properties["newBetaProperty"],
        json!({"nested": [1, 2, 3]})
    );
    assert_eq!(serde_json::to_value(&state).expect("serializes"), body);
}

#[test]
fn a_property_given_twice_keeps_its_last_value() {
    // From bytes: a `serde_json::Value` would already have merged the keys.
    let state: ManagedAllDeviceCertificateState =
        serde_json::from_str(r#"{"id": "1", "id": "2", "extra": 1, "extra": 2}"#)
            .expect("deserializes");
    assert_eq!(state.id.as_deref(), Some("2"));
    assert_eq!(state.additional_properties["extra"], json!(2));
}

#[test]
fn a_body_that_is_not_an_object_names_the_type_expected() {
    let error = serde_json::from_value::<ManagedAllDeviceCertificateState>(json!([1]))
        .expect_err("an array");
    assert!(
        error
            .to_string()
            .contains("a JSON object (ManagedAllDeviceCertificateState)"),
        "{error}"
    );
}

#[test]
fn omitted_and_null_properties_read_as_absent() {
    let state: ManagedAllDeviceCertificateState =
        serde_json::from_value(json!({"id": "1", "userPrincipalName": null}))
            .expect("deserializes");
    assert_eq!(state.id.as_deref(), Some("1"));
    assert_eq!(state.user_principal_name, None);
    assert_eq!(state.certificate_revoke_status, None);
    assert_eq!(
        serde_json::to_value(&state).expect("serializes"),
        json!({"id": "1"})
    );
}

#[test]
fn timestamps_keep_offset_precision_and_designator() {
    for text in [
        "2016-12-31T23:59:34.9547208-08:00",
        "2016-12-31T23:59:34.9547200-08:00",
        "2024-02-29T12:00:00Z",
        "2024-02-29T12:00:00+00:00",
        "2024-02-29T12:00:00.1+05:30",
        "2024-02-29T12:00:00.123456789Z",
    ] {
        let parsed: DateTimeOffset = serde_json::from_value(json!(text)).expect(text);
        assert_eq!(
            serde_json::to_value(parsed).expect("serializes"),
            json!(text)
        );
    }
    let a: DateTimeOffset = "2016-12-31T23:59:34.95472-08:00".parse().expect("valid");
    let b: DateTimeOffset = "2016-12-31T23:59:34.9547200-08:00".parse().expect("valid");
    assert_eq!(a, b, "written precision does not change the value");
    let utc: DateTimeOffset = "2017-01-01T07:59:34.95472Z".parse().expect("valid");
    assert_ne!(
        a, utc,
        "the same instant in another offset is a different value"
    );
    assert_eq!(a.to_offset_date_time(), utc.to_offset_date_time());
}

#[test]
fn invalid_timestamps_are_typed_errors_naming_the_field() {
    for bad in [
        "2016-13-01T00:00:00Z",
        "yesterday",
        "2016-12-31T23:59:34",
        "",
    ] {
        let error = serde_json::from_value::<ManagedAllDeviceCertificateState>(
            json!({ "certificateIssuanceDateTime": bad }),
        )
        .expect_err(bad);
        assert!(error.to_string().contains("RFC 3339"), "{bad}: {error}");
    }
    let from: DateTimeOffset = time::OffsetDateTime::UNIX_EPOCH.into();
    assert_eq!(from.to_string(), "1970-01-01T00:00:00Z");
}
