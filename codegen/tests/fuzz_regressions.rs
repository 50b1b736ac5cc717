//! Every input the fuzzer found a problem with (`fuzz/regressions/`), and every seed, run the
//! way the fuzz target runs them: each must end in files or diagnostics, never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use msgraph_codegen::load::{Source, parse_sources};

/// The fuzz target's input format: up to 8 files separated by the byte 0x00.
fn sources(data: &[u8]) -> Vec<Source> {
    let root = Path::new("fuzzspec");
    data.splitn(8, |&b| b == 0)
        .enumerate()
        .map(|(i, bytes)| Source {
            file: if i == 0 {
                root.join("api.yaml")
            } else {
                root.join("res").join(format!("page{i}.yaml"))
            },
            bytes: bytes.to_vec(),
        })
        .collect()
}

fn inputs(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn fuzz_findings_and_seeds_never_panic() {
    let regressions = inputs("regressions");
    assert!(!regressions.is_empty(), "the fuzzer's findings are kept");
    for input in regressions.iter().chain(&inputs("seeds/generate")) {
        let data = fs::read(input).expect("read");
        let outcome = parse_sources(Path::new("fuzzspec"), sources(&data))
            .and_then(|spec| msgraph_codegen::build(&spec));
        // Either is fine; reaching this line means no panic. An error says where and what.
        if let Err(diagnostics) = outcome {
            assert!(!diagnostics.is_empty(), "{}", input.display());
            for diagnostic in diagnostics.iter() {
                assert!(
                    diagnostic.location.file.starts_with("fuzzspec")
                        && !diagnostic.message.trim().is_empty(),
                    "{}: {diagnostic:?}",
                    input.display()
                );
            }
        }
    }
}

/// The finding itself: a property named with `²`, which is alphanumeric but cannot be in an
/// identifier, now generates.
#[test]
fn the_non_identifier_character_finding_generates() {
    let data = fs::read(
        inputs("regressions")
            .into_iter()
            .find(|p| p.ends_with("crash-nonxid-field-name"))
            .expect("kept"),
    )
    .expect("read");
    let spec = parse_sources(Path::new("fuzzspec"), sources(&data)).expect("loads");
    let files = msgraph_codegen::build(&spec).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        files.iter().any(|f| f.contents.contains("i_de_v")),
        "the field is named from its ASCII words"
    );
}
