//! Upload sessions (cargo feature `client`): a large file sent in byte ranges to the
//! pre-authenticated URL that `createUploadSession` answers with, resumable after a failure.

use std::marker::PhantomData;

use http::header::CONTENT_RANGE;
use http::{HeaderMap, Method, Request, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::content::external_request;
use crate::{
    AccessToken, Answer, Availability, BuildError, Client, Error, NationalCloud, Operation,
    OperationInfo, Permissions, ResponseError, ServiceRoot,
};

/// Chunks must be a multiple of this many bytes (320 KiB), as the documentation requires.
pub const UPLOAD_CHUNK_MULTIPLE: usize = 320 * 1024;

/// Where an upload session stands: what the upload URL answers to a `GET`, and to each chunk
/// but the last.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadProgress {
    /// The ranges the service still expects, `start-end` or `start-` (to the end), by byte
    /// offset; the first one's start is where the upload goes on.
    #[serde(default)]
    pub next_expected_ranges: Vec<String>,
    /// When the session expires, as sent.
    #[serde(default)]
    pub expiration_date_time: Option<String>,
}

impl UploadProgress {
    /// The offset the first expected range starts at, if the service expects any.
    pub fn next_offset(&self) -> Option<u64> {
        let first = self.next_expected_ranges.first()?;
        first.split('-').next()?.trim().parse().ok()
    }
}

/// What the upload URL answers to one chunk: `202 Accepted` with the progress, or, for the
/// last, `200 OK` or `201 Created` with the uploaded item.
#[derive(Debug, Clone, PartialEq)]
pub enum ChunkAnswer<T> {
    /// More is expected.
    Progress(UploadProgress),
    /// The upload is complete: the item it made or replaced.
    Complete(T),
}

impl<T: DeserializeOwned> Answer for ChunkAnswer<T> {
    fn accepts(status: StatusCode) -> bool {
        matches!(status, StatusCode::OK | StatusCode::CREATED)
    }

    fn read(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self, ResponseError> {
        if status == StatusCode::ACCEPTED {
            UploadProgress::read(status, headers, body).map(Self::Progress)
        } else {
            T::read(status, headers, body).map(Self::Complete)
        }
    }
}

/// `PUT` of one byte range to an upload URL, with `Content-Range`, without the token: the URL
/// is pre-authenticated, and the documentation warns that an `Authorization` header can make the
/// upload fail.
#[derive(Debug, Clone)]
pub struct UploadChunk<'a, T> {
    url: &'a str,
    content: &'a [u8],
    start: usize,
    end: usize,
    item: PhantomData<fn() -> T>,
}

impl<'a, T> UploadChunk<'a, T> {
    /// The bytes `start..end` of `content`, to `url`; fails when the range is empty or outside
    /// the content.
    pub fn new(
        url: &'a str,
        content: &'a [u8],
        start: usize,
        end: usize,
    ) -> Result<Self, BuildError> {
        if start >= end || end > content.len() {
            return Err(BuildError::UploadRange {
                start,
                end,
                length: content.len(),
            });
        }
        Ok(Self {
            url,
            content,
            start,
            end,
            item: PhantomData,
        })
    }

    /// The `Content-Range` header's value: `bytes 0-327679/1048576`.
    pub fn content_range(&self) -> String {
        format!(
            "bytes {}-{}/{}",
            self.start,
            self.end - 1,
            self.content.len()
        )
    }
}

impl<T: DeserializeOwned> Operation for UploadChunk<'_, T> {
    type Output = ChunkAnswer<T>;

    const INFO: OperationInfo = OperationInfo {
        name: "upload a byte range",
        method: Method::PUT,
        success: StatusCode::ACCEPTED,
        national_clouds: Availability::Listed(&NationalCloud::ALL),
        // The upload URL carries its own authorization.
        permissions: Permissions::NOT_STATED,
        headers: &[],
    };

    /// The upload URL is outside any version root.
    fn api_version(&self) -> &str {
        ""
    }

    /// Gives [`BuildError::External`]: the upload URL has no path below the version root.
    fn path(&self) -> Result<String, BuildError> {
        Err(BuildError::External {
            url: self.url.to_owned(),
        })
    }

    fn to_http_request(
        &self,
        _: impl Into<ServiceRoot>,
        _: &AccessToken,
    ) -> Result<Request<Vec<u8>>, BuildError> {
        let bytes = self.content[self.start..self.end].to_vec();
        external_request(
            &Self::INFO.method,
            self.url,
            None,
            &[(CONTENT_RANGE.as_str(), self.content_range())],
            Some((bytes, "application/octet-stream")),
        )
    }
}

