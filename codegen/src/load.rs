//! Reads every YAML file below the spec directory, in a stable order.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cache;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use rayon::prelude::*;
use serde_saphyr::Spanned;

use crate::spec::{Api, Endpoint, Entity, Enumeration, SpecFile};

/// Larger spec files are refused: no documentation page comes near it, and it bounds the time
/// and memory a malformed file can cost.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A parsed spec item and the file it came from.
#[derive(Debug)]
pub struct Sourced<T> {
    /// The file, as the spec directory path joined with its relative path.
    pub file: PathBuf,
    /// The parsed item.
    pub item: T,
}

/// Everything under `spec/`, parsed, each kind sorted by file path.
#[derive(Debug)]
pub struct Spec {
    /// The one `api` file.
    pub api: Sourced<Api>,
    /// Entity pages.
    pub entities: Vec<Sourced<Entity>>,
    /// Complex-type pages.
    pub complex_types: Vec<Sourced<Entity>>,
    /// Enum pages.
    pub enums: Vec<Sourced<Enumeration>>,
    /// API pages.
    pub endpoints: Vec<Sourced<Endpoint>>,
    /// Referenced types without a page in the spec.
    pub opaque_types: Vec<Sourced<Spanned<String>>>,
}

impl Spec {
    /// Takes the endpoints out, leaving none: for a caller that lowers them by value
    /// ([`crate::lower::lower_apart`]), dropping each once lowered. Each is boxed, so dropping
    /// it frees all of it (an endpoint is a kilobyte before its strings), not only what it
    /// points to while a list of every endpoint stays allocated.
    pub fn take_endpoints(&mut self) -> Vec<Box<Sourced<Endpoint>>> {
        let endpoints = std::mem::take(&mut self.endpoints);
        // Not `collect`, which would keep the list's buffer for the boxes.
        let mut boxed = Vec::with_capacity(endpoints.len());
        boxed.extend(endpoints.into_iter().map(Box::new));
        boxed
    }
}

/// A spec file's path and contents, before parsing.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file, as the spec directory path joined with its relative path.
    pub file: PathBuf,
    /// Its raw bytes.
    pub bytes: Vec<u8>,
}

/// Loads and parses every `*.yaml` file below `dir`. All files are read even when some fail,
/// so one run reports every error.
pub fn load(dir: &Path) -> Result<Spec, Diagnostics> {
    load_fingerprinted(dir).map(|(spec, _)| spec)
}

/// [`load`], with a hash of the files it read ([`fingerprint`]): of the very bytes parsed, so a
/// file edited while the generator runs cannot pair one version's hash with another's output.
pub fn load_fingerprinted(dir: &Path) -> Result<(Spec, u64), Diagnostics> {
    let files = yaml_files(dir)?;
    if files.is_empty() {
        return Err(Diagnostic::new(
            Location::file(dir),
            "the spec directory holds no `.yaml` files",
        )
        .with_hint("run with `--spec DIR` pointing at the folder that holds `api.yaml`")
        .into());
    }
    // Each file is parsed as soon as it is read, so its text is freed at once: the spec's
    // text is never held whole beside what it parses into.
    let parsed: Vec<_> = files
        .into_par_iter()
        .map(|file| {
            let parsed = read_file(&file).and_then(|bytes| {
                let hash = cache::contents_hash(&bytes);
                parse_source(&file, bytes).map(|parsed| (parsed, hash))
            });
            (file, parsed)
        })
        .collect();
    let fingerprint = combine(
        dir,
        parsed
            .iter()
            .map(|(file, parsed)| (file, parsed.as_ref().map_or(0, |(_, hash)| *hash))),
    );
    let parsed = parsed
        .into_iter()
        .map(|(file, parsed)| (file, parsed.map(|(parsed, _)| parsed)))
        .collect();
    assemble(dir, parsed).map(|spec| (spec, fingerprint))
}

/// A hash of every spec file below `dir`, its path and its contents, read but not parsed: the
/// same as [`load_fingerprinted`] gives for the same files.
pub fn fingerprint(dir: &Path) -> Result<u64, Diagnostic> {
    let hashes = yaml_files(dir)?
        .into_par_iter()
        .map(|file| {
            let hash = cache::contents_hash(&read_file(&file)?);
            Ok((file, hash))
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    Ok(combine(
        dir,
        hashes.iter().map(|(file, hash)| (file, *hash)),
    ))
}

/// One hash of the files' paths below `dir` and their contents' hashes, in file order.
fn combine<'a>(dir: &Path, files: impl Iterator<Item = (&'a PathBuf, u64)>) -> u64 {
    let files: Vec<(&Path, u64)> = files
        .map(|(file, hash)| (file.strip_prefix(dir).unwrap_or(file), hash))
        .collect();
    cache::hash(&files)
}

