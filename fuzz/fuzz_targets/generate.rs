//! Fuzzes the spec loader, the validator and the generator end to end.
//!
//! Input: up to 8 YAML files separated by the byte 0x00. Chunk 0 is `fuzzspec/api.yaml`,
//! chunk i > 0 is `fuzzspec/res/page{i}.yaml` (a page inside the resource folder `res`).
//! Any `Err` is a diagnostic and fine; a panic, a hang or runaway memory is a finding.
//!
//! Set `FUZZ_VERBOSE=1` when replaying inputs to print each outcome on stderr.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use msgraph_codegen::load::{Source, parse_sources};

const MAX_FILES: usize = 8;

fn verbose() -> bool {
    static VERBOSE: OnceLock<bool> = OnceLock::new();
    *VERBOSE.get_or_init(|| std::env::var_os("FUZZ_VERBOSE").is_some_and(|v| v == "1"))
}

fuzz_target!(|data: &[u8]| {
    let root = Path::new("fuzzspec");
    let sources: Vec<Source> = data
        .splitn(MAX_FILES, |&b| b == 0)
        .enumerate()
        .map(|(i, bytes)| Source {
            file: if i == 0 {
                root.join("api.yaml")
            } else {
                root.join("res").join(format!("page{i}.yaml"))
            },
            bytes: bytes.to_vec(),
        })
        .collect();
    let spec = match parse_sources(root, sources) {
        Ok(spec) => spec,
        Err(diagnostics) => {
            let text = diagnostics.to_string();
            if verbose() {
                eprintln!("load: {text}");
            }
            return;
        }
    };
    match msgraph_codegen::build(&spec) {
        Ok(files) => {
            if verbose() {
                let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
                eprintln!("build: ok, {} files, {bytes} bytes", files.len());
            }
        }
        Err(diagnostics) => {
            let text = diagnostics.to_string();
            if verbose() {
                eprintln!("build: {text}");
            }
        }
    }
});
