//! JSON batching (cargo feature `client`): many operations in one `POST /$batch`, each answer
//! read with its own operation's parsing.

use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;
use std::time::{Duration, SystemTime};

use http::header::{CONTENT_TYPE, HeaderName, HeaderValue, RETRY_AFTER};
use http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::parse_retry_after;
use crate::operation::target;
use crate::{
    Availability, BuildError, CallOptions, Client, Error, NationalCloud, Operation, OperationInfo,
    Permissions, ResponseError,
};

/// The most requests Graph accepts in one batch.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// A request added to a [`Batch`], typed by its operation so that its answer is read as that
/// operation's output ([`BatchResponses::get`]).
#[derive(Debug)]
pub struct BatchItem<O> {
    id: String,
    operation: PhantomData<fn() -> O>,
}

impl<O> Clone for BatchItem<O> {
    fn clone(&self) -> Self {
        Self {
            id: self.id.clone(),
            operation: PhantomData,
        }
    }
}

impl<O> BatchItem<O> {
    /// The request's `id` in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// One request of a batch as Graph's JSON batching format writes it.
#[derive(Debug, Clone, Serialize)]
struct BatchRequestItem {
    id: String,
    method: String,
    url: String,
    #[serde(rename = "dependsOn", skip_serializing_if = "Vec::is_empty")]
    depends_on: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<Value>,
}

/// Operations of any types to send together with [`Client::send_batch`], which splits them
/// into batches of [`MAX_BATCH_REQUESTS`] and keeps each `dependsOn` chain in one.
///
/// ```no_run
/// use msgraph_runtime::{Batch, Client, Error, NextPage};
///
/// async fn both(client: &Client) -> Result<(), Box<dyn std::error::Error>> {
///     let mut batch = Batch::new();
///     let users = batch.add(&NextPage::<serde_json::Value>::new("https://graph.microsoft.com/v1.0/users"))?;
///     let groups = batch.add_after(
///         &NextPage::<serde_json::Value>::new("https://graph.microsoft.com/v1.0/groups"),
///         &[users.id()],
///     )?;
///     let answers = client.send_batch(&batch).await?;
///     let users = answers.get(&users).expect("answered")?;
///     let groups = answers.get(&groups).expect("answered")?;
///     println!("{} users, {} groups", users.value.len(), groups.value.len());
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Batch {
    api_version: Option<String>,
    requests: Vec<BatchRequestItem>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of requests added.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    /// Whether no request was added.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// Adds `operation`, to run in any order with the others.
    pub fn add<O: Operation>(&mut self, operation: &O) -> Result<BatchItem<O>, BuildError> {
        self.add_after_with(operation, &[], &CallOptions::default())
    }

    /// Adds `operation` with headers of its own (see [`Batch::add_after_with`]).
    pub fn add_with<O: Operation>(
        &mut self,
        operation: &O,
        options: &CallOptions,
    ) -> Result<BatchItem<O>, BuildError> {
        self.add_after_with(operation, &[], options)
    }

    /// Adds `operation`, to run after the requests `after` names (their
    /// [`BatchItem::id`]s): Graph's `dependsOn`. It fails if one of them fails.
    pub fn add_after<O: Operation>(
        &mut self,
        operation: &O,
        after: &[&str],
    ) -> Result<BatchItem<O>, BuildError> {
        self.add_after_with(operation, after, &CallOptions::default())
    }

    /// Adds `operation`, to run after the requests `after` names, with the headers `options`
    /// make (`ConsistencyLevel`, `Prefer`, `If-Match`, others, and `client-request-id` when
    /// given) in its own `headers`, after its documented ones and replacing any of the same
    /// name; several values of one name are comma-joined. JSON batching has no timeout per
    /// request: a timeout here is [`BuildError::BatchItemTimeout`], and the options of the
    /// batch's call ([`Client::send_batch_with`]) carry it.
    pub fn add_after_with<O: Operation>(
        &mut self,
        operation: &O,
        after: &[&str],
        options: &CallOptions,
    ) -> Result<BatchItem<O>, BuildError> {
        if let Some(version) = &self.api_version
            && version != operation.api_version()
        {
            return Err(BuildError::BatchVersions {
                batch: version.clone(),
                operation: operation.api_version().to_owned(),
            });
        }
        if let Some(unknown) = after
            .iter()
            .find(|id| !self.requests.iter().any(|request| request.id == **id))
        {
            return Err(BuildError::BatchDependency {
                id: (*unknown).to_owned(),
            });
        }
        if options.timeout.is_some() {
            return Err(BuildError::BatchItemTimeout);
        }
        let body = operation
            .body()
            .map_err(BuildError::Body)?
            .map(|bytes| serde_json::from_slice::<Value>(&bytes).map_err(BuildError::Body))
            .transpose()?;
        let mut headers: BTreeMap<String, String> = O::INFO
            .headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        for (name, value) in operation.request_headers().pairs() {
            headers.insert(name.to_owned(), value);
        }
        if body.is_some() {
            headers.insert(
                CONTENT_TYPE.as_str().to_owned(),
                "application/json".to_owned(),
            );
        }
        let extra = options.option_headers()?;
        for name in extra.keys() {
            let values = extra
                .get_all(name)
                .iter()
                .map(|value| std::str::from_utf8(value.as_bytes()))
                .collect::<Result<Vec<&str>, _>>()
                .map_err(|_| BuildError::BatchHeaderNotText {
                    name: name.as_str().to_owned(),
                })?;
            // Documented names keep their documented case; HTTP names are case-insensitive.
            headers.retain(|documented, _| !documented.eq_ignore_ascii_case(name.as_str()));
            headers.insert(name.as_str().to_owned(), values.join(", "));
        }
        let url = target(operation)?;
        self.api_version
            .get_or_insert_with(|| operation.api_version().to_owned());
        let id = (self.requests.len() + 1).to_string();
        self.requests.push(BatchRequestItem {
            id: id.clone(),
            method: O::INFO.method.to_string(),
            url,
            depends_on: after.iter().map(|id| (*id).to_owned()).collect(),
            headers,
            body,
        });
        Ok(BatchItem {
            id,
            operation: PhantomData,
        })
    }

    /// The requests split into batches Graph accepts: at most [`MAX_BATCH_REQUESTS`] each,
    /// every `dependsOn` chain whole in one, in the order added.
    fn chunks(&self) -> Result<Vec<Vec<BatchRequestItem>>, BuildError> {
        // Each request's group is its first dependency's, merged with the others'.
        let mut group: HashMap<&str, usize> = HashMap::new();
        let mut groups: Vec<Vec<&BatchRequestItem>> = Vec::new();
        for request in &self.requests {
            let mut joined: Vec<usize> = request
                .depends_on
                .iter()
                .filter_map(|id| group.get(id.as_str()).copied())
                .collect();
            joined.sort_unstable();
            joined.dedup();
            let target = match joined.first() {
                Some(&first) => {
                    for &other in joined.iter().skip(1).rev() {
                        let moved = std::mem::take(&mut groups[other]);
                        for item in &moved {
                            group.insert(item.id.as_str(), first);
                        }
                        groups[first].extend(moved);
                    }
                    first
                }
                None => {
                    groups.push(Vec::new());
                    groups.len() - 1
                }
            };
            groups[target].push(request);
            group.insert(request.id.as_str(), target);
        }
        let mut chunks: Vec<Vec<BatchRequestItem>> = Vec::new();
        for mut members in groups.into_iter().filter(|members| !members.is_empty()) {
            if members.len() > MAX_BATCH_REQUESTS {
                return Err(BuildError::BatchChainTooLong {
                    requests: members.len(),
                });
            }
            members.sort_by_key(|item| item.id.parse::<usize>().unwrap_or(usize::MAX));
            let members = members.into_iter().cloned();
            match chunks.last_mut() {
                Some(chunk) if chunk.len() + members.len() <= MAX_BATCH_REQUESTS => {
                    chunk.extend(members);
                }
                _ => chunks.push(members.collect()),
            }
        }
        Ok(chunks)
    }
}

/// One `POST /$batch`.
struct BatchRequest {
    api_version: String,
    body: Vec<u8>,
}

impl Operation for BatchRequest {
    type Output = BatchAnswer;

