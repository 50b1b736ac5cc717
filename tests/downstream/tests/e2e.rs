//! The client over real TCP on loopback: a scripted server stands in for Graph, checks what the
//! documentation specifies, and answers with the documentation's examples and with the failures
//! real services produce.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use msgraph_beta::runtime::{
    Accepted, AccessToken, CallOptions, Client, CredentialError, Error, NationalCloud,
    PermissionType, ResponseError, RetryPolicy, ServiceRoot, TokenRequest, Updated,
};
use msgraph_beta::{
    CertificateRevocationStatus, GetManagedAllDeviceCertificateState,
    ManagedAllDeviceCertificateStatePatch, UpdateManagedAllDeviceCertificateState,
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
    /// Write `head`, then a chunked body of `start` and `repeat` over and over, until the client
    /// hangs up (or [`ENDLESS_CAP`] bytes, or ten seconds); count the bytes written.
    Endless {
        head: String,
        start: Vec<u8>,
        repeat: Vec<u8>,
        written: Arc<AtomicUsize>,
    },
}

/// Where an endless body gives up, so that a client without limits still ends the test.
const ENDLESS_CAP: usize = 256 << 20;

impl Reply {
    /// An endless JSON collection: `{"value":[{},{},…` never closed.
    fn endless(status: &str, headers: &[(&str, &str)]) -> (Self, Arc<AtomicUsize>) {
        let start = br#"{"value":["#.to_vec();
        Self::endless_body(status, headers, start, b"{},".repeat(16 << 10))
    }

