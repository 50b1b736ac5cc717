//! The whole `managedAllDeviceCertificateState` family — list, get, create, update, delete —
//! against the examples of its documentation pages (imported into the spec): every request is
//! rebuilt exactly, every response body reads into its generated type and writes back equal.

use http::{Method, Response};
use msgraph_beta::runtime::{AccessToken, NationalCloud, Operation, Page};
use msgraph_beta::{
    CreateManagedAllDeviceCertificateState, DeleteManagedAllDeviceCertificateState,
    GetManagedAllDeviceCertificateState, ListManagedAllDeviceCertificateStates,
    ManagedAllDeviceCertificateState,
};
use msgraph_tests::{json_body, spec_endpoint};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const ID: &str = "{managedAllDeviceCertificateStateId}";
const ENCODED_ID: &str = "%7BmanagedAllDeviceCertificateStateId%7D";

/// Reads `json` as `T` and checks it writes back equal.
fn round_trip<T: DeserializeOwned + Serialize>(json: &Value) -> T {
    let value: T = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(&serde_json::to_value(&value).expect("serializes"), json);
    value
}

/// The documented request line against the one the builder produces.
fn assert_request_line<O: Operation>(title: &str, operation: &O) -> http::Request<Vec<u8>> {
    let example = &spec_endpoint(title).examples[0].request;
    let request = operation
        .to_http_request(NationalCloud::Global, &AccessToken::new("t"))
        .expect("builds");
    assert_eq!(request.method().as_str(), example.method);
    assert_eq!(
        request.uri().to_string(),
        example.url.replace(ID, ENCODED_ID)
    );
    request
}

fn documented_response(title: &str) -> (u16, Option<Value>) {
    let example = &spec_endpoint(title).examples[0].response;
    (
        example.status,
        example.body.as_ref().map(|_| json_body(&example.body)),
    )
}

#[test]
fn list_reads_the_documented_page() {
    let title = "List managedAllDeviceCertificateStates";
    assert_request_line(title, &ListManagedAllDeviceCertificateStates::new());
    let (status, body) = documented_response(title);
    let body = body.expect("a body");
    let page: Page<ManagedAllDeviceCertificateState> = round_trip(&body);
    assert_eq!(page.value.len(), 1);
    assert!(page.next().is_none());
    let response = Response::builder()
        .status(status)
        .body(body.to_string())
        .expect("valid");
    let parsed = ListManagedAllDeviceCertificateStates::parse_response(&response).expect("parses");
    assert_eq!(parsed.value[0].certificate_key_usages, Some(4));
}

#[test]
fn get_reads_the_documented_entity() {
    let title = "Get managedAllDeviceCertificateState";
    assert_request_line(title, &GetManagedAllDeviceCertificateState::new(ID));
    let (status, body) = documented_response(title);
    // The `-get` pages wrap the entity in `{"value": …}`; the service returns it bare.
    let body = body.expect("a body")["value"].clone();
    let state: ManagedAllDeviceCertificateState = round_trip(&body);
    assert_eq!(
        state.id.as_deref(),
        Some("987c6a17-6a17-987c-176a-7c98176a7c98")
    );
    let response = Response::builder()
        .status(status)
        .body(body.to_string())
        .expect("valid");
    GetManagedAllDeviceCertificateState::parse_response(&response).expect("parses");
}

#[test]
fn create_sends_the_documented_body_and_reads_201() {
    let title = "Create managedAllDeviceCertificateState";
    let request_body = json_body(&spec_endpoint(title).examples[0].request.body);
    let entity: ManagedAllDeviceCertificateState = round_trip(&request_body);
    let request = assert_request_line(title, &CreateManagedAllDeviceCertificateState::new(entity));
    let sent: Value = serde_json::from_slice(request.body()).expect("JSON");
    assert_eq!(sent, request_body);

    let (status, body) = documented_response(title);
    assert_eq!(status, 201);
    let body = body.expect("a body");
    round_trip::<ManagedAllDeviceCertificateState>(&body);
    let response = Response::builder()
        .status(status)
        .body(body.to_string())
        .expect("valid");
    CreateManagedAllDeviceCertificateState::parse_response(&response).expect("parses");
}

#[test]
fn delete_sends_nothing_and_reads_204() {
    let title = "Delete managedAllDeviceCertificateState";
    let request = assert_request_line(title, &DeleteManagedAllDeviceCertificateState::new(ID));
    assert_eq!(request.method(), Method::DELETE);
    assert!(request.body().is_empty());
    let (status, body) = documented_response(title);
    assert_eq!((status, body), (204, None));
    let response = Response::builder()
        .status(204)
        .body(Vec::new())
        .expect("valid");
    DeleteManagedAllDeviceCertificateState::parse_response(&response).expect("204 is success");
}