    const INFO: OperationInfo = OperationInfo {
        name: "JSON batch",
        method: Method::POST,
        success: StatusCode::OK,
        national_clouds: Availability::Listed(&NationalCloud::ALL),
        // Each request of a batch needs its own operation's permissions.
        permissions: Permissions::NOT_STATED,
        headers: &[("accept", "application/json")],
    };

    fn api_version(&self) -> &str {
        &self.api_version
    }

    fn path(&self) -> Result<String, BuildError> {
        Ok("/$batch".to_owned())
    }

    fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
        Ok(Some(self.body.clone()))
    }
}

/// A batch's answer: `{"responses": [...]}`.
#[derive(Debug, Deserialize)]
struct BatchAnswer {
    responses: Vec<ItemAnswer>,
}

/// One request's answer in a batch.
#[derive(Debug, Clone, Deserialize)]
struct ItemAnswer {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
}

impl ItemAnswer {
    /// How long the service asked to wait before sending this request again, when it was
    /// throttled (`429`) or unavailable (`503`) and said so.
    fn retry_after(&self, now: SystemTime) -> Option<Duration> {
        if !matches!(self.status, 429 | 503) {
            return None;
        }
        self.headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(RETRY_AFTER.as_str()))
            .and_then(|(_, value)| parse_retry_after(value, now))
    }

    /// The answer as an HTTP response, for the operation's own parsing.
    fn to_http(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(
            self.body
                .as_ref()
                .map(|body| serde_json::to_vec(body).unwrap_or_default())
                .unwrap_or_default(),
        );
        *response.status_mut() = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) =
                (HeaderName::try_from(name), HeaderValue::try_from(value))
            {
                response.headers_mut().append(name, value);
            }
        }
        response
    }
}

