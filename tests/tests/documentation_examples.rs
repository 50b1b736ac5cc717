//! The generated crate against the documentation's own example of
//! `PATCH /deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/{id}`.

use http::{Method, Response, StatusCode};
use msgraph_beta::runtime::{
    AccessToken, DateTimeOffset, NationalCloud, Operation, ServiceRoot, Updated,
};
use msgraph_beta::{
    CertificateRevocationStatus, ManagedAllDeviceCertificateState,
    ManagedAllDeviceCertificateStatePatch, UpdateManagedAllDeviceCertificateState,
};
use msgraph_tests::{documented_patch, json_body, spec_endpoint};
use serde_json::Value;

const UPDATE: &str = "Update managedAllDeviceCertificateState";

/// Asserts instant, offset and full precision of a timestamp against its documented text.
fn assert_instant(
    actual: Option<DateTimeOffset>,
    year: i32,
    day: u8,
    hms: (u8, u8, u8),
    nanos: u32,
    offset_hours: i8,
) {
    let actual = actual
        .expect("the timestamp is present")
        .to_offset_date_time();
    assert_eq!(actual.year(), year);
    assert_eq!(actual.day(), day);
    assert_eq!((actual.hour(), actual.minute(), actual.second()), hms);
    assert_eq!(actual.nanosecond(), nanos);
    assert_eq!(actual.offset().whole_hours(), offset_hours);
    assert_eq!(actual.offset().minutes_past_hour(), 0);
}

#[test]
fn response_example_deserializes_with_every_field() {
    let endpoint = spec_endpoint(UPDATE);
    let example = &endpoint.examples[0];
    assert_eq!(example.response.status, 200);
    let body = json_body(&example.response.body);
    let state: ManagedAllDeviceCertificateState =
        serde_json::from_value(body).expect("the documented response deserializes");

    assert_eq!(
        state.odata_type.as_deref(),
        Some("#microsoft.graph.managedAllDeviceCertificateState")
    );
    assert_eq!(
        state.id.as_deref(),
        Some("987c6a17-6a17-987c-176a-7c98176a7c98")
    );
    assert_eq!(
        state.certificate_revoke_status,
        Some(CertificateRevocationStatus::Pending)
    );
    assert_instant(
        state.certificate_revoke_status_last_change_date_time,
        2016,
        31,
        (23, 59, 34),
        954_720_800,
        -8,
    );
    assert_eq!(
        state.managed_device_display_name.as_deref(),
        Some("Managed Device Display Name value")
    );
    assert_eq!(
        state.user_principal_name.as_deref(),
        Some("User Principal Name value")
    );
    let expiry = state.certificate_expiration_date_time;
    assert_instant(expiry, 2017, 1, (0, 2, 14), 948_924_700, -8);
    assert_eq!(
        state.certificate_issuer_name.as_deref(),
        Some("Certificate Issuer Name value")
    );
    assert_eq!(
        state.certificate_thumbprint.as_deref(),
        Some("Certificate Thumbprint value")
    );
    assert_eq!(
        state.certificate_serial_number.as_deref(),
        Some("Certificate Serial Number value")
    );
    assert_eq!(
        state.certificate_subject_name.as_deref(),
        Some("Certificate Subject Name value")
    );
    assert_eq!(state.certificate_key_usages, Some(4));
    assert_eq!(
        state.certificate_extended_key_usages.as_deref(),
        Some("Certificate Extended Key Usages value")
    );
    assert_instant(
        state.certificate_issuance_date_time,
        2016,
        31,
        (23, 59, 41),
        504_447_300,
        -8,
    );
    assert!(
        state.additional_properties.is_empty(),
        "every documented property has a field"
    );
}

#[test]
fn response_example_round_trips_to_equal_json() {
    let endpoint = spec_endpoint(UPDATE);
    let body = json_body(&endpoint.examples[0].response.body);
    let state: ManagedAllDeviceCertificateState =
        serde_json::from_value(body.clone()).expect("deserializes");
    assert_eq!(serde_json::to_value(&state).expect("serializes"), body);
}

