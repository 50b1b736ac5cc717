//! Answering a [`Client`](crate::Client)'s requests from a test (cargo feature `testing`).
//!
//! A [`ScriptedServer`] listens on loopback and answers each request with the next of the
//! responses it was given, over real HTTP: the code under test runs exactly as in production
//! (retries, redirects, body limits, paging), only its [`ServiceRoot`] points at the server.
//! Add the runtime as a dev-dependency with this feature:
//! `msgraph-runtime = { version = "0.1", features = ["testing"] }`.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use http::header::{CONNECTION, CONTENT_LENGTH};
use http::{HeaderName, HeaderValue, Request, Response};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::{NationalCloud, ServiceRoot};

/// A loopback HTTP server answering with scripted responses, one per connection, in order.
///
/// ```
/// use msgraph_runtime::testing::ScriptedServer;
/// use msgraph_runtime::{AccessToken, Client, NextPage};
/// use msgraph_runtime::http::Response;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let answer = Response::builder()
///     .header("content-type", "application/json")
///     .body(br#"{"value": [{"id": "1"}]}"#.to_vec())?;
/// let server = ScriptedServer::start(vec![answer]).await?;
/// let client = Client::builder(AccessToken::new("token"))
///     .service_root(server.service_root())
///     .build()?;
///
/// let list = NextPage::<serde_json::Value>::new("https://graph.microsoft.com/beta/things");
/// let page = client.send(&list).await?;
/// assert_eq!(page.value[0]["id"], "1");
///
/// let requests = server.requests();
/// assert_eq!(requests[0].uri(), "/beta/things");
/// assert_eq!(requests[0].headers()["authorization"], "Bearer token");
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct ScriptedServer {
    root: ServiceRoot,
    received: Arc<Mutex<Vec<Request<Vec<u8>>>>>,
    task: tokio::task::JoinHandle<()>,
}

impl ScriptedServer {
    /// Listens on a free loopback port, in the current tokio runtime, and answers the first
    /// request with `answers[0]`, the second with `answers[1]`, and so on; each answer is
    /// sent whole, with its `Content-Length`, and closes its connection. Once the answers are
    /// spent, connections are no longer accepted, so a request too many fails to connect.
    pub async fn start(answers: Vec<Response<Vec<u8>>>) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        let root = ServiceRoot::custom(NationalCloud::Global, base)
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidInput, error))?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&received);
        let task = tokio::spawn(async move {
            for answer in answers {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let Ok(request) = read_request(&mut stream).await else {
                    continue;
                };
                record
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(request);
                // The client may have gone (a timeout under test): nothing to report to.
                let _ = write_response(&mut stream, answer).await;
            }
        });
        Ok(Self {
            root,
            received,
            task,
        })
    }

    /// The server as the global cloud's root: give it to
    /// [`ClientBuilder::service_root`](crate::ClientBuilder::service_root).
    pub fn service_root(&self) -> ServiceRoot {
        self.root.clone()
    }

    /// The requests answered so far, in order, each with its path and query as URI, its
    /// headers and its body.
    pub fn requests(&self) -> Vec<Request<Vec<u8>>> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for ScriptedServer {
    /// Stops listening.
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_owned())
}

/// Reads one request: the head, then as many body bytes as its `Content-Length` says.
async fn read_request(stream: &mut TcpStream) -> io::Result<Request<Vec<u8>>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(invalid("the connection closed before a request"));
        }
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut headers);
    parsed
        .parse(&buffer[..head_end])
        .map_err(|_| invalid("not an HTTP request"))?;
    let mut request = Request::builder()
        .method(parsed.method.unwrap_or("GET"))
        .uri(parsed.path.unwrap_or("/"));
    let mut length = 0;
    for header in parsed.headers.iter() {
        let name = HeaderName::try_from(header.name).map_err(|_| invalid("a header name"))?;
        let value = HeaderValue::from_bytes(header.value).map_err(|_| invalid("a header value"))?;
        if name == CONTENT_LENGTH {
            length = value
                .to_str()
                .ok()
                .and_then(|value| value.parse().ok())
                .ok_or_else(|| invalid("a Content-Length"))?;
        }
        request = request.header(name, value);
    }
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(invalid("the body was cut short"));
        }
        body.extend_from_slice(&chunk[..n]);
    }
    request.body(body).map_err(|_| invalid("a request"))
}

/// Writes `response` whole, closing the connection after it.
async fn write_response(stream: &mut TcpStream, response: Response<Vec<u8>>) -> io::Result<()> {
    let (parts, body) = response.into_parts();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        parts.status.as_u16(),
        parts.status.canonical_reason().unwrap_or("")
    )
    .into_bytes();
    for (name, value) in &parts.headers {
        if *name != CONTENT_LENGTH && *name != CONNECTION {
            head.extend_from_slice(name.as_str().as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(value.as_bytes());
            head.extend_from_slice(b"\r\n");
        }
    }
    head.extend_from_slice(
        format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    stream.write_all(&head).await?;
    stream.write_all(&body).await?;
    stream.shutdown().await
}
