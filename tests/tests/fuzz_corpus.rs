//! Every input the fuzzer found a problem with (`fuzz/regressions/`), and every seed, run the
//! way the fuzz target runs them: each must end in files or diagnostics, never a panic; and each
//! that ends in files is compiled, tested and documented with warnings denied, since parsing
//! alone misses generated code that does not compile. `MSGRAPH_FUZZ_CORPUS` names a folder of
//! further inputs (a fuzzing run's corpus) to compile the same way, at most
//! [`CORPUS_BATCH`] of them.

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

/// How many inputs of a corpus named by `MSGRAPH_FUZZ_CORPUS` are compiled.
const CORPUS_BATCH: usize = 32;

fn inputs(folder: &str) -> Vec<PathBuf> {
    files_in(&msgraph_tests::workspace_root().join("fuzz").join(folder))
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
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

/// Generates `data` as the fuzz target does; `None` when it ends in diagnostics.
fn generate(data: &[u8]) -> Option<Vec<msgraph_codegen::emit::GeneratedFile>> {
    let spec = parse_sources(Path::new("fuzzspec"), sources(data)).ok()?;
    msgraph_codegen::build(&spec).ok()
}

#[test]
fn what_the_fuzz_inputs_generate_compiles_warning_free() {
    let read = |input: &PathBuf| fs::read(input).expect("read");
    let mut batch: Vec<Vec<u8>> = inputs("regressions")
        .iter()
        .chain(&inputs("seeds/generate"))
        .map(read)
        .filter(|data| generate(data).is_some())
        .collect();
    let seeds = batch.len();
    if let Some(corpus) = std::env::var_os("MSGRAPH_FUZZ_CORPUS") {
        let generating = files_in(Path::new(&corpus))
            .into_iter()
            .map(|input| read(&input))
            .filter(|data| generate(data).is_some());
        batch.extend(generating.take(CORPUS_BATCH));
    }
    for data in batch {
        let dir = tempfile::tempdir().expect("tempdir");
        msgraph_tests::write_sources(dir.path(), Path::new("fuzzspec"), sources(&data));
        msgraph_tests::build_and_test_generated(dir.path(), "#[test]\nfn builds() {}\n", &[]);
    }
    assert!(seeds >= 2, "the seeds that generate are compiled: {seeds}");
}