/// The answers of a [`Batch`], each read with its own operation's parsing.
#[derive(Debug, Clone)]
pub struct BatchResponses {
    answers: HashMap<String, ItemAnswer>,
}

impl BatchResponses {
    /// `item`'s answer read as its operation reads a response: the output, or the error its
    /// status and body make (`404`, `403` naming the permissions, `424 Failed Dependency` when
    /// a request it depends on failed, …). `None` when the service did not answer it.
    pub fn get<O: Operation>(
        &self,
        item: &BatchItem<O>,
    ) -> Option<Result<O::Output, ResponseError>> {
        self.answers
            .get(&item.id)
            .map(|answer| O::parse_response(&answer.to_http()))
    }

    /// `item`'s answer's status, when it was answered.
    pub fn status<O>(&self, item: &BatchItem<O>) -> Option<StatusCode> {
        self.answers
            .get(&item.id)
            .and_then(|answer| StatusCode::from_u16(answer.status).ok())
    }
}

impl Client {
    /// Sends `batch`: as many `POST /$batch` requests as its splitting needs, one after
    /// another. A request the service throttled (`429`, or `503`, with `Retry-After`) is sent
    /// again in a following batch after the longest wait asked, with the requests that failed
    /// only because they depend on it, as often as the client's [`RetryPolicy`] allows
    /// retries; its last answer is kept otherwise.
    ///
    /// [`RetryPolicy`]: crate::RetryPolicy
    pub async fn send_batch(&self, batch: &Batch) -> Result<BatchResponses, Error> {
        self.send_batch_with(batch, &CallOptions::default()).await
    }

