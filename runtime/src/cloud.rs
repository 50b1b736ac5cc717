use std::borrow::Cow;
use std::fmt;

use http::Uri;

use crate::BuildError;

/// The Microsoft Graph deployments ("national clouds") an operation can be sent to.
///
/// Each operation carries what its documentation says about its [`Availability`];
/// [`Operation::to_http_request`](crate::Operation::to_http_request) refuses a cloud only where
/// the documentation lists others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum NationalCloud {
    /// The global service, `https://graph.microsoft.com`.
    #[default]
    Global,
    /// Microsoft Graph for US Government L4, `https://graph.microsoft.us`.
    UsGovL4,
    /// Microsoft Graph for US Government L5 (DOD), `https://dod-graph.microsoft.us`.
    UsGovL5Dod,
    /// Microsoft Graph China operated by 21Vianet, `https://microsoftgraph.chinacloudapi.cn`.
    China21Vianet,
}

impl NationalCloud {
    /// Every national cloud, in documentation order.
    pub const ALL: [Self; 4] = [
        Self::Global,
        Self::UsGovL4,
        Self::UsGovL5Dod,
        Self::China21Vianet,
    ];

    /// The service root, without a trailing slash.
    pub const fn base_url(self) -> &'static str {
        match self {
            Self::Global => "https://graph.microsoft.com",
            Self::UsGovL4 => "https://graph.microsoft.us",
            Self::UsGovL5Dod => "https://dod-graph.microsoft.us",
            Self::China21Vianet => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The OAuth 2.0 scope that asks this cloud's identity platform for a Graph token,
    /// e.g. `https://graph.microsoft.com/.default`.
    pub fn scope(self) -> String {
        format!("{}/.default", self.base_url())
    }

    /// The name the documentation uses for this cloud.
    pub const fn documented_name(self) -> &'static str {
        match self {
            Self::Global => "Global service",
            Self::UsGovL4 => "US Government L4",
            Self::UsGovL5Dod => "US Government L5 (DOD)",
            Self::China21Vianet => "China operated by 21Vianet",
        }
    }
}

impl fmt::Display for NationalCloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.documented_name())
    }
}

/// Which national clouds the documentation says an operation is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Availability {
    /// The documentation lists these clouds; a request to another is refused before sending.
    Listed(&'static [NationalCloud]),
    /// The documentation does not say; a request goes to any cloud and the service decides.
    NotStated,
}

impl Availability {
    /// Whether a request may be sent to `cloud`.
    pub fn allows(self, cloud: NationalCloud) -> bool {
        match self {
            Self::Listed(clouds) => clouds.contains(&cloud),
            Self::NotStated => true,
        }
    }
}

/// Where requests go: a national cloud's own service root, or another base URL standing in for
/// that cloud (a proxy, a test server).
///
/// The cloud still decides which operations are available.
///
/// ```
/// use msgraph_runtime::{NationalCloud, ServiceRoot};
///
/// let global = ServiceRoot::from(NationalCloud::Global);
/// assert_eq!(global.base_url(), "https://graph.microsoft.com");
/// let proxy = ServiceRoot::custom(NationalCloud::UsGovL4, "http://127.0.0.1:8080/")?;
/// assert_eq!(proxy.base_url(), "http://127.0.0.1:8080");
/// assert_eq!(proxy.cloud(), NationalCloud::UsGovL4);
/// # Ok::<(), msgraph_runtime::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServiceRoot {
    cloud: NationalCloud,
    base_url: Cow<'static, str>,
}

impl ServiceRoot {
    /// `base_url` (scheme, host, optional port and path prefix) in place of `cloud`'s own root.
    ///
    /// It must be `https`, except to a loopback host (`127.0.0.0/8`, `::1`, `localhost`), where
    /// plain `http` serves local proxies and test servers: anywhere else the token would travel
    /// unencrypted.
    pub fn custom(cloud: NationalCloud, base_url: impl Into<String>) -> Result<Self, BuildError> {
        let mut base_url = base_url.into();
        while base_url.ends_with('/') {
            base_url.pop();
        }
        let uri: Uri = base_url.parse().map_err(BuildError::Uri)?;
        let (Some(scheme), Some(host)) = (uri.scheme_str(), uri.host()) else {
            return Err(BuildError::BaseUrl(base_url));
        };
        if uri.query().is_some() {
            return Err(BuildError::BaseUrl(base_url));
        }
        if scheme != "https" && !(scheme == "http" && is_loopback(host)) {
            return Err(BuildError::InsecureBaseUrl(base_url));
        }
        Ok(Self {
            cloud,
            base_url: Cow::Owned(base_url),
        })
    }

    /// The cloud whose rules apply.
    pub fn cloud(&self) -> NationalCloud {
        self.cloud
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Whether `uri` has this root's origin (scheme, host and port): where the token may go.
    pub(crate) fn same_origin(&self, uri: &Uri) -> bool {
        let Ok(base) = self.base_url.parse::<Uri>() else {
            return false;
        };
        base.scheme() == uri.scheme()
            && base.host().map(str::to_ascii_lowercase) == uri.host().map(str::to_ascii_lowercase)
            && base.port_u16() == uri.port_u16()
    }
}

fn is_loopback(host: &str) -> bool {
    let ip = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || ip
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl From<NationalCloud> for ServiceRoot {
    fn from(cloud: NationalCloud) -> Self {
        Self {
            cloud,
            base_url: Cow::Borrowed(cloud.base_url()),
        }
    }
}
