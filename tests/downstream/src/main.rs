//! Sets the revoke status of a device certificate state, as a program built on `msgraph-beta`
//! would.
//!
//! ```text
//! MSGRAPH_TOKEN=eyJ0… update-certificate-state <id> <none|pending|issued|failed|revoked> [--base-url URL]
//! ```
//!
//! `--base-url` sends the request to a proxy or test server standing in for the global cloud.

use std::process::ExitCode;
use std::time::Duration;

use msgraph_beta::runtime::{AccessToken, Client, NationalCloud, Patch, ServiceRoot, Updated};
use msgraph_beta::{
    CertificateRevocationStatus, ManagedAllDeviceCertificateStatePatch,
    UpdateManagedAllDeviceCertificateState,
};

const USAGE: &str =
    "usage: MSGRAPH_TOKEN=… update-certificate-state <id> <status> [--base-url URL]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()).await {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Vec<String>) -> Result<String, String> {
    let [id, status, rest @ ..] = args.as_slice() else {
        return Err(USAGE.to_owned());
    };
    let root = match rest {
        [] => ServiceRoot::from(NationalCloud::Global),
        [flag, url] if flag == "--base-url" => {
            ServiceRoot::custom(NationalCloud::Global, url.as_str()).map_err(|e| e.to_string())?
        }
        _ => return Err(USAGE.to_owned()),
    };
    let token =
        std::env::var("MSGRAPH_TOKEN").map_err(|_| format!("MSGRAPH_TOKEN is not set\n{USAGE}"))?;

    let client = Client::builder(AccessToken::new(token))
        .service_root(root)
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let mut body = ManagedAllDeviceCertificateStatePatch::default();
    body.certificate_revoke_status = Patch::Set(CertificateRevocationStatus::from(status.as_str()));
    let operation = UpdateManagedAllDeviceCertificateState::new(id.as_str(), body);

    match client.send(&operation).await.map_err(|e| e.to_string())? {
        Updated::Entity(state) => Ok(format!(
            "updated {}: revoke status {}",
            state.id.as_deref().unwrap_or(id),
            state
                .certificate_revoke_status
                .map_or_else(|| "not returned".to_owned(), |s| s.to_string())
        )),
        Updated::NoContent => Ok(format!("updated {id} (204 No Content)")),
    }
}