#[test]
fn parse_response_reads_the_documented_response() {
    let endpoint = spec_endpoint(UPDATE);
    let example = &endpoint.examples[0];
    let text = example
        .response
        .body
        .as_ref()
        .expect("a body")
        .value
        .clone();
    let response = Response::builder()
        .status(example.response.status)
        .body(text.into_bytes())
        .expect("a valid response");
    let state = UpdateManagedAllDeviceCertificateState::parse_response(&response)
        .expect("the documented response parses")
        .into_entity()
        .expect("200 OK carries the entity");
    assert_eq!(state.certificate_key_usages, Some(4));
}

#[test]
fn no_content_is_a_success_the_caller_can_tell_apart() {
    let response = Response::builder()
        .status(204)
        .body(Vec::new())
        .expect("valid");
    let outcome = UpdateManagedAllDeviceCertificateState::parse_response(&response)
        .expect("204 is a success");
    assert_eq!(outcome, Updated::NoContent);
    // 204 is accepted where an update documents 200, and nowhere a body is required.
    let response = Response::builder()
        .status(201)
        .body(b"{}".to_vec())
        .expect("valid");
    assert!(UpdateManagedAllDeviceCertificateState::parse_response(&response).is_err());
}

#[test]
fn a_custom_service_root_keeps_its_cloud_rules() {
    let root = ServiceRoot::custom(NationalCloud::UsGovL4, "http://127.0.0.1:9/proxy/")
        .expect("a base URL");
    let request = UpdateManagedAllDeviceCertificateState::new(
        "id",
        ManagedAllDeviceCertificateStatePatch::default(),
    )
    .to_http_request(root, &AccessToken::new("t"))
    .expect("builds");
    assert_eq!(
        request.uri().to_string(),
        "http://127.0.0.1:9/proxy/beta/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/id"
    );
    for bad in ["127.0.0.1:9", "/relative", "http://host/?q=1", "not a url"] {
        assert!(
            ServiceRoot::custom(NationalCloud::Global, bad).is_err(),
            "{bad}"
        );
    }
    assert_eq!(
        NationalCloud::UsGovL5Dod.scope(),
        "https://dod-graph.microsoft.us/.default"
    );
}

#[test]
fn request_example_is_reproduced_exactly() {
    let endpoint = spec_endpoint(UPDATE);
    let example = &endpoint.examples[0].request;
    let id = "{managedAllDeviceCertificateStateId}";
    let request = UpdateManagedAllDeviceCertificateState::new(id, documented_patch())
        .to_http_request(NationalCloud::Global, &AccessToken::new("secret-token"))
        .expect("the request builds");

    assert_eq!(example.method, "PATCH");
    assert_eq!(request.method(), Method::PATCH);
    // The documented URL carries the placeholder literally; the builder encodes it as one segment.
    let expected_url = example
        .url
        .replace(id, "%7BmanagedAllDeviceCertificateStateId%7D");
    assert_eq!(request.uri().to_string(), expected_url);

    let headers = request.headers();
    assert_eq!(headers["authorization"], "Bearer secret-token");
    assert!(
        headers["authorization"].is_sensitive(),
        "the token is marked sensitive"
    );
    assert_eq!(headers["accept"], "application/json");
    for documented in &example.headers {
        if documented.name.eq_ignore_ascii_case("content-type") {
            assert_eq!(headers["content-type"], documented.value.as_str());
        }
    }
    assert_eq!(
        headers.len(),
        3,
        "only Authorization, Accept and Content-Type: {headers:?}"
    );

    let sent: Value = serde_json::from_slice(request.body()).expect("the body is JSON");
    assert_eq!(sent, json_body(&example.body));
    // Graph's 7-digit fractions and local offsets go out exactly as written.
    let text = String::from_utf8(request.body().clone()).expect("UTF-8");
    assert!(
        text.contains(
            r#""certificateRevokeStatusLastChangeDateTime":"2016-12-31T23:59:34.9547208-08:00""#
        ),
        "{text}"
    );
}