    /// An endless body of `start`, then `repeat` over and over.
    fn endless_body(
        status: &str,
        headers: &[(&str, &str)],
        start: Vec<u8>,
        repeat: Vec<u8>,
    ) -> (Self, Arc<AtomicUsize>) {
        let mut head = format!("HTTP/1.1 {status}\r\ntransfer-encoding: chunked\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let written = Arc::new(AtomicUsize::new(0));
        let reply = Self::Endless {
            head,
            start,
            repeat,
            written: Arc::clone(&written),
        };
        (reply, written)
    }
}

/// Writes one HTTP/1.1 chunk.
async fn write_chunk(stream: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    stream
        .write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await?;
    stream.write_all(data).await?;
    stream.write_all(b"\r\n").await
}

async fn write_endless(stream: &mut TcpStream, head: &str, start: &[u8], repeat: &[u8]) -> usize {
    let mut written = 0;
    let body = async {
        stream.write_all(head.as_bytes()).await?;
        write_chunk(stream, start).await?;
        written += start.len();
        while written < ENDLESS_CAP {
            write_chunk(stream, repeat).await?;
            written += repeat.len();
        }
        std::io::Result::Ok(())
    };
    let _ = tokio::time::timeout(Duration::from_secs(10), body).await;
    written
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
                // Hold the connection open while serving the next ones.
                Reply::Hang => drop(tokio::spawn(async move {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    drop(stream);
                })),
                Reply::Endless {
                    head,
                    start,
                    repeat,
                    written,
                } => {
                    let n = write_endless(&mut stream, &head, &start, &repeat).await;
                    written.store(n, Ordering::SeqCst);
                }
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
    assert_eq!(request.header("user-agent"), Some("msgraph-runtime/0.1.0"));
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
async fn a_403_is_typed_and_names_the_documented_permissions() {
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
    // The page's table (intune-deviceconfig-managedalldevicecertificatestate-update.md):
    // DeviceManagementConfiguration.ReadWrite.All for work or school accounts and for
    // applications; personal accounts "Not supported.".
    assert_eq!(
        error.to_string(),
        "Graph answered 403 Forbidden to `Update managedAllDeviceCertificateState`: \
         Forbidden: Application is not authorized to perform this operation. \
         (request-id 5a0c1c1e-7f2b-4a3e-9a1c-0f3c2e1d9b8a); \
         the documentation lists these permissions for it, any one of a type allowing the call, least privileged first: \
         Delegated (work or school account): DeviceManagementConfiguration.ReadWrite.All; \
         Delegated (personal Microsoft account): not supported; \
         Application: DeviceManagementConfiguration.ReadWrite.All"
    );
    let Error::Response(ResponseError::Forbidden {
        operation,
        permissions,
        ..
    }) = &error
    else {
        panic!("a 403 is `ResponseError::Forbidden`: {error:?}");
    };
    assert_eq!(*operation, "Update managedAllDeviceCertificateState");
    assert_eq!(
        permissions.of(PermissionType::Application),
        Accepted::AnyOf(&["DeviceManagementConfiguration.ReadWrite.All"])
    );
    assert_eq!(
        permissions.of(PermissionType::DelegatedPersonalAccount),
        Accepted::NotSupported
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
    let client = Client::builder(move |_: TokenRequest| {
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
    let client = Client::builder(|_: TokenRequest| async {
        Err::<AccessToken, _>("the refresh token expired")
    })
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

fn assert_too_large(error: &Error, limit: u64) {
    assert!(
        matches!(error, Error::BodyTooLarge { status, limit: l } if *status == 200 && *l == limit),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "Graph answered 200 OK with a body over the limit of {limit} bytes (ClientBuilder::max_body_bytes); reading stopped there"
        )
    );
}

fn get(id: &str) -> GetManagedAllDeviceCertificateState {
    GetManagedAllDeviceCertificateState::new(id)
}

/// A port nothing is served on: the test checks that the client never connects.
async fn other_origin() -> (String, TcpListener) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    (base, listener)
}

async fn assert_never_contacted(listener: &TcpListener) {
    let connection = tokio::time::timeout(Duration::from_millis(200), listener.accept()).await;
    assert!(connection.is_err(), "the client connected to {listener:?}");
}

#[tokio::test]
async fn an_endless_body_is_cut_at_the_body_limit() {
    let (endless, written) = Reply::endless("200 OK", &[("content-type", "application/json")]);
    let (base, server) = serve(vec![endless]).await;
    let error = client(&base).send(&get("1")).await.expect_err("too long");
    assert_too_large(&error, 64 << 20);
    server.await.expect("server");
    let written = written.load(Ordering::SeqCst);
    assert!(written < 80 << 20, "the client read on: {written} bytes");
}

#[tokio::test]
async fn a_body_announced_over_the_limit_is_not_read() {
    let head = "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: 1099511627776\r\n\r\n";
    let (base, server) = serve(vec![Reply::Raw(
        format!("{head}{{\"value\":[").into_bytes(),
    )])
    .await;
    let error = client(&base).send(&get("1")).await.expect_err("too long");
    assert_too_large(&error, 64 << 20);
    server.await.expect("server");
}

#[tokio::test]
async fn an_endless_error_body_keeps_its_status() {
    let (endless, written) = Reply::endless("500 Internal Server Error", &[]);
    let (base, server) = serve(vec![endless]).await;
    let error = client(&base).send(&update("1")).await.expect_err("500");
    assert_eq!(
        error.status(),
        Some(http::StatusCode::INTERNAL_SERVER_ERROR)
    );
    assert!(
        error
            .to_string()
            .starts_with(r#"Graph answered 500 Internal Server Error with a body that is not a Graph error: "{\"value\":[{},{},"#),
        "{error}"
    );
    server.await.expect("server");
    let written = written.load(Ordering::SeqCst);
    assert!(written < 16 << 20, "the client read on: {written} bytes");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).expect("compress");
    encoder.finish().expect("compress")
}

#[tokio::test]
async fn a_gzip_body_is_decoded() {
    let body = gzip(documented_response().as_bytes());
    let mut raw = format!(
        "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(&body);
    let (base, server) = serve(vec![Reply::Raw(raw)]).await;
    let state = client(&base).send(&get("1")).await.expect("decoded");
    assert_eq!(state.certificate_key_usages, Some(4));
    server.await.expect("server");
}

/// Raw deflate of `data` ending on a sync flush: non-final blocks that refer to nothing before
/// them, so that copies of it in a row still form a valid stream.
fn deflate_segment(data: &[u8]) -> Vec<u8> {
    let mut compress = flate2::Compress::new(flate2::Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() / 100 + 64);
    compress
        .compress_vec(data, &mut out, flate2::FlushCompress::Sync)
        .expect("compress");
    assert_eq!(compress.total_in(), data.len() as u64, "all input taken");
    out
}

#[tokio::test]
async fn a_gzip_bomb_is_cut_at_the_decoded_limit() {
    // A gzip header and `{"value":[`, then a mebibyte of spaces over and over, each compressed
    // on its own.
    let mut start = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    start.extend(deflate_segment(br#"{"value":["#));
    let repeat = deflate_segment(&vec![b' '; 1 << 20]);
    let (bomb, written) = Reply::endless_body(
        "200 OK",
        &[
            ("content-type", "application/json"),
            ("content-encoding", "gzip"),
        ],
        start,
        repeat,
    );
    let (base, server) = serve(vec![bomb]).await;
    let error = client(&base).send(&get("1")).await.expect_err("too long");
    assert_too_large(&error, 64 << 20);
    server.await.expect("server");
    let written = written.load(Ordering::SeqCst);
    assert!(
        written < 8 << 20,
        "the limit counts decoded bytes: {written} sent"
    );
}

#[tokio::test]
async fn a_write_is_not_redirected_to_another_origin() {
    let (elsewhere, listener) = other_origin().await;
    let location = format!("{elsewhere}{COLLECTION}/1");
    let (base, server) = serve(vec![reply(
        "307 Temporary Redirect",
        &[("location", location.as_str())],
        "",
    )])
    .await;
    let error = client(&base).send(&update("1")).await.expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "Graph answered 307 Temporary Redirect to {location}; not followed: it would send the request body to another origin than the service root"
        )
    );
    assert_never_contacted(&listener).await;
    assert_eq!(server.await.expect("server").len(), 1);
}

#[tokio::test]
async fn a_write_is_not_turned_into_a_get_by_a_redirect() {
    for status in ["301 Moved Permanently", "302 Found", "303 See Other"] {
        let (base, server) = serve(vec![
            reply(status, &[("location", "/beta/elsewhere")], ""),
            reply("200 OK", &[], &documented_response()),
        ])
        .await;
        let outcome = client(&base).send(&update("1")).await;
        let Err(error) = outcome else {
            panic!("{status}: a redirected update reported success: {outcome:?}")
        };
        assert_eq!(
            error.to_string(),
            format!(
                "Graph answered {status} to {base}/beta/elsewhere; not followed: it would turn the PATCH into a GET, so the PATCH would not happen"
            )
        );
        server.abort();
    }
}

#[tokio::test]
async fn a_redirect_loop_stops_after_five_hops() {
    let hop = || reply("302 Found", &[("location", "/beta/loop")], "");
    let (base, server) = serve((0..6).map(|_| hop()).collect()).await;
    let error = client(&base).send(&get("1")).await.expect_err("loop");
    assert_eq!(
        error.to_string(),
        format!(
            "Graph answered 302 Found to {base}/beta/loop; not followed: more than 5 redirects"
        )
    );
    let received = server.await.expect("server");
    assert_eq!(received.len(), 6);
    for request in &received {
        assert_eq!(
            request.header("authorization"),
            Some("Bearer token-1"),
            "the service root's own origin keeps the token"
        );
    }
}

#[tokio::test]
async fn a_read_follows_a_redirect_and_the_token_stays_home() {
    let (elsewhere, other) = serve(vec![reply("200 OK", &[], &documented_response())]).await;
    let location = format!("{elsewhere}/download?sig=1");
    let (base, server) = serve(vec![reply(
        "302 Found",
        &[("location", location.as_str())],
        "",
    )])
    .await;
    let state = client(&base).send(&get("1")).await.expect("followed");
    assert_eq!(state.certificate_key_usages, Some(4));
    server.await.expect("server");
    let received = other.await.expect("server");
    assert_eq!(received[0].target, "/download?sig=1");
    assert_eq!(received[0].header("authorization"), None);
}

#[tokio::test]
async fn a_next_link_that_loops_is_an_error() {
    use futures_util::StreamExt;
    use msgraph_beta::runtime::NextPage;

    // A page linking to itself, and two pages linking to each other.
    let cycles: [&[&str]; 2] = [&["/beta/a"], &["/beta/a", "/beta/b"]];
    for cycle in cycles {
        let replies = (0..cycle.len())
            .map(|i| {
                let next = cycle[(i + 1) % cycle.len()];
                let page = format!(
                    r#"{{"value": [{{"id": "{i}"}}], "@odata.nextLink": "https://graph.microsoft.com{next}"}}"#
                );
                reply("200 OK", &[], &page)
            })
            .collect();
        let (base, server) = serve(replies).await;
        let client = client(&base);
        let start = NextPage::<Value>::new(format!("{base}{}", cycle[0]));
        let pages = client.pages(&start);
        futures_util::pin_mut!(pages);
        // Bounded: a client that never notices would go on for ever.
        let mut outcomes = Vec::new();
        while outcomes.len() < cycle.len() + 3 {
            let Some(outcome) = pages.next().await else {
                break;
            };
            outcomes.push(outcome);
        }
        assert_eq!(outcomes.len(), cycle.len() + 1, "{cycle:?}: {outcomes:?}");
        assert!(outcomes[..cycle.len()].iter().all(Result::is_ok));
        let error = outcomes[cycle.len()].as_ref().expect_err("a loop");
        assert_eq!(
            error.to_string(),
            format!(
                "page {} links to https://graph.microsoft.com{}, which this walk already fetched: the collection would never end",
                cycle.len(),
                cycle[0]
            )
        );
        assert_eq!(server.await.expect("server").len(), cycle.len());
    }
}

#[tokio::test]
async fn a_dot_segment_id_is_refused_before_sending() {
    let (base, listener) = other_origin().await;
    for id in [".", ".."] {
        let error = client(&base).send(&update(id)).await.expect_err("refused");
        assert_eq!(
            error.to_string(),
            format!(
                "cannot build the request: path parameter `managedAllDeviceCertificateStateId` is `{id}`, which URLs resolve as a step in the path instead of keeping it as an id"
            )
        );
    }
    assert_never_contacted(&listener).await;
}

#[tokio::test]
async fn an_enormous_retry_after_is_not_waited_for() {
    let throttled = r#"{"error":{"code":"TooManyRequests","message":"Slow down."}}"#;
    let (base, server) = serve(vec![reply(
        "429 Too Many Requests",
        &[("retry-after", "18446744073709551615")],
        throttled,
    )])
    .await;
    // A slow credential: more than a second has passed when the answer comes.
    let client = Client::builder(|_: TokenRequest| async {
        tokio::time::sleep(Duration::from_millis(1100)).await;
        Ok::<_, CredentialError>(AccessToken::new("t"))
    })
    .service_root(ServiceRoot::custom(NationalCloud::Global, base.as_str()).expect("base URL"))
    .retry(RetryPolicy::default().max_delay(Duration::MAX))
    .build()
    .expect("client");
    let started = Instant::now();
    let error = client.send(&update("1")).await.expect_err("429");
    assert_eq!(error.status(), Some(http::StatusCode::TOO_MANY_REQUESTS));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(server.await.expect("server").len(), 1);
}

#[tokio::test]
async fn a_client_of_your_own_keeps_the_limits_and_the_redirect_policy() {
    use msgraph_beta::runtime::reqwest;

    let (endless, written) = Reply::endless("200 OK", &[("content-type", "application/json")]);
    let (base, server) = serve(vec![
        reply("302 Found", &[("location", "/beta/moved")], ""),
        endless,
    ])
    .await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client");
    let client = Client::builder(AccessToken::new("token-1"))
        .service_root(ServiceRoot::custom(NationalCloud::Global, base.as_str()).expect("base URL"))
        .http_client(http)
        .max_body_bytes(1 << 20)
        .build()
        .expect("client");
    let error = client.send(&get("1")).await.expect_err("too long");
    assert_too_large(&error, 1 << 20);
    let received = server.await.expect("server");
    assert_eq!(
        received[1].target, "/beta/moved",
        "redirected by this client"
    );
    for request in &received {
        assert_eq!(request.header("user-agent"), Some("msgraph-runtime/0.1.0"));
        assert_eq!(request.header("accept-encoding"), Some("gzip"));
    }
    let written = written.load(Ordering::SeqCst);
    assert!(written < 16 << 20, "the client read on: {written} bytes");
}

#[tokio::test]
async fn a_client_of_your_own_that_follows_redirects_is_refused() {
    use msgraph_beta::runtime::{RedirectRefusal, reqwest};

    let (base, server) = serve(vec![
        reply("302 Found", &[("location", "/beta/moved")], ""),
        reply("200 OK", &[], &documented_response()),
    ])
    .await;
    let client = Client::builder(AccessToken::new("t"))
        .service_root(ServiceRoot::custom(NationalCloud::Global, base.as_str()).expect("base URL"))
        .http_client(reqwest::Client::new())
        .build()
        .expect("client");
    let error = client.send(&get("1")).await.expect_err("refused");
    assert!(
        matches!(
            &error,
            Error::Redirect { refusal: RedirectRefusal::FollowedByHttpClient, location: Some(location), .. }
                if *location == format!("{base}/beta/moved")
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "Graph answered 200 OK at {base}/beta/moved: the HTTP client followed a redirect itself; build it with `reqwest::redirect::Policy::none()` so that this client's policy applies"
        )
    );
    assert_eq!(server.await.expect("server").len(), 2);
}

#[tokio::test]
async fn a_next_link_with_dot_segments_is_not_followed() {
    use futures_util::StreamExt;
    use msgraph_beta::runtime::{BuildError, NextPage};

    for link in [
        "https://graph.microsoft.com/beta/things/../../admin?$top=1",
        "https://graph.microsoft.com/beta/things/%2E%2e/%2e./admin",
    ] {
        let page = format!(r#"{{"value": [], "@odata.nextLink": "{link}"}}"#);
        let (base, server) = serve(vec![reply("200 OK", &[], &page)]).await;
        let client = client(&base);
        let start = NextPage::<Value>::new(format!("{base}/beta/things"));
        let pages = client.pages(&start);
        futures_util::pin_mut!(pages);
        pages.next().await.expect("a page").expect("the first page");
        let error = pages
            .next()
            .await
            .expect("an outcome")
            .expect_err("refused");
        assert!(
            matches!(&error, Error::Build(BuildError::NextLinkDotSegment { link: l }) if l == link),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!(
                "cannot build the request: the `@odata.nextLink` {link} has a `.` or `..` segment, which would lead out of the collection's path"
            )
        );
        assert!(pages.next().await.is_none());
        assert_eq!(server.await.expect("server").len(), 1);
    }
}

#[tokio::test]
async fn a_success_that_is_not_json_is_an_error() {
    use msgraph_beta::runtime::ResponseError;

    // A captive portal's or proxy's page that happens to parse as an empty entity.
    let (base, server) = serve(vec![
        reply("200 OK", &[("content-type", "text/html")], "{}"),
        reply(
            "200 OK",
            &[(
                "content-type",
                "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
            )],
            &documented_response(),
        ),
    ])
    .await;
    let client = client(&base);
    let outcome = client.send(&get("1")).await;
    let Err(error) = outcome else {
        panic!("read as an entity: {outcome:?}")
    };
    assert!(
        matches!(&error, Error::Response(ResponseError::ContentType { content_type, .. }) if content_type == "text/html"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        r#"Graph answered 200 OK with content type `text/html` instead of JSON; body starts "{}""#
    );
    let state = client.send(&get("1")).await.expect("Graph's own JSON");
    assert_eq!(state.certificate_key_usages, Some(4));
    server.await.expect("server");
}

#[test]
fn a_plain_http_root_is_refused_unless_loopback() {
    use msgraph_beta::runtime::BuildError;

    for url in [
        "http://127.0.0.1:8080",
        "http://127.1.2.3",
        "http://[::1]:8080/graph",
        "http://localhost:3000",
        "https://graph.example.com",
    ] {
        ServiceRoot::custom(NationalCloud::Global, url).expect(url);
    }
    for url in [
        "http://graph.example.com",
        "http://10.0.0.1:8080",
        "ftp://127.0.0.1",
    ] {
        let error = ServiceRoot::custom(NationalCloud::Global, url).expect_err(url);
        assert!(
            matches!(&error, BuildError::InsecureBaseUrl(u) if u == url),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!(
                "`{url}` is not HTTPS: the token would travel unencrypted; plain HTTP is only for loopback (127.0.0.0/8, ::1, localhost)"
            )
        );
    }
}

#[tokio::test]
async fn a_read_is_retried_after_a_connection_reset_and_a_timeout() {
    let (base, server) = serve(vec![
        Reply::Raw(Vec::new()),
        Reply::Hang,
        reply("200 OK", &[], &documented_response()),
    ])
    .await;
    let client = Client::builder(AccessToken::new("t"))
        .service_root(ServiceRoot::custom(NationalCloud::Global, base.as_str()).expect("base URL"))
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::default().initial_backoff(Duration::from_millis(50)))
        .build()
        .expect("client");
    let state = client.send(&get("1")).await.expect("the third attempt");
    assert_eq!(state.certificate_key_usages, Some(4));
    let received = server.await.expect("server");
    assert_eq!(received.len(), 3);
    assert!(
        received
            .iter()
            .all(|r| r.header("client-request-id") == received[0].header("client-request-id"))
    );
}

#[tokio::test]
async fn a_write_is_not_retried_after_a_connection_reset() {
    let (base, server) = serve(vec![Reply::Raw(Vec::new())]).await;
    let error = client(&base).send(&update("1")).await.expect_err("reset");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(server.await.expect("server").len(), 1);
}

/// A header value as a hostile server may send it: huge, negative, or not a number at all.
fn extreme_number() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        "[0-9]{1,30}",
        "-[0-9]{1,20}",
        any::<u64>().prop_map(|n| n.to_string()),
        Just(u64::MAX.to_string()),
        "[ -~]{0,20}",
    ]
}

#[test]
fn the_page_reader_survives_extreme_header_values() {
    use futures_util::StreamExt;
    use msgraph_beta::runtime::NextPage;
    use proptest::prelude::*;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let config = ProptestConfig::with_cases(32);
    proptest!(config, |(
        content_length in prop::option::of(extreme_number()),
        retry_after in extreme_number(),
        count in extreme_number(),
        status in prop::sample::select(vec!["200 OK", "429 Too Many Requests", "503 Service Unavailable"]),
    )| {
        let body = format!(r#"{{"value": [{{"id": "1"}}], "@odata.count": {count}}}"#);
        let mut head = format!("HTTP/1.1 {status}\r\nconnection: close\r\nretry-after: {retry_after}\r\n");
        if let Some(length) = &content_length {
            head.push_str(&format!("content-length: {length}\r\n"));
        }
        let raw = format!("{head}\r\n{body}").into_bytes();
        let outcome = runtime.block_on(async {
            let (base, _server) = serve(vec![Reply::Raw(raw)]).await;
            let client = Client::builder(AccessToken::new("t"))
                .service_root(ServiceRoot::custom(NationalCloud::Global, base.as_str()).expect("base URL"))
                .timeout(Duration::from_secs(2))
                .retry(
                    RetryPolicy::default()
                        .initial_backoff(Duration::from_millis(1))
                        .max_delay(Duration::from_millis(20))
                        .max_elapsed(Duration::from_millis(200)),
                )
                .build()
                .expect("client");
            let start = NextPage::<Value>::new(format!("{base}/beta/things"));
            let pages = client.pages(&start);
            futures_util::pin_mut!(pages);
            pages.next().await.expect("an outcome")
        });
        if let Ok(page) = outcome {
            prop_assert_eq!(status, "200 OK");
            prop_assert_eq!(page.count, count.trim().parse::<i64>().ok());
            if let Some(length) = content_length {
                prop_assert_eq!(length.trim(), body.len().to_string());
            }
        }
    });
}

#[tokio::test]
async fn per_call_headers_are_sent_with_every_page() {
    use futures_util::TryStreamExt;
    use msgraph_beta::runtime::NextPage;
    use msgraph_beta::runtime::http::header::{ACCEPT, AUTHORIZATION};
    use msgraph_beta::runtime::http::{HeaderName, HeaderValue};

    let first = r#"{"value": [{"id": "1"}], "@odata.nextLink": "https://graph.microsoft.com/beta/things?$count=true&$skiptoken=abc"}"#;
    let (base, server) = serve(vec![
        reply("200 OK", &[], first),
        reply("200 OK", &[], r#"{"value": [{"id": "2"}]}"#),
    ])
    .await;
    let custom = HeaderName::from_static("x-custom");
    let options = CallOptions::default()
        .consistency_level_eventual()
        .prefer("return=minimal")
        .prefer(r#"outlook.timezone="Pacific Standard Time""#)
        .header(custom.clone(), HeaderValue::from_static("one"))
        .header(custom, HeaderValue::from_static("two"))
        // Replaces the documented `accept`; an `Authorization` is not taken.
        .header(
            ACCEPT,
            HeaderValue::from_static("application/json;odata.metadata=none"),
        )
        .header(AUTHORIZATION, HeaderValue::from_static("Bearer other"));

    let start = NextPage::<Value>::new(format!("{base}/beta/things?$count=true"));
    let items: Vec<Value> = client(&base)
        .items_with(&start, options)
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(items.len(), 2);

    let received = server.await.expect("server");
    assert_eq!(received.len(), 2);
    for request in &received {
        assert_eq!(request.header("consistencylevel"), Some("eventual"));
        assert_eq!(
            request.header("prefer"),
            Some(r#"return=minimal, outlook.timezone="Pacific Standard Time""#)
        );
        let custom: Vec<&str> = request
            .headers
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("x-custom"))
            .map(|(_, value)| value.as_str())
            .collect();
        assert_eq!(custom, ["one", "two"]);
        assert_eq!(
            request.header("accept"),
            Some("application/json;odata.metadata=none")
        );
        assert_eq!(request.header("authorization"), Some("Bearer token-1"));
    }
    // Without a `client-request-id` of the caller's, each page has its own.
    assert_ne!(
        received[0].header("client-request-id"),
        received[1].header("client-request-id")
    );
}

#[tokio::test]
async fn if_match_sends_the_etag_and_a_changed_resource_is_an_error() {
    let (base, server) = serve(vec![reply(
        "412 Precondition Failed",
        &[("content-type", "application/json")],
        r#"{"error": {"code": "PreconditionFailed", "message": "The resource has changed."}}"#,
    )])
    .await;
    let options = CallOptions::default().if_match(r#"W/"JzEtQ""#);
    let error = client(&base)
        .send_with(&update("1"), &options)
        .await
        .expect_err("412");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(412));
    let received = server.await.expect("server");
    assert_eq!(received[0].header("if-match"), Some(r#"W/"JzEtQ""#));
}

#[tokio::test]
async fn a_per_call_timeout_replaces_the_clients() {
    let (base, _server) = serve(vec![Reply::Hang]).await;
    // The client allows five seconds; this call, a fifth of one.
    let options = CallOptions::default().timeout(Duration::from_millis(200));
    let started = Instant::now();
    let error = client(&base)
        .send_with(&update("1"), &options)
        .await
        .expect_err("times out");
    assert!(
        matches!(&error, Error::Transport(e) if e.is_timeout()),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_metadata_of_a_success_comes_with_its_output() {
    let body = documented_response();
    let (base, server) = serve(vec![reply(
        "200 OK",
        &[
            ("content-type", "application/json"),
            ("request-id", "0d9a8f2c-1111-4b5e-9a1b-2c3d4e5f6a7b"),
            ("client-request-id", "mine"),
            ("location", "https://graph.microsoft.com/beta/things/1"),
            ("etag", r#"W/"JzEtQ""#),
        ],
        &body,
    )])
    .await;
    let options = CallOptions::default().client_request_id("mine");
    let response = client(&base)
        .send_with_metadata(&update("1"), &options)
        .await
        .expect("success");
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(
        response.request_id(),
        Some("0d9a8f2c-1111-4b5e-9a1b-2c3d4e5f6a7b")
    );
    assert_eq!(response.client_request_id(), Some("mine"));
    assert_eq!(
        response.location(),
        Some("https://graph.microsoft.com/beta/things/1")
    );
    assert_eq!(response.etag(), Some(r#"W/"JzEtQ""#));
    assert_eq!(response.headers["content-type"], "application/json");
    // The output is what `send` gives.
    let Updated::Entity(state) = response.into_output() else {
        panic!("the documented body is the entity")
    };
    assert_eq!(
        state.certificate_revoke_status,
        Some(CertificateRevocationStatus::Pending)
    );
    let received = server.await.expect("server");
    assert_eq!(received[0].header("client-request-id"), Some("mine"));
}

#[tokio::test]
async fn a_delta_query_resumes_from_its_saved_delta_link() {
    use futures_util::TryStreamExt;
    use msgraph_beta::runtime::{NextPage, Page};

    let (base, server) = serve(vec![
        reply(
            "200 OK",
            &[],
            r#"{"value": [{"id": "1"}], "@odata.nextLink": "https://graph.microsoft.com/beta/things/delta?$skiptoken=s1"}"#,
        ),
        reply(
            "200 OK",
            &[],
            r#"{"value": [{"id": "2"}], "@odata.deltaLink": "https://graph.microsoft.com/beta/things/delta?$deltatoken=d1"}"#,
        ),
        reply(
            "200 OK",
            &[],
            r#"{"value": [{"id": "1", "@removed": {"reason": "deleted"}}], "@odata.deltaLink": "https://graph.microsoft.com/beta/things/delta?$deltatoken=d2"}"#,
        ),
    ])
    .await;
    let client = client(&base);

    // The first round: every page, the last one holding the delta link, which is saved as text.
    let start = NextPage::<Value>::new(format!("{base}/beta/things/delta"));
    let round: Vec<Page<Value>> = client.pages(&start).try_collect().await.expect("round");
    assert_eq!(round.len(), 2);
    assert_eq!(round[0].delta(), None);
    let saved = round[1].delta_link.clone().expect("a delta link");

    // Later: the changes since, from the saved link.
    let changes: Vec<Page<Value>> = client
        .pages(&NextPage::<Value>::new(saved))
        .try_collect()
        .await
        .expect("changes");
    assert_eq!(changes[0].value[0]["@removed"]["reason"], "deleted");
    assert_eq!(
        changes[0].delta().expect("the next delta link").link(),
        "https://graph.microsoft.com/beta/things/delta?$deltatoken=d2"
    );

    let received = server.await.expect("server");
    let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/beta/things/delta",
            "/beta/things/delta?$skiptoken=s1",
            "/beta/things/delta?$deltatoken=d1"
        ]
    );
}

/// A continuous access evaluation challenge, as Graph sends it: the claims are
/// `{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}`.
const CLAIMS_CHALLENGE: &str = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#;

/// A client whose credential records what it is asked for, and gives `plain` without claims and
/// `claimed` with them.
fn recording_client(base: &str) -> (Client, Arc<std::sync::Mutex<Vec<TokenRequest>>>) {
    let asked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = Arc::clone(&asked);
    let client = Client::builder(move |request: TokenRequest| {
        let secret = if request.claims.is_some() {
            "claimed"
        } else {
            "plain"
        };
        record.lock().expect("lock").push(request);
        async move { Ok::<_, CredentialError>(AccessToken::new(secret)) }
    })
    .service_root(ServiceRoot::custom(NationalCloud::Global, base).expect("base URL"))
    .timeout(Duration::from_secs(5))
    .build()
    .expect("client");
    (client, asked)
}

#[tokio::test]
async fn a_claims_challenge_is_passed_to_the_credential_and_retried_once() {
    let (base, server) = serve(vec![
        reply(
            "401 Unauthorized",
            &[("www-authenticate", CLAIMS_CHALLENGE)],
            "",
        ),
        reply(
            "200 OK",
            &[("content-type", "application/json")],
            &documented_response(),
        ),
    ])
    .await;
    let (client, asked) = recording_client(&base);
    client
        .send(&update("1"))
        .await
        .expect("the retried call succeeds");

    let asked = asked.lock().expect("lock").clone();
    let scope = vec!["https://graph.microsoft.com/.default".to_owned()];
    assert_eq!(
        asked,
        [
            TokenRequest::new(scope.clone()),
            TokenRequest::new(scope)
                .claims(r#"{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}"#),
        ]
    );
    let received = server.await.expect("server");
    assert_eq!(received[0].header("authorization"), Some("Bearer plain"));
    assert_eq!(received[1].header("authorization"), Some("Bearer claimed"));
    // One call: one client-request-id.
    assert_eq!(
        received[0].header("client-request-id"),
        received[1].header("client-request-id")
    );
}

#[tokio::test]
async fn a_second_claims_challenge_is_an_error() {
    let challenge = || {
        reply(
            "401 Unauthorized",
            &[("www-authenticate", CLAIMS_CHALLENGE)],
            "",
        )
    };
    let (base, server) = serve(vec![challenge(), challenge()]).await;
    let (client, asked) = recording_client(&base);
    let error = client.send(&get("1")).await.expect_err("still refused");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    assert_eq!(asked.lock().expect("lock").len(), 2);
    assert_eq!(server.await.expect("server").len(), 2);
}

#[tokio::test]
async fn the_runtimes_scripted_server_answers_a_generated_operation() {
    use msgraph_runtime::testing::ScriptedServer;

    let answer = http::Response::builder()
        .header("content-type", "application/json")
        .body(documented_response().into_bytes())
        .expect("a response");
    let server = ScriptedServer::start(vec![answer]).await.expect("a server");
    let client = Client::builder(AccessToken::new("token-1"))
        .service_root(server.service_root())
        .build()
        .expect("client");
    let outcome = client.send(&update("1")).await.expect("success");
    assert!(matches!(outcome, Updated::Entity(_)), "{outcome:?}");

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method(), "PATCH");
    assert_eq!(requests[0].uri(), format!("{COLLECTION}/1").as_str());
    assert_eq!(requests[0].headers()["authorization"], "Bearer token-1");
    let sent: Value = serde_json::from_slice(requests[0].body()).expect("JSON");
    assert_eq!(sent["certificateRevokeStatus"], "pending");

    // A request beyond the script finds no server.
    let error = client.send(&update("2")).await.expect_err("no answer left");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}
