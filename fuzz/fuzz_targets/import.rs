//! Fuzzes the importer: documentation pages in, a spec out that must load, validate and
//! generate. Input: up to 8 pages separated by the byte 0x00 (markdown when a page opens with
//! `---`, else a plain-text rendering). A page the importer notes or fails is fine; a panic, a
//! spec the generator refuses, a hang or runaway memory is a finding.
//!
//! Set `FUZZ_VERBOSE=1` when replaying inputs to print each outcome on stderr.
#![no_main]

#[path = "../harness/import_pages.rs"]
mod import_pages;

use libfuzzer_sys::fuzz_target;

const API_YAML: &str = include_str!("../../spec/api.yaml");

fuzz_target!(|data: &[u8]| {
    let outcome = import_pages::import_pages(API_YAML, data);
    if std::env::var_os("FUZZ_VERBOSE").is_some_and(|v| v == "1") {
        eprintln!(
            "import: {} pages imported, {} failed, {} files generated",
            outcome.imported, outcome.failed, outcome.generated
        );
    }
});
