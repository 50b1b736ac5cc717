//! `tracing` spans of the client's calls (cargo feature `tracing`), with OpenTelemetry's HTTP
//! attribute names.
//!
//! A call is one span, `msgraph.request`, over its attempts, redirects and waits: `otel.name`
//! (the operation's documented name), `http.request.method`, `url.full` (query values
//! replaced by `REDACTED`: they may hold names, mail addresses or search terms),
//! `server.address`, `http.request.resend_count` (from the first resend),
//! `http.response.status_code`, `client_request_id`, `request_id` (Graph's `request-id`), and
//! `error.type` when it fails. Neither the token nor any body is recorded.

use http::header::HeaderValue;
use http::{Response, Uri};
use tracing::Span;
use tracing::field::Empty;

use crate::Operation;
use crate::client::Error;

/// The span of one call of `O`, its fields filled in as the call goes.
pub(crate) fn call_span<O: Operation>(client_request_id: &HeaderValue) -> Span {
    tracing::info_span!(
        "msgraph.request",
        otel.name = O::INFO.name,
        otel.kind = "client",
        http.request.method = %O::INFO.method,
        url.full = Empty,
        server.address = Empty,
        http.request.resend_count = Empty,
        http.response.status_code = Empty,
        client_request_id = client_request_id.to_str().unwrap_or_default(),
        request_id = Empty,
        error.type = Empty,
    )
}

/// Records an attempt about to be sent to `uri`; `resends` attempts came before it.
pub(crate) fn attempt(uri: &Uri, resends: u32) {
    let span = Span::current();
    span.record("url.full", redacted(uri).as_str());
    if let Some(host) = uri.host() {
        span.record("server.address", host);
    }
    if resends > 0 {
        span.record("http.request.resend_count", resends);
    }
}

/// Records how the call ended.
pub(crate) fn outcome(outcome: &Result<Response<Vec<u8>>, Error>) {
    let span = Span::current();
    match outcome {
        Ok(response) => {
            span.record("http.response.status_code", response.status().as_u16());
            if let Some(id) = response
                .headers()
                .get("request-id")
                .and_then(|id| id.to_str().ok())
            {
                span.record("request_id", id);
            }
            if !response.status().is_success() {
                span.record("error.type", response.status().as_str());
            }
        }
        Err(error) => {
            if let Some(status) = error.status() {
                span.record("http.response.status_code", status.as_u16());
            }
            span.record("error.type", error_type(error));
        }
    }
}

/// The kind of failure, as a low-cardinality name.
fn error_type(error: &Error) -> &'static str {
    match error {
        Error::Build(_) => "build",
        Error::Credential(_) => "credential",
        Error::Transport(error) if error.is_timeout() => "timeout",
        Error::Transport(_) => "transport",
        Error::Response(_) => "response",
        Error::BodyTooLarge { .. } => "body_too_large",
        Error::Redirect { .. } => "redirect",
        Error::PageLoop { .. } => "page_loop",
    }
}

