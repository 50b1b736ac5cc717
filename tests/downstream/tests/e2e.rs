//! The client over real TCP on loopback: a scripted server stands in for Graph, checks what the
//! documentation specifies, and answers with the documentation's examples and with the failures
//! real services produce.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use msgraph_beta::runtime::{
    AccessToken, CallOptions, Client, CredentialError, Error, NationalCloud, ResponseError,
    RetryPolicy, ServiceRoot, Updated,
};
use msgraph_beta::{
    CertificateRevocationStatus, ManagedAllDeviceCertificateStatePatch,
    UpdateManagedAllDeviceCertificateState,
};
use msgraph_tests::{documented_patch, json_body, spec_endpoint};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const UPDATE: &str = "Update managedAllDeviceCertificateState";
const COLLECTION: &str =
    "/beta/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates";

/// A request as the server received it.
#[derive(Debug)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with one connection.
enum Reply {
    /// Write these bytes, then close.
    Raw(Vec<u8>),
    /// Read the request and never answer.
    Hang,
}

/// A complete response; `Connection: close` so each request arrives on a new connection.
fn reply(status: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut text = format!(
        "HTTP/1.1 {status}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    Reply::Raw(text.into_bytes())
}

async fn read_request(stream: &mut TcpStream) -> Received {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "the client closed before sending a request");
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut request = httparse::Request::new(&mut headers);
    request
        .parse(&buffer[..head_end])
        .expect("a valid HTTP request");
    let headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_ascii_lowercase(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().expect("a length"));
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "the body was cut short");
        body.extend_from_slice(&chunk[..n]);
    }
    Received {
        method: request.method.expect("method").to_owned(),
        target: request.path.expect("target").to_owned(),
        headers,
        body,
    }
}

/// Serves `replies`, one connection each, and returns the requests received.
async fn serve(replies: Vec<Reply>) -> (String, tokio::task::JoinHandle<Vec<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let handle = tokio::spawn(async move {
        let mut received = Vec::new();
        for reply in replies {
            let (mut stream, _) = listener.accept().await.expect("accept");
            received.push(read_request(&mut stream).await);
            match reply {
                Reply::Raw(bytes) => {
                    stream.write_all(&bytes).await.expect("write");
                    let _ = stream.shutdown().await;
                }
                Reply::Hang => tokio::time::sleep(Duration::from_secs(30)).await,
            }
        }
        received
    });
    (base, handle)
}

fn client(base: &str) -> Client {
    Client::builder(AccessToken::new("token-1"))
        .service_root(ServiceRoot::custom(NationalCloud::Global, base).expect("base URL"))
        .timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(2))
        .retry(RetryPolicy::default().initial_backoff(Duration::from_millis(50)))
        .build()
        .expect("client")
}

fn documented_response() -> String {
    let endpoint = spec_endpoint(UPDATE);
    endpoint.examples[0]
        .response
        .body
        .as_ref()
        .expect("a body")
        .value
        .clone()
}

fn update(id: &str) -> UpdateManagedAllDeviceCertificateState {
    UpdateManagedAllDeviceCertificateState::new(id, documented_patch())
}

