//! Hand-written support shared by every generated type and operation.
//!
//! The generator copies these modules into each crate it writes, so a generated crate stands
//! alone: it needs no runtime crate of a matching version.
//!
//! The sans-IO core ([`Operation`], its request and response types) needs no HTTP client; the
//! async `Client` that sends operations comes with the cargo feature `client` (on by default).

#[cfg(feature = "client")]
mod client;
mod cloud;
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
mod token;

#[cfg(feature = "client")]
pub use client::{
    CallOptions, Client, ClientBuilder, Credential, CredentialError, Error, RedirectRefusal,
    RetryPolicy, TokenFuture,
};
pub use cloud::{Availability, NationalCloud, ServiceRoot};
pub use date_time::{DateTimeOffset, ParseDateTimeError};
pub use decimal::Decimal;
pub use enumeration::{Flags, UnknownValue, deserialize_enum, odata_type};
pub use error::{BuildError, GraphError, InnerError, ResponseError};
pub use object::{Object, deserialize_object, read_into};
pub use operation::{Operation, PathSegment, Updated};
pub use page::{NextPage, Page, ValueOf};
pub use patch::Patch;
pub use path::RequestPath;
pub use permissions::{
    Accepted, Grant, LeastPrivilege, PermissionType, Permissions, least_privilege,
};
pub use primitives::{Binary, Date, Duration, ParsePrimitiveError, TimeOfDay};
pub use properties::{Properties, Property, PropertyVisitor, debug_object, serialize_object};
pub use query::{FunctionArguments, QueryOptions};
pub use token::AccessToken;

/// The `http` crate this crate builds requests with, so callers use the same version.
pub use http;
/// The `reqwest` crate the client sends with, so that a client of your own
/// ([`ClientBuilder::http_client`]) is of the same version.
#[cfg(feature = "client")]
pub use reqwest;
