//! A `PATCH` body holds exactly what the caller changed: set, cleared, or nothing.

use msgraph_beta::runtime::{AccessToken, BuildError, NationalCloud, Operation, Patch};
use msgraph_beta::{
    CertificateRevocationStatus, ManagedAllDeviceCertificateStatePatch,
    UpdateManagedAllDeviceCertificateState,
};
use serde_json::{Value, json};

fn sent_body(body: ManagedAllDeviceCertificateStatePatch) -> Value {
    let request = UpdateManagedAllDeviceCertificateState::new("id", body)
        .to_http_request(NationalCloud::Global, &AccessToken::new("t"))
        .expect("builds");
    serde_json::from_slice(request.body()).expect("JSON")
}

#[test]
fn an_untouched_body_sends_only_the_odata_type() {
    assert_eq!(
        sent_body(ManagedAllDeviceCertificateStatePatch::default()),
        json!({"@odata.type": "#microsoft.graph.managedAllDeviceCertificateState"})
    );
}

#[test]
fn one_field_set_sends_that_field_and_the_odata_type_only() {
    let mut body = ManagedAllDeviceCertificateStatePatch::default();
    body.certificate_revoke_status = Patch::Set(CertificateRevocationStatus::Revoked);
    assert_eq!(
        sent_body(body),
        json!({
            "@odata.type": "#microsoft.graph.managedAllDeviceCertificateState",
            "certificateRevokeStatus": "revoked"
        })
    );
}

#[test]
fn a_cleared_field_is_sent_as_null() {
    let mut body = ManagedAllDeviceCertificateStatePatch::default();
    body.user_principal_name = Patch::Clear;
    body.certificate_key_usages = Patch::Set(0);
    assert_eq!(
        sent_body(body),
        json!({
            "@odata.type": "#microsoft.graph.managedAllDeviceCertificateState",
            "userPrincipalName": null,
            "certificateKeyUsages": 0
        })
    );
}

#[test]
fn undocumented_properties_can_be_sent() {
    let mut body = ManagedAllDeviceCertificateStatePatch::default();
    body.additional_properties
        .insert("newBetaProperty".into(), json!(true));
    assert_eq!(sent_body(body)["newBetaProperty"], json!(true));
}

#[test]
fn an_unchanged_patch_value_refuses_to_serialize_on_its_own() {
    let error = serde_json::to_string(&Patch::<String>::Unchanged).expect_err("nothing to send");
    assert!(error.to_string().contains("unchanged"), "{error}");
    assert_eq!(Patch::from(Some(3)), Patch::Set(3));
    assert_eq!(Patch::<i32>::from(None), Patch::Unchanged);
}

#[test]
fn ids_are_encoded_as_exactly_one_path_segment() {
    let path = |id: &str| {
        UpdateManagedAllDeviceCertificateState::new(
            id,
            ManagedAllDeviceCertificateStatePatch::default(),
        )
        .to_http_request(NationalCloud::Global, &AccessToken::new("t"))
        .expect("builds")
        .uri()
        .path()
        .rsplit_once("States/")
        .expect("the collection segment")
        .1
        .to_owned()
    };
    assert_eq!(path("a/b?c#d"), "a%2Fb%3Fc%23d");
    assert_eq!(path("with space+plus%"), "with%20space%2Bplus%25");
    assert_eq!(
        path("987c6a17-6a17_987c.176a~x"),
        "987c6a17-6a17_987c.176a~x"
    );
    // Not dot-segments: kept literally.
    assert_eq!(path("..."), "...");
    assert_eq!(path("%2E%2E"), "%252E%252E");
    assert_eq!(path("é"), "%C3%A9");
}

#[test]
fn an_empty_id_is_refused_rather_than_patching_the_collection() {
    let error = UpdateManagedAllDeviceCertificateState::new(
        "",
        ManagedAllDeviceCertificateStatePatch::default(),
    )
    .to_http_request(NationalCloud::Global, &AccessToken::new("t"))
    .expect_err("empty id");
    assert!(matches!(
        error,
        BuildError::EmptyPathParameter {
            name: "managedAllDeviceCertificateStateId"
        }
    ));
    assert!(
        error
            .to_string()
            .contains("`managedAllDeviceCertificateStateId` is empty"),
        "{error}"
    );
}

#[test]
fn a_dot_segment_id_is_refused_rather_than_addressing_another_resource() {
    for id in [".", ".."] {
        let error = UpdateManagedAllDeviceCertificateState::new(
            id,
            ManagedAllDeviceCertificateStatePatch::default(),
        )
        .to_http_request(NationalCloud::Global, &AccessToken::new("t"))
        .expect_err("dot-segment");
        assert!(
            matches!(
                error,
                BuildError::DotPathParameter {
                    name: "managedAllDeviceCertificateStateId",
                    value,
                } if value == id
            ),
            "{error:?}"
        );
    }
}

#[test]
fn a_token_that_cannot_be_a_header_is_refused_without_echoing_it() {
    let error = UpdateManagedAllDeviceCertificateState::new(
        "id",
        ManagedAllDeviceCertificateStatePatch::default(),
    )
    .to_http_request(NationalCloud::Global, &AccessToken::new("line\nbreak"))
    .expect_err("invalid header");
    assert!(matches!(error, BuildError::InvalidToken));
    assert!(!error.to_string().contains("line"), "{error}");
    assert_eq!(
        format!("{:?}", AccessToken::new("secret")),
        "AccessToken(<redacted>)"
    );
}