#[tokio::test]
async fn the_documented_request_is_sent_and_the_documented_response_read() {
    let (base, server) = serve(vec![reply(
        "200 OK",
        &[("content-type", "application/json")],
        &documented_response(),
    )])
    .await;
    let outcome = client(&base)
        .send(&update("a/b?c#d"))
        .await
        .expect("the call succeeds");
    let Updated::Entity(state) = outcome else {
        panic!("expected the entity, got {outcome:?}")
    };
    assert_eq!(
        state.certificate_revoke_status,
        Some(CertificateRevocationStatus::Pending)
    );
    assert_eq!(state.certificate_key_usages, Some(4));

    let received = server.await.expect("server");
    let request = &received[0];
    assert_eq!(request.method, "PATCH");
    assert_eq!(
        request.target,
        format!("{COLLECTION}/a%2Fb%3Fc%23d"),
        "the id arrives as one segment"
    );
    assert_eq!(request.header("authorization"), Some("Bearer token-1"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("user-agent"), Some("msgraph-beta/0.1.0"));
    let id = request
        .header("client-request-id")
        .expect("a client-request-id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(id.matches('-').count(), 4, "a UUID: {id}");
    let sent: Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(
        sent,
        json_body(&spec_endpoint(UPDATE).examples[0].request.body)
    );
}

#[tokio::test]
async fn a_graph_error_is_typed_and_readable() {
    let body = r#"{"error":{"code":"Forbidden","message":"Application is not authorized to perform this operation.","innerError":{"request-id":"5a0c1c1e-7f2b-4a3e-9a1c-0f3c2e1d9b8a","client-request-id":"given-id","date":"2024-05-01T10:00:00"}}}"#;
    let (base, server) = serve(vec![reply(
        "403 Forbidden",
        &[("content-type", "application/json")],
        body,
    )])
    .await;
    let options = CallOptions::default().client_request_id("given-id");
    let error = client(&base)
        .send_with(&update("1"), &options)
        .await
        .expect_err("403");
    assert_eq!(error.status(), Some(http::StatusCode::FORBIDDEN));
    let graph = error.graph_error().expect("Graph's error body");
    assert_eq!(graph.code, "Forbidden");
    let inner = graph.inner_error.as_ref().expect("innerError");
    assert_eq!(inner.client_request_id.as_deref(), Some("given-id"));
    assert_eq!(
        error.to_string(),
        "Graph answered 403 Forbidden: Forbidden: Application is not authorized to perform this operation. \
         (request-id 5a0c1c1e-7f2b-4a3e-9a1c-0f3c2e1d9b8a)"
    );
    assert!(!format!("{error:?}").contains("token-1"));
    let received = server.await.expect("server");
    assert_eq!(received.len(), 1, "a 403 is not retried");
    assert_eq!(received[0].header("client-request-id"), Some("given-id"));
}

#[tokio::test]
async fn throttling_is_retried_after_the_time_the_service_asks_for() {
    let throttled = r#"{"error":{"code":"TooManyRequests","message":"Slow down."}}"#;
    let (base, server) = serve(vec![
        reply("429 Too Many Requests", &[("retry-after", "1")], throttled),
        reply("200 OK", &[], &documented_response()),
    ])
    .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let client = Client::builder(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move { Ok::<_, CredentialError>(AccessToken::new(format!("token-{n}"))) }
    })
    .service_root(ServiceRoot::custom(NationalCloud::Global, base.as_str()).expect("base URL"))
    .timeout(Duration::from_secs(5))
    .build()
    .expect("client");

    let started = Instant::now();
    let outcome = client
        .send(&update("1"))
        .await
        .expect("succeeds after the retry");
    assert!(matches!(outcome, Updated::Entity(_)));
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After: 1 was honoured"
    );

    let received = server.await.expect("server");
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].header("authorization"), Some("Bearer token-1"));
    assert_eq!(
        received[1].header("authorization"),
        Some("Bearer token-2"),
        "the token is asked for per request"
    );
    assert_eq!(
        received[0].header("client-request-id"),
        received[1].header("client-request-id")
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_patch_is_not_retried_unless_the_service_asks() {
    let (base, server) = serve(vec![reply("503 Service Unavailable", &[], "")]).await;
    let error = client(&base).send(&update("1")).await.expect_err("503");
    assert_eq!(error.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(server.await.expect("server").len(), 1);
}

#[tokio::test]
async fn no_content_is_a_distinct_success() {
    let (base, server) = serve(vec![Reply::Raw(
        b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n".to_vec(),
    )])
    .await;
    let outcome = client(&base)
        .send(&update("1"))
        .await
        .expect("204 is a success");
    assert_eq!(outcome, Updated::NoContent);
    server.await.expect("server");
}

#[tokio::test]
async fn a_non_json_error_page_is_an_error_with_an_excerpt() {
    let (base, server) = serve(vec![reply(
        "502 Bad Gateway",
        &[("content-type", "text/html")],
        "<html>upstream down</html>",
    )])
    .await;
    let error = client(&base).send(&update("1")).await.expect_err("502");
    assert!(
        matches!(&error, Error::Response(ResponseError::Status { error: None, excerpt, .. }) if excerpt == "<html>upstream down</html>"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        r#"Graph answered 502 Bad Gateway with a body that is not a Graph error: "<html>upstream down</html>""#
    );
    server.await.expect("server");
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error() {
    let head = "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n";
    let (base, server) = serve(vec![Reply::Raw(
        format!("{head}{{\"id\": \"1\", \"certif").into_bytes(),
    )])
    .await;
    let error = client(&base)
        .send(&update("1"))
        .await
        .expect_err("cut short");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("the request failed in transit"),
        "{error}"
    );
    server.await.expect("server");
}

#[tokio::test]
async fn a_field_of_the_wrong_type_is_named() {
    let (base, server) = serve(vec![reply(
        "200 OK",
        &[],
        r#"{"id":"1","certificateKeyUsages":"four"}"#,
    )])
    .await;
    let error = client(&base)
        .send(&update("1"))
        .await
        .expect_err("wrong type");
    let Error::Response(ResponseError::Body { path, .. }) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(path, "certificateKeyUsages");
    server.await.expect("server");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    let error = client(&base).send(&update("1")).await.expect_err("refused");
    assert!(
        matches!(&error, Error::Transport(e) if e.is_connect()),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("cannot connect to Microsoft Graph"),
        "{error}"
    );
}

#[tokio::test]
async fn a_silent_server_times_out() {
    let (base, _server) = serve(vec![Reply::Hang]).await;
    let client = Client::builder(AccessToken::new("t"))
        .service_root(ServiceRoot::custom(NationalCloud::Global, base.as_str()).expect("base URL"))
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let error = client.send(&update("1")).await.expect_err("times out");
    assert!(
        matches!(&error, Error::Transport(e) if e.is_timeout()),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with("the request timed out"),
        "{error}"
    );
}

#[tokio::test]
async fn a_credential_failure_stops_before_sending() {
    let client = Client::builder(|| async { Err::<AccessToken, _>("the refresh token expired") })
        .build()
        .expect("client");
    let error = client
        .send(&UpdateManagedAllDeviceCertificateState::new(
            "1",
            ManagedAllDeviceCertificateStatePatch::default(),
        ))
        .await
        .expect_err("no token");
    assert_eq!(
        error.to_string(),
        "the credential could not supply a token: the refresh token expired"
    );
    assert!(!format!("{client:?}").contains("token"), "{client:?}");
}

#[tokio::test]
async fn the_downstream_program_updates_a_certificate_state() {
    let (base, server) = serve(vec![reply("200 OK", &[], &documented_response())]).await;
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_update-certificate-state"))
        .args([
            "987c6a17-6a17-987c-176a-7c98176a7c98",
            "pending",
            "--base-url",
            &base,
        ])
        .env("MSGRAPH_TOKEN", "program-token")
        .output()
        .await
        .expect("the program runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "updated 987c6a17-6a17-987c-176a-7c98176a7c98: revoke status pending\n"
    );
    let received = server.await.expect("server");
    assert_eq!(
        received[0].header("authorization"),
        Some("Bearer program-token")
    );
    let sent: Value = serde_json::from_slice(&received[0].body).expect("JSON");
    assert_eq!(
        sent,
        serde_json::json!({"@odata.type": "#microsoft.graph.managedAllDeviceCertificateState", "certificateRevokeStatus": "pending"})
    );
}

#[tokio::test]
async fn a_collection_is_walked_page_by_page() {
    use futures_util::TryStreamExt;
    use msgraph_beta::runtime::NextPage;

    // The first page links to the second on the service's own host; the client keeps its root.
    let first = r#"{"value": [{"id": "1"}, {"id": "2"}], "@odata.nextLink": "https://graph.microsoft.com/beta/things?$top=2&$skiptoken=abc"}"#;
    let (base, server) = serve(vec![
        reply("200 OK", &[], first),
        reply("200 OK", &[], r#"{"value": [{"id": "3"}]}"#),
    ])
    .await;

    let client = client(&base);
    let start = NextPage::<Value>::new(format!("{base}/beta/things?$top=2"));
    let items: Vec<Value> = client
        .items(&start)
        .try_collect()
        .await
        .expect("every page");
    let ids: Vec<&str> = items
        .iter()
        .map(|item| item["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);

    let received = server.await.expect("server");
    let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        ["/beta/things?$top=2", "/beta/things?$top=2&$skiptoken=abc"]
    );
}