/// Parses spec files already in memory; `root` is the spec directory they are below.
pub fn parse_sources(root: &Path, sources: Vec<Source>) -> Result<Spec, Diagnostics> {
    assemble(root, parse_in_parallel(sources))
}

/// The spec from every file's parse, in file order, reporting every file that did not parse.
fn assemble(
    root: &Path,
    parsed: Vec<(PathBuf, Result<SpecFile, Diagnostic>)>,
) -> Result<Spec, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut apis = Vec::new();
    let mut entities = Vec::new();
    let mut complex_types = Vec::new();
    let mut enums = Vec::new();
    let mut endpoints = Vec::new();
    let mut opaque_types = Vec::new();
    for (file, parsed) in parsed {
        match parsed {
            Ok(SpecFile::Api(item)) => apis.push(Sourced { file, item: *item }),
            Ok(SpecFile::Entity(item)) => entities.push(Sourced { file, item: *item }),
            Ok(SpecFile::ComplexType(item)) => complex_types.push(Sourced { file, item: *item }),
            Ok(SpecFile::Enum(item)) => enums.push(Sourced { file, item: *item }),
            Ok(SpecFile::Endpoint(item)) => endpoints.push(Sourced { file, item: *item }),
            Ok(SpecFile::OpaqueTypes(names)) => {
                opaque_types.extend(names.into_iter().map(|item| Sourced {
                    file: file.clone(),
                    item,
                }));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }

    let mut apis = apis.into_iter();
    let Some(api) = apis.next() else {
        diagnostics.push(
            Diagnostic::new(Location::file(root), "no file with a top-level `api` key")
                .with_hint("add `api.yaml` with the namespace, version and crate settings"),
        );
        return Err(diagnostics);
    };
    for extra in apis {
        diagnostics.push(
            Diagnostic::new(Location::file(&extra.file), "a second `api` file")
                .with_related(Location::file(&api.file), "the first `api` file")
                .with_hint("keep one `api` file per spec directory"),
        );
    }
    diagnostics.into_result(Spec {
        api,
        entities,
        complex_types,
        enums,
        endpoints,
        opaque_types,
    })
}

/// Parses every source on every core, keeping their order: files are independent, and YAML
/// parsing is most of loading.
fn parse_in_parallel(sources: Vec<Source>) -> Vec<(PathBuf, Result<SpecFile, Diagnostic>)> {
    sources
        .into_par_iter()
        .map(|Source { file, bytes }| {
            let parsed = parse_source(&file, bytes);
            (file, parsed)
        })
        .collect()
}

/// Every `*.yaml` file below `dir`, sorted by path so the output never depends on directory
/// order.
fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = fs::read_dir(&current).map_err(|error| {
            Diagnostic::new(
                Location::file(&current),
                format!("cannot read the spec directory: {error}"),
            )
        })?;
        for entry in entries {
            let path = entry
                .map_err(|error| {
                    Diagnostic::new(Location::file(&current), format!("cannot list: {error}"))
                })?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn too_large(file: &Path, size: u64) -> Diagnostic {
    Diagnostic::new(
        Location::file(file),
        format!("the file has {size} bytes, more than the {MAX_FILE_BYTES} a spec file may have"),
    )
    .with_hint("split it: one file per documentation page")
}

/// Reads a file, refusing oversized ones before reading them.
fn read_file(file: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot_read = |error: std::io::Error| {
        Diagnostic::new(Location::file(file), format!("cannot read: {error}"))
    };
    let size = fs::metadata(file).map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(file, size));
    }
    fs::read(file).map_err(cannot_read)
}

fn parse_source(file: &Path, bytes: Vec<u8>) -> Result<SpecFile, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let before = &error.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Diagnostic::new(
            Location {
                file: file.to_path_buf(),
                line: line as u64,
                column: column as u64,
            },
            "the file is not valid UTF-8",
        )
        .with_hint("save spec files as UTF-8")
    })?;
    if text.trim().is_empty() {
        return Err(
            Diagnostic::new(Location::file(file), "the file is empty").with_hint(
                "a spec file has one top-level key: `api`, `entity`, `complex_type`, `enum`, `endpoint` or `opaque_types`",
            ),
        );
    }
    serde_saphyr::from_str::<SpecFile>(&text).map_err(|error| yaml_diagnostic(file, &error))
}

fn yaml_diagnostic(file: &Path, error: &serde_saphyr::Error) -> Diagnostic {
    let location = error
        .location()
        .filter(|location| location.line() > 0)
        .map_or_else(
            || Location::file(file),
            |location| Location::in_file(file, &location),
        );
    let message = error.without_snippet().to_string();
    let hint = if message.contains("unknown field") || message.contains("unknown variant") {
        "check the key's spelling against spec/README.md"
    } else if message.contains("missing field") {
        "add the missing key; spec/README.md lists what each kind of file needs"
    } else {
        "spec/README.md describes the format"
    };
    Diagnostic::new(location, message).with_hint(hint)
}
