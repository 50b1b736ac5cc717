//! The runtime of the crates that `msgraph-codegen` generates for Microsoft Graph (such as
//! `msgraph-beta`): what every generated type and operation relies on.
//!
//! Generated crates depend on this crate rather than carrying a copy of it, so a program using
//! several of them (the beta API and v1.0, say) has one `Client`, one credential and one error
//! type for all. Each generated crate re-exports it as its `runtime` module:
//! `msgraph_beta::runtime::Client` is this crate's `Client`.
//!
//! The sans-IO core ([`Operation`], its request and response types) needs no HTTP client; the
//! async `Client` that sends operations comes with the cargo feature `client` (on by default).
//! With the cargo feature `tracing`, each call of the client is a `tracing` span named
//! `msgraph.request`, with OpenTelemetry's HTTP attribute names (`http.request.method`,
//! `url.full` with query values redacted, `http.response.status_code`,
//! `http.request.resend_count`, …) and Graph's `request-id`; never a token or a body.
//! With the cargo feature `azure-identity`, [`AzureCredential`] makes any `azure_core`
//! `TokenCredential` (those of `azure_identity`: client secret, certificate, managed identity,
//! workload identity, Azure CLI, …) the client's credential.
//!
//! One runtime serves every API version: each operation names its own
//! ([`Operation::api_version`]).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(feature = "azure-identity")]
mod azure;
#[cfg(feature = "client")]
mod batch;
mod bind;
#[cfg(feature = "client")]
mod client;
mod cloud;
mod content;
#[cfg(feature = "client")]
mod credential;
mod date_time;
mod decimal;
mod enumeration;
mod error;
mod object;
mod operation;
mod page;
mod patch;
mod path;
mod permissions;
mod primitives;
mod properties;
mod query;
mod request_headers;
#[cfg(feature = "client")]
mod response;
#[cfg(feature = "testing")]
pub mod testing;
mod token;
#[cfg(feature = "tracing")]
mod trace;
#[cfg(feature = "client")]
mod upload;

#[cfg(feature = "azure-identity")]
pub use azure::{AzureCredential, AzureCredentialError};
#[cfg(feature = "client")]
pub use batch::{Batch, BatchItem, BatchResponses, MAX_BATCH_REQUESTS};
pub use bind::{bind_many, bind_one};
#[cfg(feature = "client")]
pub use client::{CallOptions, Client, ClientBuilder, Error, RedirectRefusal, RetryPolicy};
pub use cloud::{Availability, NationalCloud, ServiceRoot};
pub use content::{Answer, Content, Location, Monitor, Text, Upload};
#[cfg(feature = "client")]
pub use credential::{Credential, CredentialError, TokenCache, TokenFuture, TokenRequest};
pub use date_time::{DateTimeOffset, ParseDateTimeError};
pub use decimal::Decimal;
pub use enumeration::{Flags, UnknownValue, deserialize_enum, odata_type};
pub use error::{BuildError, GraphError, InnerError, ResponseError};
pub use object::{Object, deserialize_object, read_into};
pub use operation::{Operation, OperationInfo, PathSegment, Updated};
pub use page::{NextPage, Page, ValueOf};
pub use patch::Patch;
pub use path::RequestPath;
pub use permissions::{
    Accepted, Grant, LeastPrivilege, PermissionType, Permissions, least_privilege,
};
pub use primitives::{Binary, Date, Duration, ParsePrimitiveError, TimeOfDay};
pub use properties::{Properties, Property, PropertyVisitor, debug_object, serialize_object};
pub use query::{FunctionArguments, QueryOptions, QueryParameters};
pub use request_headers::RequestHeaders;
#[cfg(feature = "client")]
pub use response::Response;
pub use token::AccessToken;
#[cfg(feature = "client")]
pub use upload::{ChunkAnswer, UPLOAD_CHUNK_MULTIPLE, UploadChunk, UploadProgress, UploadStatus};

/// This crate's version. A generator built with it names it as the generated crates'
/// requirement, so their code finds every item it was generated against.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The `azure_core` crate whose `TokenCredential`s [`AzureCredential`] takes, so that
/// `azure_identity`'s credentials and yours are of the same version.
#[cfg(feature = "azure-identity")]
pub use azure_core;
/// The `http` crate this crate builds requests with, so callers use the same version.
pub use http;
/// The `reqwest` crate the client sends with, so that a client of your own
/// ([`ClientBuilder::http_client`]) is of the same version.
#[cfg(feature = "client")]
pub use reqwest;