#[test]
fn every_documented_cloud_has_its_own_host() {
    let endpoint = spec_endpoint(UPDATE);
    assert_eq!(endpoint.national_clouds.as_ref().map(Vec::len), Some(4));
    let hosts: Vec<String> = NationalCloud::ALL
        .iter()
        .map(|cloud| {
            let request = UpdateManagedAllDeviceCertificateState::new(
                "id",
                ManagedAllDeviceCertificateStatePatch::default(),
            )
            .to_http_request(*cloud, &AccessToken::new("t"))
            .expect("the documentation lists every cloud for this operation");
            assert_eq!(
                request.uri().path(),
                "/beta/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/id"
            );
            request.uri().host().expect("a host").to_owned()
        })
        .collect();
    assert_eq!(
        hosts,
        [
            "graph.microsoft.com",
            "graph.microsoft.us",
            "dod-graph.microsoft.us",
            "microsoftgraph.chinacloudapi.cn"
        ]
    );
}

#[test]
fn graph_error_responses_become_typed_errors() {
    let body = r#"{"error":{"code":"Forbidden","message":"Insufficient privileges.","innerError":{"request-id":"1b2c","client-request-id":"9f8e","date":"2024-01-01T00:00:00"}}}"#;
    let response = Response::builder()
        .status(StatusCode::FORBIDDEN)
        .body(body)
        .expect("valid");
    let error = UpdateManagedAllDeviceCertificateState::parse_response(&response)
        .expect_err("403 is an error");
    let msgraph_beta::runtime::ResponseError::Forbidden {
        operation,
        error: Some(graph),
        ..
    } = &error
    else {
        panic!("expected a 403 error with a Graph error body, got {error:?}");
    };
    assert_eq!(*operation, "Update managedAllDeviceCertificateState");
    assert_eq!(graph.code, "Forbidden");
    let inner = graph.inner_error.as_ref().expect("innerError");
    assert_eq!(inner.request_id.as_deref(), Some("1b2c"));
    assert_eq!(inner.client_request_id.as_deref(), Some("9f8e"));
    // The update page's table: ReadWrite.All for work or school accounts and applications.
    assert_eq!(
        error.to_string(),
        "Graph answered 403 Forbidden to `Update managedAllDeviceCertificateState`: Forbidden: \
         Insufficient privileges. (request-id 1b2c); the documentation lists these permissions \
         for it, any one of a type allowing the call, least privileged first: \
         Delegated (work or school account): DeviceManagementConfiguration.ReadWrite.All; \
         Delegated (personal Microsoft account): not supported; \
         Application: DeviceManagementConfiguration.ReadWrite.All"
    );

    // Any other error status is `Status`, with Graph's error.
    let response = Response::builder()
        .status(StatusCode::NOT_FOUND)
        .body(body)
        .expect("valid");
    let error = UpdateManagedAllDeviceCertificateState::parse_response(&response)
        .expect_err("404 is an error");
    assert_eq!(
        error.to_string(),
        "Graph answered 404 Not Found: Forbidden: Insufficient privileges. (request-id 1b2c)"
    );
}

#[test]
fn a_body_of_the_wrong_shape_names_the_field() {
    let response = Response::builder()
        .status(200)
        .body(r#"{"certificateKeyUsages":"four","id":"x","userPrincipalName":"u"}"#)
        .expect("valid");
    let error =
        UpdateManagedAllDeviceCertificateState::parse_response(&response).expect_err("wrong type");
    let msgraph_beta::runtime::ResponseError::Body { path, excerpt, .. } = &error else {
        panic!("expected a body error, got {error:?}");
    };
    assert_eq!(path, "certificateKeyUsages");
    assert!(excerpt.starts_with(r#"{"certificateKeyUsages":"four""#));
    assert!(
        error.to_string().contains("at `certificateKeyUsages`"),
        "{error}"
    );

    let response = Response::builder()
        .status(502)
        .body("<html>Bad gateway</html>")
        .expect("valid");
    let error = UpdateManagedAllDeviceCertificateState::parse_response(&response).expect_err("502");
    assert_eq!(
        error.to_string(),
        r#"Graph answered 502 Bad Gateway with a body that is not a Graph error: "<html>Bad gateway</html>""#
    );
}
