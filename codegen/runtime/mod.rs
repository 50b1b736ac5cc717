//! Hand-written support shared by every generated type and operation.
//!
//! The generator copies these modules into each crate it writes, so a generated crate stands
//! alone: it needs no runtime crate of a matching version.

mod cloud;
mod date_time;
mod enumeration;
mod error;
mod operation;
mod patch;
mod token;

pub use cloud::{NationalCloud, ServiceRoot};
pub use date_time::{DateTimeOffset, ParseDateTimeError};
pub use enumeration::{UnknownValue, deserialize_enum};
pub use error::{BuildError, GraphError, InnerError, ResponseError};
pub use operation::{Operation, PathSegment, Updated};
pub use patch::Patch;
pub use token::AccessToken;

/// The `http` crate this crate builds requests with, so callers use the same version.
pub use http;