/// `uri` with each query value replaced by `REDACTED`, names kept.
fn redacted(uri: &Uri) -> String {
    let mut text = format!(
        "{}://{}{}",
        uri.scheme_str().unwrap_or("https"),
        uri.authority().map_or("", |authority| authority.as_str()),
        uri.path()
    );
    if let Some(query) = uri.query() {
        text.push('?');
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) => format!("{name}=REDACTED"),
                None => pair.to_owned(),
            })
            .collect();
        text.push_str(&pairs.join("&"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_redacted_and_names_kept() {
        let uri: Uri =
            "https://graph.microsoft.com/beta/users?$filter=mail%20eq%20'a@b.c'&$count=true&flag"
                .parse()
                .expect("a URI");
        assert_eq!(
            redacted(&uri),
            "https://graph.microsoft.com/beta/users?$filter=REDACTED&$count=REDACTED&flag"
        );
    }
}

#[cfg(all(test, feature = "testing"))]
mod recorded {
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    use crate::testing::ScriptedServer;
    use crate::{AccessToken, Client, NextPage, RetryPolicy};

    /// Every span name and field recorded, as text; the entered span is the current one, as
    /// with any real subscriber.
    #[derive(Clone, Default)]
    struct Recorder(
        Arc<Mutex<Vec<(String, String)>>>,
        Arc<Mutex<Vec<(Id, &'static Metadata<'static>)>>>,
        Arc<Mutex<Option<&'static Metadata<'static>>>>,
    );

    impl Visit for Recorder {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0
                .lock()
                .expect("lock")
                .push((field.name().to_owned(), format!("{value:?}")));
        }

        fn record_str(&mut self, field: &Field, value: &str) {
            self.0
                .lock()
                .expect("lock")
                .push((field.name().to_owned(), value.to_owned()));
        }
    }

    impl Subscriber for Recorder {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            self.0
                .lock()
                .expect("lock")
                .push(("span".to_owned(), span.metadata().name().to_owned()));
            *self.2.lock().expect("lock") = Some(span.metadata());
            span.record(&mut self.clone());
            Id::from_u64(1)
        }
        fn record(&self, _: &Id, values: &Record<'_>) {
            values.record(&mut self.clone());
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, _: &Event<'_>) {}
        fn enter(&self, id: &Id) {
            let metadata = self.2.lock().expect("lock").expect("a span");
            self.1.lock().expect("lock").push((id.clone(), metadata));
        }
        fn exit(&self, _: &Id) {
            self.1.lock().expect("lock").pop();
        }
        fn current_span(&self) -> tracing_core::span::Current {
            match self.1.lock().expect("lock").last() {
                Some((id, metadata)) => tracing_core::span::Current::new(id.clone(), metadata),
                None => tracing_core::span::Current::none(),
            }
        }
    }

    #[test]
    fn a_call_is_a_span_with_http_attributes_and_no_secrets() {
        let recorder = Recorder::default();
        let fields = Arc::clone(&recorder.0);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        tracing::subscriber::with_default(recorder, || {
            runtime.block_on(async {
                let throttled = http::Response::builder()
                    .status(503)
                    .header("retry-after", "0")
                    .body(Vec::new())
                    .expect("a response");
                let answer = http::Response::builder()
                    .header("request-id", "req-1")
                    .body(br#"{"value": []}"#.to_vec())
                    .expect("a response");
                let server = ScriptedServer::start(vec![throttled, answer])
                    .await
                    .expect("a server");
                let client = Client::builder(AccessToken::new("secret-token"))
                    .service_root(server.service_root())
                    .retry(RetryPolicy::default())
                    .build()
                    .expect("a client");
                let next = NextPage::<serde_json::Value>::new(
                    "https://graph.microsoft.com/beta/users?$search=%22alice%22",
                );
                client.send(&next).await.expect("the retried call");
            });
        });
        let fields = fields.lock().expect("lock").clone();
        let value = |name: &str| {
            fields
                .iter()
                .rev()
                .find(|(field, _)| field == name)
                .map(|(_, value)| value.as_str())
        };
        assert_eq!(value("span"), Some("msgraph.request"));
        assert_eq!(value("otel.name"), Some("next page"));
        assert_eq!(value("http.request.method"), Some("GET"));
        assert_eq!(value("http.response.status_code"), Some("200"));
        assert_eq!(value("http.request.resend_count"), Some("1"));
        assert_eq!(value("request_id"), Some("req-1"));
        assert_eq!(value("server.address"), Some("127.0.0.1"));
        let url = value("url.full").expect("the URL");
        assert!(url.ends_with("/beta/users?$search=REDACTED"), "{url}");
        assert!(
            fields
                .iter()
                .all(|(_, value)| !value.contains("secret-token") && !value.contains("alice")),
            "{fields:?}"
        );
    }
}
