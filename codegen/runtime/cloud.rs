use std::fmt;

/// The Microsoft Graph deployments ("national clouds") an operation can be sent to.
///
/// Each operation lists the clouds its documentation says it is available in;
/// [`Operation::to_http_request`](super::Operation::to_http_request) refuses the others.
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