    /// Sends `batch` as [`Client::send_batch`] does, each `POST /$batch` with `options`: their
    /// timeout bounds each attempt of it (JSON batching has none per request), and their
    /// headers go on it, not into its requests, which take theirs from
    /// [`Batch::add_after_with`].
    pub async fn send_batch_with(
        &self,
        batch: &Batch,
        options: &CallOptions,
    ) -> Result<BatchResponses, Error> {
        let Some(api_version) = &batch.api_version else {
            return Ok(BatchResponses {
                answers: HashMap::new(),
            });
        };
        let mut answers: HashMap<String, ItemAnswer> = HashMap::new();
        let mut pending: Vec<Vec<BatchRequestItem>> = batch.chunks()?;
        let mut round: u32 = 0;
        loop {
            for chunk in &pending {
                let body = serde_json::to_vec(&serde_json::json!({ "requests": chunk }))
                    .map_err(|error| Error::Build(BuildError::Body(error)))?;
                let request = BatchRequest {
                    api_version: api_version.clone(),
                    body,
                };
                for answer in self.send_with(&request, options).await?.responses {
                    answers.insert(answer.id.clone(), answer);
                }
            }
            round = round.saturating_add(1);
            let now = SystemTime::now();
            let throttled: Vec<(&str, Duration)> = pending
                .iter()
                .flatten()
                .filter_map(|item| {
                    answers
                        .get(&item.id)
                        .and_then(|answer| answer.retry_after(now))
                        .map(|wait| (item.id.as_str(), wait))
                })
                .collect();
            if throttled.is_empty() || round > self.retry_policy().max_retries {
                return Ok(BatchResponses { answers });
            }
            let wait = throttled
                .iter()
                .map(|(_, wait)| *wait)
                .max()
                .unwrap_or_default()
                .min(self.retry_policy().max_delay);
            // The throttled requests, and those that failed only because one of them did; a
            // dependency answered already is no longer named.
            let resent = |item: &BatchRequestItem| {
                throttled.iter().any(|(id, _)| *id == item.id)
                    || (answers
                        .get(&item.id)
                        .is_some_and(|answer| answer.status == 424)
                        && item
                            .depends_on
                            .iter()
                            .any(|id| throttled.iter().any(|(throttled, _)| throttled == id)))
            };
            let again: Vec<BatchRequestItem> = pending
                .iter()
                .flatten()
                .filter(|item| resent(item))
                .cloned()
                .collect();
            let requests = again
                .iter()
                .map(|item| {
                    let mut item = item.clone();
                    item.depends_on
                        .retain(|id| again.iter().any(|other| other.id == *id));
                    item
                })
                .collect();
            tokio::time::sleep(wait).await;
            pending = Batch {
                api_version: batch.api_version.clone(),
                requests,
            }
            .chunks()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NextPage;

    fn list(path: &str) -> NextPage<Value> {
        NextPage::new(format!("https://graph.microsoft.com/v1.0{path}"))
    }

    #[test]
    fn a_batch_is_split_at_twenty_keeping_each_chain_whole() {
        let mut batch = Batch::new();
        for n in 0..19 {
            batch.add(&list(&format!("/users/{n}"))).expect("added");
        }
        let first = batch.add(&list("/groups")).expect("added");
        let second = batch
            .add_after(&list("/groups/delta"), &[first.id()])
            .expect("added");
        let chunks = batch.chunks().expect("chunks");
        let sizes: Vec<usize> = chunks.iter().map(Vec::len).collect();
        assert_eq!(sizes, [19, 2]);
        let ids: Vec<&str> = chunks[1].iter().map(|item| item.id.as_str()).collect();
        assert_eq!(ids, [first.id(), second.id()]);
        assert_eq!(chunks[1][1].depends_on, [first.id()]);
        assert_eq!(chunks[1][1].url, "/groups/delta");
    }

    #[test]
    fn a_batch_holds_one_version_and_known_dependencies() {
        let mut batch = Batch::new();
        batch.add(&list("/users")).expect("added");
        let beta = NextPage::<Value>::new("https://graph.microsoft.com/beta/users");
        assert!(matches!(
            batch.add(&beta),
            Err(BuildError::BatchVersions { .. })
        ));
        assert!(matches!(
            batch.add_after(&list("/groups"), &["7"]),
            Err(BuildError::BatchDependency { id }) if id == "7"
        ));
        let mut chain = Batch::new();
        let mut last = chain.add(&list("/0")).expect("added");
        for n in 1..=MAX_BATCH_REQUESTS {
            last = chain
                .add_after(&list(&format!("/{n}")), &[last.id()])
                .expect("added");
        }
        assert!(matches!(
            chain.chunks(),
            Err(BuildError::BatchChainTooLong { requests: 21 })
        ));
    }

    /// `PATCH /users/{id}` with documented fixed headers, as a generated operation has them.
    struct Rename(&'static str);

    impl Operation for Rename {
        type Output = Value;

        const INFO: OperationInfo = OperationInfo {
            name: "Update user",
            method: Method::PATCH,
            success: StatusCode::OK,
            national_clouds: Availability::Listed(&NationalCloud::ALL),
            permissions: Permissions::NOT_STATED,
            headers: &[
                ("ConsistencyLevel", "eventual"),
                ("Prefer", "return=representation"),
            ],
        };

        fn api_version(&self) -> &str {
            "v1.0"
        }

        fn path(&self) -> Result<String, BuildError> {
            Ok(format!("/users/{}", self.0))
        }

        fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
            serde_json::to_vec(&serde_json::json!({"displayName": "Alex"})).map(Some)
        }
    }

    #[test]
    fn a_refused_item_leaves_the_batch_as_it_was() {
        let mut batch = Batch::new();
        let timed = CallOptions::default().timeout(Duration::from_secs(5));
        assert!(matches!(
            batch.add_with(&list("/users"), &timed),
            Err(BuildError::BatchItemTimeout)
        ));
        let latin1 = CallOptions::default().header(
            HeaderName::from_static("x-name"),
            HeaderValue::from_bytes(b"Z\xfcrich").expect("obs-text is a header value"),
        );
        assert!(matches!(
            batch.add_with(&list("/users"), &latin1),
            Err(BuildError::BatchHeaderNotText { name }) if name == "x-name"
        ));
        assert!(batch.is_empty());
        // Nor did a refused item fix the batch's version.
        let beta = NextPage::<Value>::new("https://graph.microsoft.com/beta/users");
        assert_eq!(batch.add(&beta).expect("added").id(), "1");
    }

    #[cfg(feature = "testing")]
    #[tokio::test]
    async fn each_item_carries_its_own_headers_and_the_call_its_timeout() {
        use crate::AccessToken;
        use crate::testing::ScriptedServer;

        let answers = serde_json::json!({"responses": [
            {"id": "1", "status": 200, "body": {"displayName": "Alex"}},
            {"id": "2", "status": 200, "body": {"value": []}},
            {"id": "3", "status": 200, "body": {"value": []}},
        ]});
        let server = ScriptedServer::start(vec![
            http::Response::builder()
                .header("content-type", "application/json")
                .body(serde_json::to_vec(&answers).expect("JSON"))
                .expect("a response"),
        ])
        .await
        .expect("a server");
        let client = Client::builder(AccessToken::new("token"))
            .service_root(server.service_root())
            .build()
            .expect("a client");

        let mut batch = Batch::new();
        let rename = CallOptions::default()
            .if_match(r#"W/"7""#)
            .prefer("return=minimal")
            .header(
                HeaderName::from_static("x-ms-tag"),
                HeaderValue::from_static("a"),
            )
            .header(
                HeaderName::from_static("x-ms-tag"),
                HeaderValue::from_static("b"),
            );
        let renamed = batch.add_with(&Rename("alex"), &rename).expect("added");
        batch
            .add_after(&list("/users/alex/memberOf"), &[renamed.id()])
            .expect("added");
        let count = CallOptions::default()
            .consistency_level_eventual()
            .client_request_id("d1a3b1b2-0000-4000-8000-000000000003");
        batch
            .add_with(&list("/users/$count"), &count)
            .expect("added");
        let call = CallOptions::default()
            .timeout(Duration::from_secs(30))
            .header(
                HeaderName::from_static("x-ms-call"),
                HeaderValue::from_static("outer"),
            );
        let answers = client
            .send_batch_with(&batch, &call)
            .await
            .expect("answers");
        assert_eq!(
            answers.get(&renamed).expect("answered").expect("a user")["displayName"],
            "Alex"
        );

        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        // The call's own headers go on the `POST /$batch`, not into its requests.
        assert_eq!(requests[0].headers()["x-ms-call"], "outer");
        let sent: Value = serde_json::from_slice(requests[0].body()).expect("JSON");
        assert_eq!(
            sent,
            serde_json::json!({"requests": [
                {"id": "1", "method": "PATCH", "url": "/users/alex",
                 "headers": {
                     "ConsistencyLevel": "eventual",
                     "content-type": "application/json",
                     "if-match": "W/\"7\"",
                     "prefer": "return=minimal",
                     "x-ms-tag": "a, b"},
                 "body": {"displayName": "Alex"}},
                {"id": "2", "method": "GET", "url": "/users/alex/memberOf",
                 "dependsOn": ["1"],
                 "headers": {"accept": "application/json"}},
                {"id": "3", "method": "GET", "url": "/users/$count",
                 "headers": {
                     "accept": "application/json",
                     "client-request-id": "d1a3b1b2-0000-4000-8000-000000000003",
                     "consistencylevel": "eventual"}},
            ]})
        );
    }

    #[cfg(feature = "testing")]
    #[tokio::test]
    async fn each_answer_is_read_by_its_operation_and_a_throttled_request_is_sent_again() {
        use crate::testing::ScriptedServer;
        use crate::{AccessToken, ResponseError};

        let answer = |body: Value| {
            http::Response::builder()
                .header("content-type", "application/json")
                .body(serde_json::to_vec(&body).expect("JSON"))
                .expect("a response")
        };
        let server = ScriptedServer::start(vec![
            answer(serde_json::json!({"responses": [
                {"id": "1", "status": 200, "headers": {"content-type": "application/json"},
                 "body": {"value": [{"id": "u1"}]}},
                {"id": "2", "status": 429, "headers": {"retry-after": "0"},
                 "body": {"error": {"code": "TooManyRequests", "message": "later"}}},
                {"id": "3", "status": 404, "headers": {"content-type": "application/json"},
                 "body": {"error": {"code": "Request_ResourceNotFound", "message": "gone"}}},
            ]})),
            answer(serde_json::json!({"responses": [
                {"id": "2", "status": 200, "body": {"value": [{"id": "g1"}, {"id": "g2"}]}},
            ]})),
        ])
        .await
        .expect("a server");
        let client = Client::builder(AccessToken::new("token"))
            .service_root(server.service_root())
            .build()
            .expect("a client");

        let mut batch = Batch::new();
        let users = batch.add(&list("/users?$top=1")).expect("added");
        let groups = batch.add(&list("/groups")).expect("added");
        let missing = batch.add(&list("/users/nobody")).expect("added");
        let answers = client.send_batch(&batch).await.expect("answers");

        let users = answers.get(&users).expect("answered").expect("a page");
        assert_eq!(users.value[0]["id"], "u1");
        let groups = answers.get(&groups).expect("answered").expect("a page");
        assert_eq!(groups.value.len(), 2);
        assert_eq!(answers.status(&missing), Some(StatusCode::NOT_FOUND));
        assert!(matches!(
            answers.get(&missing).expect("answered"),
            Err(ResponseError::Status {
                status: StatusCode::NOT_FOUND,
                ..
            })
        ));

        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        assert!(
            requests
                .iter()
                .all(|request| request.method() == "POST" && request.uri() == "/v1.0/$batch")
        );
        let sent: Vec<Value> = requests
            .iter()
            .map(|request| serde_json::from_slice(request.body()).expect("JSON"))
            .collect();
        assert_eq!(
            sent[0]["requests"][0],
            serde_json::json!({"id": "1", "method": "GET", "url": "/users?$top=1",
                "headers": {"accept": "application/json"}})
        );
        assert_eq!(sent[0]["requests"].as_array().map(Vec::len), Some(3));
        let again: Vec<&str> = sent[1]["requests"]
            .as_array()
            .expect("requests")
            .iter()
            .map(|request| request["id"].as_str().expect("an id"))
            .collect();
        assert_eq!(again, ["2"]);
    }
}