/// `GET` of an upload URL: where the session stands, without the token.
#[derive(Debug, Clone)]
pub struct UploadStatus<'a> {
    url: &'a str,
}

impl<'a> UploadStatus<'a> {
    /// The status request of the session at `url`.
    pub fn new(url: &'a str) -> Self {
        Self { url }
    }
}

impl Operation for UploadStatus<'_> {
    type Output = UploadProgress;

    const INFO: OperationInfo = OperationInfo {
        name: "upload session status",
        method: Method::GET,
        success: StatusCode::OK,
        national_clouds: Availability::Listed(&NationalCloud::ALL),
        // The upload URL carries its own authorization.
        permissions: Permissions::NOT_STATED,
        headers: &[],
    };

    /// The upload URL is outside any version root.
    fn api_version(&self) -> &str {
        ""
    }

    /// Gives [`BuildError::External`]: the upload URL has no path below the version root.
    fn path(&self) -> Result<String, BuildError> {
        Err(BuildError::External {
            url: self.url.to_owned(),
        })
    }

    fn to_http_request(
        &self,
        _: impl Into<ServiceRoot>,
        _: &AccessToken,
    ) -> Result<Request<Vec<u8>>, BuildError> {
        external_request(&Self::INFO.method, self.url, None, &[], None)
    }
}

impl Client {
    /// Uploads `content` to the session at `upload_url` (the `uploadUrl` of the session that
    /// `createUploadSession` answered with) in chunks of `chunk_size` bytes, a multiple of 320
    /// KiB ([`UPLOAD_CHUNK_MULTIPLE`]), and reads the item the last chunk answers with as `T`.
    ///
    /// A chunk that fails (once the retry policy gave up on it) is not the end: the client asks
    /// the session where it stands and goes on from its first expected range, at most
    /// [`RetryPolicy::max_retries`](crate::RetryPolicy::max_retries) times in a row. The token
    /// never goes to the upload URL.
    pub async fn upload<T: DeserializeOwned>(
        &self,
        upload_url: &str,
        content: &[u8],
        chunk_size: usize,
    ) -> Result<T, Error> {
        self.upload_from(upload_url, content, chunk_size, 0).await
    }

    /// Goes on with an upload that an earlier process started: asks the session where it
    /// stands, then sends the rest as [`Client::upload`] does.
    pub async fn resume_upload<T: DeserializeOwned>(
        &self,
        upload_url: &str,
        content: &[u8],
        chunk_size: usize,
    ) -> Result<T, Error> {
        let start = self.upload_offset(upload_url, content).await?;
        self.upload_from(upload_url, content, chunk_size, start)
            .await
    }

    async fn upload_from<T: DeserializeOwned>(
        &self,
        upload_url: &str,
        content: &[u8],
        chunk_size: usize,
        mut start: usize,
    ) -> Result<T, Error> {
        if chunk_size == 0 || !chunk_size.is_multiple_of(UPLOAD_CHUNK_MULTIPLE) {
            return Err(Error::Build(BuildError::ChunkSize { size: chunk_size }));
        }
        let mut failures = 0;
        loop {
            let end = start.saturating_add(chunk_size).min(content.len());
            let chunk = UploadChunk::<T>::new(upload_url, content, start, end)?;
            match self.send(&chunk).await {
                Ok(ChunkAnswer::Complete(item)) => return Ok(item),
                Ok(ChunkAnswer::Progress(progress)) => {
                    failures = 0;
                    start = offset(&progress, content).unwrap_or(end);
                }
                Err(error @ (Error::Build(_) | Error::Credential(_))) => return Err(error),
                Err(error) => {
                    failures += 1;
                    if failures > self.retry_policy().max_retries {
                        return Err(error);
                    }
                    start = self.upload_offset(upload_url, content).await?;
                }
            }
        }
    }

    /// Where the session at `upload_url` expects the next byte.
    async fn upload_offset(&self, upload_url: &str, content: &[u8]) -> Result<usize, Error> {
        let progress = self.send(&UploadStatus::new(upload_url)).await?;
        offset(&progress, content).ok_or(Error::Build(BuildError::UploadRange {
            start: content.len(),
            end: content.len(),
            length: content.len(),
        }))
    }
}

/// The progress's next offset within `content`.
fn offset(progress: &UploadProgress, content: &[u8]) -> Option<usize> {
    progress
        .next_offset()
        .and_then(|offset| usize::try_from(offset).ok())
        .filter(|&offset| offset < content.len())
}
